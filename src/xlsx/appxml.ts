/**
 * docProps/app.xml (the extended properties) after the patching writer changed the worksheets:
 * its HeadingPairs ("Worksheets", 3) and TitlesOfParts (the sheet names) would otherwise still
 * name the old set of sheets. Excel ignores and rebuilds both on save, but other programs
 * (file browsers, document indexers, Python's openpyxl readers of the property) show them.
 */
import { xmlDecode, xmlEscape } from './sheetxml';

interface Element { readonly start: number; readonly end: number; readonly inner: string; readonly innerStart: number }

/** The first element `name` (any prefix): where it starts and ends, and its content. */
function element(xml: string, name: string): Element | undefined {
  const open = new RegExp(`<((?:[\\w.-]+:)?)${name}\\b[^>]*?(/?)>`).exec(xml);
  if (!open) return undefined;
  if (open[2] === '/') return { start: open.index, end: open.index + open[0].length, inner: '', innerStart: open.index + open[0].length };
  const close = `</${open[1] ?? ''}${name}>`;
  const at = xml.indexOf(close, open.index + open[0].length);
  if (at < 0) return undefined;
  return { start: open.index, end: at + close.length, inner: xml.slice(open.index + open[0].length, at), innerStart: open.index + open[0].length };
}

/** The text of every `<vt:name>` (any prefix) in `xml`, decoded, in order. */
function values(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`, 'g'))].map((m) => xmlDecode(m[1] ?? ''));
}

/** Removes both lists: they are optional, and none is better than a wrong one. */
function dropBoth(xml: string): string {
  let out = xml;
  for (const name of ['HeadingPairs', 'TitlesOfParts']) {
    const e = element(out, name);
    if (e) out = out.slice(0, e.start) + out.slice(e.end);
  }
  return out;
}

/**
 * The extended properties with the worksheet group listing `after` (the worksheets as written, in
 * tab order) where it listed `before` (the input's worksheets): its count in HeadingPairs and its
 * names in TitlesOfParts; other groups (named ranges, charts) are kept as they are. When the two
 * lists do not agree with each other, or not exactly one group is the input's worksheets, both
 * are dropped.
 * @example appXmlWithSheets(xml, ["Revenue"], ["Revenue", "Competency Status"]) // "...<vt:i4>2</vt:i4>...<vt:lpstr>Competency Status</vt:lpstr>..."
 * @throws nothing: lists it cannot match are dropped, as said above
 */
export function appXmlWithSheets(xml: string, before: readonly string[], after: readonly string[]): string {
  const pairs = element(xml, 'HeadingPairs');
  const titles = element(xml, 'TitlesOfParts');
  if (!pairs && !titles) return xml;
  if (!pairs || !titles) return dropBoth(xml);
  // HeadingPairs: variants alternating a group's name and its count.
  const variants = [...pairs.inner.matchAll(/<(?:[\w.-]+:)?variant\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?variant>/g)];
  const counts: number[] = [];
  for (let i = 1; i < variants.length; i += 2) counts.push(Number(values(variants[i]?.[1] ?? '', 'i4')[0] ?? NaN));
  const names = values(titles.inner, 'lpstr');
  if (variants.length % 2 !== 0 || counts.some((n) => !Number.isInteger(n) || n < 0) || counts.reduce((a, b) => a + b, 0) !== names.length) return dropBoth(xml);
  // The worksheet group: the one naming exactly the input's worksheets (its heading is in the
  // language of whoever saved the file last, so it is recognised by its names, not its heading).
  // Two such groups (a named range called like the only sheet) cannot be told apart: none is used.
  const matching: { group: number; first: number }[] = [];
  for (let g = 0, at = 0; g < counts.length; at += counts[g] as number, g++) {
    const slice = names.slice(at, at + (counts[g] as number));
    if (slice.length === before.length && slice.every((n, i) => n === before[i])) matching.push({ group: g, first: at });
  }
  if (matching.length !== 1) return dropBoth(xml);
  const { group, first } = matching[0] as { group: number; first: number };
  const old = counts[group] as number;
  const newNames = [...names.slice(0, first), ...after, ...names.slice(first + old)];
  // The count: only the number inside the group's <vt:i4> changes.
  const countVariant = variants[2 * group + 1] as RegExpMatchArray;
  const countAt = pairs.innerStart + (countVariant.index ?? 0);
  const newCount = countVariant[0].replace(/(<(?:[\w.-]+:)?i4\b[^>]*>)\s*\d+\s*(<)/, `$1${after.length}$2`);
  // TitlesOfParts: its vector rewritten with the same prefixes.
  const vector = /<((?:[\w.-]+:)?)vector\b([^>]*)>/.exec(titles.inner);
  const lp = /<((?:[\w.-]+:)?)lpstr\b/.exec(titles.inner)?.[1] ?? vector?.[1] ?? 'vt:';
  if (!vector) return dropBoth(xml);
  const attrs = /\ssize="\d+"/.test(vector[2] ?? '') ? (vector[2] ?? '').replace(/\ssize="\d+"/, ` size="${newNames.length}"`) : ` size="${newNames.length}"${vector[2] ?? ''}`;
  const titlesOpen = /^<[^>]*>/.exec(xml.slice(titles.start))?.[0] ?? '<TitlesOfParts>';
  const titlesClose = `</${/^<((?:[\w.-]+:)?)/.exec(titlesOpen)?.[1] ?? ''}TitlesOfParts>`;
  const newTitles = `${titlesOpen}<${vector[1] ?? ''}vector${attrs}>${newNames.map((n) => `<${lp}lpstr>${xmlEscape(n)}</${lp}lpstr>`).join('')}</${vector[1] ?? ''}vector>${titlesClose}`;
  // Splice from the end of the file backwards so earlier offsets stay right.
  const edits = [
    { start: titles.start, end: titles.end, text: newTitles },
    { start: countAt, end: countAt + countVariant[0].length, text: newCount },
  ].sort((a, b) => b.start - a.start);
  let out = xml;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
