/**
 * SpreadsheetML text for the patching writer: cells of our outputs (strings through the shared
 * strings table, or inline where there is none; never formulas), output tables as whole worksheets, and the styles they use added to a
 * workbook's styles part without disturbing the indices its cells already use.
 */
import { MAX_CELL_TEXT, clipCellText, columnLetters, serialOfIso } from '../cells';
import { NUMBER_FORMATS, type WriteCell, type WriteColour, type WriteColumn, type WriteFormat, type WriteTable } from './model';
import type { SharedStrings } from './sst';
import { PatchError } from './errors';
import { checkWellFormed } from './wellformed';

/**
 * Escapes text for an XML element or attribute.
 * @example xmlEscape('a < "b" & c') === 'a &lt; &quot;b&quot; &amp; c'
 * @throws nothing
 */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>"_\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;

/**
 * Text as Excel stores it in a cell: characters XML 1.0 cannot carry (controls, lone surrogates)
 * written as _xHHHH_, a literal "_x0041_" protected by _x005F_, cut to Excel's 32,767 characters
 * as every writer cuts (clipCellText).
 * @example cellString("a\u0001b") === "a_x0001_b"
 * @throws nothing
 */
export function cellString(s: string): string {
  // Most text needs nothing done: one test instead of three replaces.
  if (s.length <= MAX_CELL_TEXT && !NEEDS_WORK.test(s)) return s;
  // Cut before escaping: Excel counts the decoded characters, and _xHHHH_ decodes to one.
  const text = clipCellText(s);
  // eslint-disable-next-line no-control-regex
  return xmlEscape(text.replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`));
}

/**
 * Decodes the five XML entities and character references.
 * @example xmlDecode("R&amp;D &#x4E2D;") === "R&D 中"
 * @throws nothing: an unknown entity or a code point past U+10FFFF is dropped
 */
export function xmlDecode(v: string): string {
  return v.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? '';
    const cp = e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

const ATTR_RES = new Map<string, RegExp>();

/**
 * An attribute of a start tag, decoded (any namespace prefix when `name` has none and `anyPrefix`).
 * @example attr('<sheet name="A&amp;B" r:id="rId1"/>', "name") === "A&B"; attr('<c x:r="B2">', "r", true) === "B2"
 * @throws nothing: an attribute it does not find is undefined
 */
export function attr(tag: string, name: string, anyPrefix = false): string | undefined {
  const key = `${anyPrefix ? '*' : ''}${name}`;
  let re = ATTR_RES.get(key);
  if (re === undefined) {
    const n = anyPrefix ? `(?:[\\w.-]+:)?${name}` : name.replace(/[.:]/g, '\\$&');
    re = new RegExp(`\\s${n}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_RES.set(key, re);
  }
  const m = re.exec(tag);
  if (!m) return undefined;
  const v = m[1] ?? m[2] ?? '';
  return v.indexOf('&') < 0 ? v : xmlDecode(v);
}

/** The style ids (cellXfs indices) our cells use. */
export interface OutStyles {
  readonly header: number;
  readonly link: number;
  readonly format: Readonly<Record<keyof typeof NUMBER_FORMATS, number>>;
  /** Differential formats (dxfs indices) of the conditional fills. */
  readonly fill: Readonly<Record<WriteColour['fill'], number>>;
}

/** The conditional fills' colours (ARGB), as the Office adapter colours levels. */
const FILL_RGB: Readonly<Record<WriteColour['fill'], string>> = { gold: 'FFF2C744', silver: 'FFC9CED6' };

const BUILTIN_FORMATS: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '@': 49 };

/**
 * The elements named `name` directly in a section's text, as strings. One nested in another of
 * its name (a <font> in a <font>) is no styles part Excel wrote, and the count of the section
 * would be wrong: refused as damaged rather than rewritten wrong.
 */
