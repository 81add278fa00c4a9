/**
 * Is a small part well-formed XML? The writer rewrites the workbook part, its relationships, the
 * content types, the styles and the shared strings by editing their text; editing a part that is
 * not well-formed would write a file Excel must repair, so such a part is refused instead. One
 * linear pass (no regular expression whose time grows with the square of a run), a stack of
 * open element names.
 */
import { PatchError } from './errors';

const LT = 60, GT = 62, SLASH = 47, BANG = 33, QUESTION = 63, QUOT = 34, APOS = 39, EQ = 61;

/** Where a markup construct that is not a tag (`<!--`, `<![CDATA[`, `<?`, `<!DOCTYPE`) ends, or -1. */
function skipSpecial(xml: string, at: number): number {
  if (xml.startsWith('<!--', at)) { const e = xml.indexOf('-->', at + 4); return e < 0 ? -1 : e + 3; }
  if (xml.startsWith('<![CDATA[', at)) { const e = xml.indexOf(']]>', at + 9); return e < 0 ? -1 : e + 3; }
  if (xml.charCodeAt(at + 1) === QUESTION) { const e = xml.indexOf('?>', at + 2); return e < 0 ? -1 : e + 2; }
  // A document type declaration: not in any OOXML part (and a way to entity bombs); refused.
  return -1;
}

/** The end of a tag's name (first white space, "/" or ">"). */
function nameEnd(xml: string, from: number): number {
  let i = from;
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === GT || c === SLASH || c <= 32) break;
  }
  return i;
}

/** The end (index after ">") of a start tag whose name ends at `from`, attribute values quoted; -1 when damaged. */
function startTagEnd(xml: string, from: number): number {
  let i = from;
  while (i < xml.length) {
    const c = xml.charCodeAt(i);
    if (c === GT) return i + 1;
    if (c === QUOT || c === APOS) {
      const e = xml.indexOf(c === QUOT ? '"' : "'", i + 1);
      if (e < 0 || xml.slice(i + 1, e).includes('<')) return -1;
      i = e + 1;
    } else if (c === LT) return -1;
    else if (c === EQ && xml.charCodeAt(i + 1) !== QUOT && xml.charCodeAt(i + 1) !== APOS && xml.charCodeAt(i + 1) > 32) return -1;
    else i++;
  }
  return -1;
}

/**
 * True when `xml` is one root element, every element closed in order, attributes quoted.
 * @example isWellFormed("<a><b/></a>") === true; isWellFormed("<a><b></a>") === false
 * @throws nothing
 */
export function isWellFormed(xml: string): boolean {
  const stack: string[] = [];
  let roots = 0;
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) return stack.length === 0 && roots === 1;
    const next = xml.charCodeAt(lt + 1);
    if (next === BANG || next === QUESTION) {
      pos = skipSpecial(xml, lt);
      if (pos < 0) return false;
      continue;
    }
    if (next === SLASH) {
      const end = nameEnd(xml, lt + 2);
      const gt = xml.indexOf('>', end);
      if (gt < 0 || xml.slice(end, gt).trim() !== '' || stack.pop() !== xml.slice(lt + 2, end)) return false;
      pos = gt + 1;
      continue;
    }
    const end = nameEnd(xml, lt + 1);
    if (end === lt + 1) return false;
    const gt = startTagEnd(xml, end);
    if (gt < 0) return false;
    if (stack.length === 0) roots++;
    if (xml.charCodeAt(gt - 2) !== SLASH) stack.push(xml.slice(lt + 1, end));
    pos = gt;
  }
}

/**
 * Refuses a part the writer must rewrite but cannot parse.
 * @example checkWellFormed(stylesXml, "xl/styles.xml")
 * @throws PatchError ("xlsx.write.part-damaged") when the part is not well-formed
 */
export function checkWellFormed(xml: string, part: string): void {
  if (!isWellFormed(xml)) throw new PatchError('xlsx.write.part-damaged', { part });
}
