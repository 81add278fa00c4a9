/**
 * Which cell styles show dates. SpreadsheetML stores a date as a plain number; only the cell's
 * style (s="N", an index into styles.xml's cellXfs) says it is one, through its number format:
 * a built-in id or a custom format code with date or time tokens.
 */
import { attrs, decodeXml, eachElement } from './xml';

/**
 * Built-in number format ids that are dates or times: 14-22 and 45-47 everywhere, and the ids
 * East Asian versions of Excel (zh-TW, ko-KR among our users) use for their local date formats
 * (27-36, 50-58), which their files may reference without a numFmt entry.
 */
const BUILT_IN_DATES: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/**
 * True when a number format code displays a date or time: it has y, m, d, h, s, e (era year) or
 * b (Buddhist year) outside quoted text, backslash escapes, _x/*x padding, [brackets] (colors,
 * locales, elapsed [h]) and the General and scientific E+ tokens.
 * @example isDateFormat("dd/mm/yyyy") === true; isDateFormat('0.00 "days"') === false; isDateFormat("[Red]0.00") === false
 * @throws nothing
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/general/gi, '')
    .replace(/e[+-]/gi, '');
  return /[ymdhseb]/i.test(bare);
}

/**
 * One flag per cellXfs entry of styles.xml: 1 when that style shows a date.
 * @example dateStyles('<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>') // Uint8Array [0, 1]
 * @throws nothing: a styles part it cannot read marks no style as a date
 */
export function dateStyles(stylesXml: string): Uint8Array {
  const custom = new Map<number, boolean>();
  eachElement(stylesXml, 'numFmt', (tag) => {
    const a = attrs(tag);
    const id = Number(a.numFmtId);
    if (Number.isInteger(id)) custom.set(id, isDateFormat(decodeXml(a.formatCode ?? '')));
  });
  const flags: number[] = [];
  const start = findLocal(stylesXml, 'cellXfs');
  if (start >= 0) {
    const end = findLocal(stylesXml, '/cellXfs', start);
    eachElement(stylesXml.slice(start, end < 0 ? undefined : end), 'xf', (tag) => {
      const id = Number(attrs(tag).numFmtId ?? 0);
      flags.push((custom.get(id) ?? BUILT_IN_DATES.has(id)) ? 1 : 0);
    });
  }
  return Uint8Array.from(flags);
}

/** Index of the tag `<name` or `<prefix:name` (name may start with "/"), or -1. */
function findLocal(xml: string, name: string, from = 0): number {
  const re = new RegExp(`<${name.startsWith('/') ? '/' : ''}(?:[\\w.-]+:)?${name.replace('/', '')}[\\s/>]`, 'g');
  re.lastIndex = from;
  return re.exec(xml)?.index ?? -1;
}