function elements(section: string, name: string, part = 'xl/styles.xml'): string[] {
  const list = section.match(new RegExp(`<${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, 'g')) ?? [];
  const nested = new RegExp(`<${name}\\b`);
  for (const e of list) if (nested.test(e.slice(1))) throw new PatchError('xlsx.write.part-damaged', { part });
  return list;
}

/** A minimal styles part (for workbooks without one, and for new workbooks). */
export const EMPTY_STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
  + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/**
 * Adds the fonts, number formats and cell formats our cells need to a styles part, reusing
 * identical ones already there (so a re-run on our own output adds nothing). Existing indices
 * never move: everything is appended.
 * @example const { xml, styles } = addOutStyles(stylesXml)
 * @throws PatchError when the part is not well-formed or holds an element nested in one of its name
 */
export function addOutStyles(stylesXml: string, part = 'xl/styles.xml'): { xml: string; styles: OutStyles } {
  checkWellFormed(stylesXml, part);
  let xml = stylesXml;
  const section = (name: string): { start: number; end: number; inner: string } | undefined => {
    const open = new RegExp(`<${name}\\b[^>]*?(/?)>`).exec(xml);
    if (!open) return undefined;
    if (open[1] === '/') return { start: open.index, end: open.index + open[0].length, inner: '' };
    const close = xml.indexOf(`</${name}>`, open.index);
    if (close < 0) return undefined;
    return { start: open.index, end: close + name.length + 3, inner: xml.slice(open.index + open[0].length, close) };
  };
  /** Index of `item` among the section's `child` elements, appending it when absent. */
  const ensure = (name: string, child: string, item: string, before: readonly string[]): number => {
    let s = section(name);
    if (!s) {
      // Insert the section before the first of the sections that must follow it.
      let at = -1;
      for (const b of before) { const m = new RegExp(`<${b}\\b`).exec(xml); if (m) { at = m.index; break; } }
      if (at < 0) at = xml.lastIndexOf('</styleSheet>');
      xml = `${xml.slice(0, at)}<${name} count="0"></${name}>${xml.slice(at)}`;
      s = section(name) as { start: number; end: number; inner: string };
    }
    const list = elements(s.inner, child, part);
    const found = list.indexOf(item);
    if (found >= 0) return found;
    const inner = s.inner + item;
    xml = `${xml.slice(0, s.start)}<${name} count="${list.length + 1}">${inner}</${name}>${xml.slice(s.end)}`;
    return list.length;
  };
  const fontList = elements(section('fonts')?.inner ?? '', 'font', part);
  const base = (fontList[0] ?? '<font><sz val="11"/><name val="Calibri"/></font>').replace(/^<font\b[^>]*?\/>$/, '<font></font>');
  const inner = base.replace(/^<font\b[^>]*>/, '').replace(/<\/font>$/, '').replace(/<(b|u|color)\b[^>]*\/>/g, '');
  const bold = ensure('fonts', 'font', `<font><b/>${inner}</font>`, ['fills', 'borders', 'cellStyleXfs', 'cellXfs']);
  const link = ensure('fonts', 'font', `<font><u/><color rgb="FF0563C1"/>${inner}</font>`, ['fills', 'borders', 'cellStyleXfs', 'cellXfs']);
  const numFmt = (code: string): number => {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const s = section('numFmts');
    for (const f of elements(s?.inner ?? '', 'numFmt')) if (attr(f, 'formatCode') === code) return Number(attr(f, 'numFmtId'));
    const ids = elements(s?.inner ?? '', 'numFmt').map((f) => Number(attr(f, 'numFmtId'))).filter(Number.isFinite);
    const id = Math.max(163, ...ids) + 1;
    if (!s) {
      const open = /<styleSheet\b[^>]*>/.exec(xml);
      const at = open ? open.index + open[0].length : 0;
      xml = `${xml.slice(0, at)}<numFmts count="0"></numFmts>${xml.slice(at)}`;
    }
    ensure('numFmts', 'numFmt', `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`, []);
    return id;
  };
  const xf = (fmt: number, font: number): number => ensure('cellXfs', 'xf',
    `<xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>`, ['cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst']);
  const format = {} as Record<keyof typeof NUMBER_FORMATS, number>;
  for (const key of Object.keys(NUMBER_FORMATS) as (keyof typeof NUMBER_FORMATS)[]) format[key] = xf(numFmt(NUMBER_FORMATS[key]), 0);
  const header = xf(0, bold);
  const linkXf = xf(49, link);
  const fill = {} as Record<WriteColour['fill'], number>;
  for (const key of Object.keys(FILL_RGB) as WriteColour['fill'][]) {
    fill[key] = ensure('dxfs', 'dxf', `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${FILL_RGB[key]}"/></patternFill></fill></dxf>`, ['tableStyles', 'colors', 'extLst']);
  }
  return { xml, styles: { header, link: linkXf, format, fill } };
}

/**
 * A finite number as JavaScript writes it (String(v)), for a cell's <v>. Amounts of whole cents
 * (most numbers we write) are written from their cents, twice as fast as the general conversion:
 * below 10^13 the decimal of the cents is the shortest text that reads back as the number, which
 * is what String gives. Anything else (fractions of a cent, 0, huge numbers) goes through String.
 * @example numberText(780502.36) === "780502.36"; numberText(-0.5) === "-0.5"; numberText(0.015) === "0.015"
 * @throws nothing
 */
export function numberText(v: number): string {
  const c = Math.round(v * 100);
  if (c / 100 !== v || c === 0 || c >= 1e15 || c <= -1e15) return `${v}`;
  const a = c < 0 ? -c : c;
  const whole = Math.floor(a / 100), frac = a - whole * 100;
  const text = frac === 0 ? `${whole}` : frac % 10 === 0 ? `${whole}.${frac / 10}` : frac < 10 ? `${whole}.0${frac}` : `${whole}.${frac}`;
  return c < 0 ? `-${text}` : text;
}

/**
 * One cell of ours as XML. Text goes through the shared strings when `strings` is given, else as
 * an inline string; either way it stays text (a name "=HYPERLINK(...)" typed by a user is never
 * a formula). Numbers that are not finite are left out rather than written as NaN.
 * @example cellXml("F2", "Yes", 0, false) === '<c r="F2" t="inlineStr"><is><t xml:space="preserve">Yes</t></is></c>'
 * @example cellXml("F2", "Yes", 0, false, "", sst) === '<c r="F2" t="s"><v>0</v></c>'
 * @throws nothing: a date that is no day is written as an empty cell
 */
export function cellXml(ref: string, v: WriteCell, style: number, date1904: boolean, prefix = '', strings?: SharedStrings): string {
  const s = style > 0 ? ` s="${style}"` : '';
  const c = `${prefix}c`;
  if (v === null) return style > 0 ? `<${c} r="${ref}"${s}/>` : '';
  if (typeof v === 'string') {
    if (v === '') return style === 0 ? '' : `<${c} r="${ref}"${s}/>`;
    if (strings) return `<${c} r="${ref}"${s} t="s"><${prefix}v>${strings.ref(cellString(v))}</${prefix}v></${c}>`;
    return `<${c} r="${ref}"${s} t="inlineStr"><${prefix}is><${prefix}t xml:space="preserve">${cellString(v)}</${prefix}t></${prefix}is></${c}>`;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? `<${c} r="${ref}"${s}><${prefix}v>${numberText(v)}</${prefix}v></${c}>` : `<${c} r="${ref}"${s}/>`;
  if (typeof v === 'boolean') return `<${c} r="${ref}"${s} t="b"><${prefix}v>${v ? 1 : 0}</${prefix}v></${c}>`;
  if ('date' in v) {
    const serial = serialOfIso(v.date, date1904);
    return serial === undefined ? `<${c} r="${ref}"${s}/>` : `<${c} r="${ref}"${s}><${prefix}v>${serial}</${prefix}v></${c}>`;
  }
  return cellXml(ref, v.text, style, date1904, prefix, strings);
}

/**
 * The style a column's cells get: none for text and yes/no (General shows them as they are, so
 * an s= on each of a million cells says nothing), the number format's otherwise.
 * @example columnStyle(styles, "text") === 0; columnStyle(styles, "usd") === styles.format.usd
 * @throws nothing
 */
export function columnStyle(styles: OutStyles, format: WriteFormat): number {
  return format === 'text' || format === 'bool' ? 0 : styles.format[format];
}

/**
 * A link's target as a cell reference: 'Sheet name'!C3.
 * @example linkLocation("Partner's revenue", "C3") === "'Partner''s revenue'!C3"
 * @throws nothing
 */
export function linkLocation(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/** The frozen header row, and `columns` frozen left of it when asked. */
function frozenPane(columns: number): string {
  if (columns <= 0) return '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>';
  const corner = `${columnLetters(columns)}2`;
  return `<pane xSplit="${columns}" ySplit="1" topLeftCell="${corner}" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="${corner}" sqref="${corner}"/>`;
}

/**
 * Conditional formatting for columns with colours: cells equal to a colour's text get its fill.
 * Columns with the same colours share one rule over their ranges ("D2:AN4001").
 * @example conditionalFills(table.columns, 4001, styles) // '<conditionalFormatting sqref="D2:AN4001">...'
 * @throws nothing
 */
export function conditionalFills(columns: readonly WriteColumn[], lastRow: number, styles: OutStyles): string {
  const groups = new Map<string, { colours: readonly WriteColour[]; cols: number[] }>();
  columns.forEach((c, i) => {
    if (!c.colours || c.colours.length === 0) return;
    const key = JSON.stringify(c.colours);
    const g = groups.get(key) ?? { colours: c.colours, cols: [] };
    g.cols.push(i);
    groups.set(key, g);
  });
  let out = '';
  let priority = 1;
  for (const g of groups.values()) {
    const ranges: string[] = [];
    for (let k = 0; k < g.cols.length;) {
      let end = k;
      while (end + 1 < g.cols.length && (g.cols[end + 1] as number) === (g.cols[end] as number) + 1) end++;
      ranges.push(`${columnLetters(g.cols[k] as number)}2:${columnLetters(g.cols[end] as number)}${Math.max(2, lastRow)}`);
      k = end + 1;
    }
    const rules = g.colours.map((c) => `<cfRule type="cellIs" dxfId="${styles.fill[c.fill]}" priority="${priority++}" operator="equal"><formula>${xmlEscape(`"${c.text.replace(/"/g, '""')}"`)}</formula></cfRule>`);
    out += `<conditionalFormatting sqref="${ranges.join(' ')}">${rules.join('')}</conditionalFormatting>`;
  }
  return out;
}

/** What writing an output table needs besides the table. */
export interface TableSheetOptions {
  readonly styles: OutStyles;
  readonly date1904: boolean;
  /** The relationship id of an Excel table part for this sheet (the status sheet has one). */
  readonly tableRelId?: string | undefined;
  /** The workbook's shared strings (texts inline without). */
  readonly strings?: SharedStrings | undefined;
}

const WORKSHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/**
 * An output table as a worksheet, in pieces (a million issues never make one string): a frozen
 * header row, one row per table row, a filter (or an Excel table), and links to cells.
 * @example for (const piece of tableSheetXml(outputs.issues, { styles, date1904: false })) await entry.push(piece)
 * @throws nothing
 */
export function* tableSheetXml(table: WriteTable, options: TableSheetOptions): Generator<string> {
  const { styles, date1904, strings } = options;
  const n = table.columns.length;
  const count = table.rows.length;
  const rows = count > 0 || options.tableRelId === undefined ? count : 1;
  const last = `${columnLetters(Math.max(0, n - 1))}${rows + 1}`;
  // Column widths from the header and the first 200 rows.
  const widths = table.columns.map((c) => Math.max(10, c.header.length + 2));
  for (let r = 0; r < Math.min(200, count); r++) {
    const row = table.rows.row(r);
    widths.forEach((w, i) => {
      const v = row[i];
      widths[i] = Math.max(w, typeof v === 'string' ? v.length + 2 : v && typeof v === 'object' && 'text' in v ? v.text.length + 2 : 12);
    });
  }
  for (let i = 0; i < widths.length; i++) widths[i] = Math.min(60, widths[i] as number);
  yield `${WORKSHEET_OPEN}<dimension ref="A1:${last}"/>`
    + `<sheetViews><sheetView workbookViewId="0">${frozenPane(table.frozenColumns ?? 0)}</sheetView></sheetViews>`
    + '<sheetFormatPr defaultRowHeight="15"/>'
    + `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols><sheetData>`;
  yield `<row r="1">${table.columns.map((c, i) => cellXml(`${columnLetters(i)}1`, c.header, styles.header, date1904, '', strings)).join('')}</row>`;
  const links: string[] = [];
  const rowXml = tableRowWriter(table, options, links);
  let buf = '';
  for (let r = 0; r < count; r++) {
    buf += rowXml(r);
    if (buf.length > 65536) { yield buf; buf = ''; }
  }
  yield buf;
  yield '</sheetData>';
  if (options.tableRelId === undefined) yield `<autoFilter ref="A1:${last}"/>`;
  yield conditionalFills(table.columns, rows + 1, styles);
  if (links.length > 0) {
    yield '<hyperlinks>';
    for (let i = 0; i < links.length; i += 10000) yield links.slice(i, i + 10000).join('');
    yield '</hyperlinks>';
  }
  yield '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  if (options.tableRelId !== undefined) yield `<tableParts count="1"><tablePart r:id="${options.tableRelId}"/></tableParts>`;
  yield '</worksheet>';
}

/**
 * The XML of an output table's data rows, row r at a time (sheet row r + 2), each cell as cellXml
 * writes it; links to cells are added to `links`. What a cell's XML holds besides its value is
 * made once per column: its reference's letters, its style, and a text's shared-string tail.
 */
function tableRowWriter(table: WriteTable, options: TableSheetOptions, links: string[]): (r: number) => string {
  const { styles, date1904, strings } = options;
  const n = table.columns.length;
  const letters = table.columns.map((_, i) => columnLetters(i));
  const opens = letters.map((l) => `<c r="${l}`);
  // A number format says nothing about text: only numbers and dates carry one.
  const numberStyles = table.columns.map((c) => columnStyle(styles, c.format));
  const numberHeads = numberStyles.map((st) => (st > 0 ? `" s="${st}"><v>` : '"><v>'));
  const boolTails = numberStyles.map((st) => [`"${st > 0 ? ` s="${st}"` : ''} t="b"><v>0</v></c>`, `"${st > 0 ? ` s="${st}"` : ''} t="b"><v>1</v></c>`] as const);
  const serials = new Map<string, number | undefined>();
  // What follows the reference of a text cell ('" t="s"><v>12</v></c>'), by text: a level word
  // or "Yes" on every row is escaped and looked up once (bounded: names and messages differ).
  const textTails = new Map<string, string>();
  return (r) => {
    const row = table.rows.row(r);
    const rowNo = `${r + 2}`;
    let cells = '';
    for (let i = 0; i < n; i++) {
      const v = row[i] ?? null;
      // An empty cell without a style is no cell (as cellXml writes it).
      if (v === null || v === '') continue;
      if (typeof v === 'string' && strings) {
        let tail = textTails.get(v);
        if (tail === undefined) {
          tail = `" t="s"><v>${strings.ref(cellString(v))}</v></c>`;
          if (textTails.size < 50000) textTails.set(v, tail);
        }
        cells += `${opens[i] as string}${rowNo}${tail}`;
      } else if (typeof v === 'number' && Number.isFinite(v)) {
        cells += `${opens[i] as string}${rowNo}${numberHeads[i] as string}${numberText(v)}</v></c>`;
      } else if (typeof v === 'boolean') {
        cells += `${opens[i] as string}${rowNo}${(boolTails[i] as readonly [string, string])[v ? 1 : 0]}`;
      } else if (typeof v === 'object' && 'date' in v) {
        let serial = serials.get(v.date);
        if (serial === undefined && !serials.has(v.date)) { serial = serialOfIso(v.date, date1904); if (serials.size < 10000) serials.set(v.date, serial); }
        cells += serial === undefined ? cellXml(`${letters[i] as string}${rowNo}`, v, numberStyles[i] as number, date1904) : `${opens[i] as string}${rowNo}${numberHeads[i] as string}${serial}</v></c>`;
      } else {
        const ref = `${letters[i] as string}${rowNo}`;
        if (typeof v === 'object' && 'link' in v) {
          cells += cellXml(ref, v.text, styles.link, date1904, '', strings);
          links.push(`<hyperlink ref="${ref}" location="${xmlEscape(linkLocation(v.link.sheet, v.link.cell))}" display="${xmlEscape(v.text)}"/>`);
        } else cells += cellXml(ref, v, typeof v === 'string' ? 0 : numberStyles[i] as number, date1904, '', strings);
      }
    }
    return `<row r="${rowNo}">${cells}</row>`;
  };
}

/**
 * The Excel table part over an output sheet (header row plus its rows, at least one).
 * @example tablePartXml(outputs.status, 3, "CompetencyStatus") // '<table ... id="3" name="CompetencyStatus" ref="A1:N11">...'
 * @throws nothing
 */
export function tablePartXml(table: Pick<WriteTable, 'columns' | 'rows'>, id: number, name: string): string {
  const rows = Math.max(1, table.rows.length);
  const ref = `A1:${columnLetters(Math.max(0, table.columns.length - 1))}${rows + 1}`;
  // Column names must be unique within a table.
  const seen = new Set<string>();
  const names = table.columns.map((c) => {
    let h = c.header, k = 2;
    while (seen.has(h.toLowerCase())) h = `${c.header}${k++}`;
    seen.add(h.toLowerCase());
    return h;
  });
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${name}" displayName="${name}" ref="${ref}" totalsRowShown="0">`
    + `<autoFilter ref="${ref}"/><tableColumns count="${names.length}">${names.map((h, i) => `<tableColumn id="${i + 1}" name="${xmlEscape(h)}"/>`).join('')}</tableColumns>`
    + '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
}
