/**
 * The shared-strings table of a written workbook: each distinct text of ours is written once
 * (a reason, a level or "Yes" on a million rows is one <si> item, and each cell holds its index),
 * appended to the input's own table. The input's items never move, so its cells stay right, and
 * a plain item equal to one of ours is reused: a re-run on our own output adds nothing and gives
 * the same bytes.
 */
import { PatchError } from './errors';
import { checkWellFormed } from './wellformed';

/** The part's root element: prefix, where its start tag ends and where its body ends. */
interface Root { readonly prefix: string; readonly openEnd: number; readonly bodyEnd: number; readonly closeEnd: number; readonly attrs: string; readonly head: string }

const ROOT_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function rootOf(xml: string, part: string): Root {
  const m = /<((?:[\w.-]+:)?)sst\b([^>]*?)(\/?)>/.exec(xml);
  if (!m) throw new PatchError('xlsx.write.part-damaged', { part });
  const prefix = m[1] ?? '';
  const openEnd = m.index + m[0].length;
  if (m[3] === '/') return { prefix, openEnd, bodyEnd: openEnd, closeEnd: openEnd, attrs: m[2] ?? '', head: xml.slice(0, m.index) };
  const bodyEnd = xml.lastIndexOf(`</${prefix}sst>`);
  if (bodyEnd < openEnd) throw new PatchError('xlsx.write.part-damaged', { part });
  return { prefix, openEnd, bodyEnd, closeEnd: bodyEnd + prefix.length + 6, attrs: m[2] ?? '', head: xml.slice(0, m.index) };
}

/** The text of an item that is one plain <t> (as ours are), in its escaped form, or undefined. */
function plainText(inner: string, p: string): string | undefined {
  const open = inner.startsWith(`<${p}t>`) ? `<${p}t>` : inner.startsWith(`<${p}t xml:space="preserve">`) ? `<${p}t xml:space="preserve">` : undefined;
  const close = `</${p}t>`;
  if (open === undefined || !inner.endsWith(close)) return undefined;
  const text = inner.slice(open.length, inner.length - close.length);
  if (text.includes('<')) return undefined;
  // Without xml:space="preserve" a reader may trim the ends: such an item is not "the same text".
  if (open.length === p.length + 3 && text !== text.trim()) return undefined;
  return text;
}

/** The items of a shared-strings body: how many, and the index of each plain one by its text. */
function scanItems(xml: string, root: Root, part: string, index: Map<string, number>): number {
  const p = root.prefix;
  const open = `<${p}si`, close = `</${p}si>`;
  let count = 0;
  let pos = root.openEnd;
  for (;;) {
    const at = xml.indexOf(open, pos);
    if (at < 0 || at >= root.bodyEnd) return count;
    const next = xml.charCodeAt(at + open.length);
    // <sis...> or any other name starting with "si" is not an item.
    if (next !== 62 && next !== 47 && next !== 32 && next !== 9 && next !== 10 && next !== 13) { pos = at + open.length; continue; }
    const gt = xml.indexOf('>', at);
    if (gt < 0 || gt >= root.bodyEnd) throw new PatchError('xlsx.write.part-damaged', { part });
    if (xml.charCodeAt(gt - 1) === 47) { count++; pos = gt + 1; continue; }
    const end = xml.indexOf(close, gt);
    if (end < 0 || end >= root.bodyEnd) throw new PatchError('xlsx.write.part-damaged', { part });
    const text = plainText(xml.slice(gt + 1, end), p);
    if (text !== undefined && !index.has(text)) index.set(text, count);
    count++;
    pos = end + close.length;
  }
}

/**
 * The shared strings of one written workbook.
 * @example const sst = new SharedStrings(inputSstXml); const i = sst.ref("Yes"); for (const piece of sst.xml()) await w.push(piece)
 * @throws PatchError from its constructor when the input's shared-strings part is not a table we can read to its end
 */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly added: string[] = [];
  private readonly root: Root | undefined;
  private readonly count: number;

  /**
   * `existing` is the input's shared-strings part (undefined when it has none).
   * @throws PatchError when the part is not a shared-strings table we can read to its end
   */
  constructor(private readonly existing?: string, part = 'xl/sharedStrings.xml') {
    if (existing !== undefined) checkWellFormed(existing, part);
    this.root = existing === undefined ? undefined : rootOf(existing, part);
    this.count = existing === undefined || this.root === undefined ? 0 : scanItems(existing, this.root, part, this.index);
  }

  /** The index of a text already escaped for XML (as cellString gives it), added when new. */
  ref(escaped: string): number {
    let i = this.index.get(escaped);
    if (i === undefined) {
      i = this.count + this.added.length;
      this.index.set(escaped, i);
      this.added.push(escaped);
    }
    return i;
  }

  /** The element prefix the part uses ("" or "x:"). */
  get prefix(): string { return this.root?.prefix ?? ''; }

  /**
   * The part, in pieces: the input's items as they were, then ours. uniqueCount is the number of
   * items; count (references from cells) is left out, as it may be: we do not count the input's.
   */
  *xml(): Generator<string> {
    const p = this.prefix;
    const total = this.count + this.added.length;
    if (this.existing === undefined || this.root === undefined) {
      yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${ROOT_NS}" uniqueCount="${total}">`;
    } else {
      const attrs = this.root.attrs.replace(/\s(?:count|uniqueCount)\s*=\s*(?:"[^"]*"|'[^']*')/g, '').trimEnd();
      yield `${this.root.head}<${p}sst${attrs} uniqueCount="${total}">`;
      yield this.existing.slice(this.root.openEnd, this.root.bodyEnd);
    }
    let buf = '';
    for (const t of this.added) {
      buf += t === '' || (t.charCodeAt(0) > 32 && t.charCodeAt(t.length - 1) > 32) ? `<${p}si><${p}t>${t}</${p}t></${p}si>` : `<${p}si><${p}t xml:space="preserve">${t}</${p}t></${p}si>`;
      if (buf.length > 65536) { yield buf; buf = ''; }
    }
    yield `${buf}</${p}sst>`;
    // Anything after the root (white space, a comment) stays.
    const after = this.existing === undefined || this.root === undefined ? '' : this.existing.slice(this.root.closeEnd);
    if (after !== '') yield after;
  }
}
