/**
 * The XML scanning every part of a workbook needs, in one place and in linear time: a tag cursor
 * (where a tag starts, its qualified and local name, where it ends), an attribute iterator, text
 * decoding (entities, character references, CDATA, line ends, Excel's _xHHHH_ escapes) and small
 * helpers for the small parts (workbook, relationships, content types, styles). No regular
 * expression here can backtrack over an input run: a hostile part costs time in proportion to
 * its length. The big parts (worksheets, shared strings) are streamed through the same cursor by
 * read.ts.
 */

// Character codes the scanners compare against, named once.
export const LT = 60, GT = 62, SLASH = 47, QUESTION = 63, BANG = 33, COLON = 58, EQUALS = 61;
export const DQUOTE = 34, SQUOTE = 39, SPACE = 32, TAB = 9, LF = 10, CR = 13;

/**
 * True at a character that ends a tag's name (white space, "/", ">", a "<" that cannot be in one, or past the end: NaN).
 * @example isNameEnd(32) === true; isNameEnd(99) === false
 * @throws nothing
 */
export const isNameEnd = (c: number): boolean => c === SPACE || c === GT || c === SLASH || c === TAB || c === LF || c === CR || c === LT || c !== c;
/**
 * XML white space.
 * @example isSpace("\n".charCodeAt(0)) === true
 * @throws nothing
 */
export const isSpace = (c: number): boolean => c === SPACE || c === TAB || c === LF || c === CR;

/** What `readTag` found. */
export const TAG_OK = 1, TAG_SPECIAL = 2, TAG_INCOMPLETE = 0, TAG_BAD = -1;

/**
 * One tag as the cursor read it: offsets into the text, no strings made. `gt` is the first ">"
 * after the name (a ">" inside an attribute value moves it on once the attributes are read).
 * @example const tag = new Tag(); readTag(s, s.indexOf("<"), tag) === TAG_OK && tag.is(s, "row")
 * @throws nothing
 */
export class Tag {
  /** Index of "<". */
  lt = 0;
  /** Start of the qualified name (after "<" or "</"). */
  name = 0;
  /** Start of the local name (after the prefix's ":"), and the name's end. */
  local = 0;
  end = 0;
  /** Index of the ">" that ends the tag. */
  gt = 0;
  closing = false;
  selfClosing = false;
  /** Length of the local name. */
  get length(): number { return this.end - this.local; }
  /** True when the local name is `name`. */
  is(s: string, name: string): boolean { return this.end - this.local === name.length && s.startsWith(name, this.local); }
  /** The prefix with its colon ("x:"), or "" . */
  prefix(s: string): string { return s.slice(this.name, this.local); }
}

/**
 * Reads the tag whose "<" is at `lt` into `tag`. Returns TAG_OK; TAG_SPECIAL for a comment,
 * processing instruction, CDATA section or doctype (tag.gt is then its last character);
 * TAG_INCOMPLETE when the text ends first; TAG_BAD when "<" is not followed by a name.
 * @example readTag('<x:c r="A1">', 0, tag) === TAG_OK && tag.is(s, "c")
 * @throws nothing: what is not a tag is TAG_BAD
 */
export function readTag(s: string, lt: number, tag: Tag): number {
  const n = s.length;
  tag.lt = lt;
  let i = lt + 1;
  if (i >= n) return TAG_INCOMPLETE;
  let c = s.charCodeAt(i);
  if (c === QUESTION || c === BANG) {
    const e = skipSpecial(s, lt);
    if (e < 0) return TAG_INCOMPLETE;
    tag.gt = e - 1;
    return TAG_SPECIAL;
  }
  tag.closing = c === SLASH;
  if (tag.closing) i++;
  tag.name = i;
  let local = i;
  // Bounded by the length (not by isNameEnd of NaN past the end): a read past the end deoptimises.
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c === COLON) local = i + 1;
    else if (isNameEnd(c)) break;
  }
  if (i >= n) return TAG_INCOMPLETE;
  if (i === local) return TAG_BAD;
  tag.local = local;
  tag.end = i;
  const gt = s.indexOf('>', i);
  if (gt < 0) return TAG_INCOMPLETE;
  tag.gt = gt;
  tag.selfClosing = s.charCodeAt(gt - 1) === SLASH;
  return TAG_OK;
}

/**
 * Skips a comment, processing instruction, CDATA or doctype at `lt`; -1 when it is incomplete.
 * @example skipSpecial("<!-- x -->", 0) === 10 // just past it
 * @throws nothing
 */
export function skipSpecial(s: string, lt: number): number {
  const close = s.charCodeAt(lt + 1) === QUESTION ? '?>' : s.startsWith('<!--', lt) ? '-->' : s.startsWith('<![CDATA[', lt) ? ']]>' : '>';
  const e = s.indexOf(close, lt + 2);
  return e < 0 ? -1 : e + close.length;
}

/**
 * One attribute as the iterator read it: its local name and its value's bounds (quotes excluded).
 * @example const a = new Attr(); nextAttr('<c r="A1"/>', 2, a) === ATTR_OK && a.is(s, "r")
 * @throws nothing
 */
export class Attr {
  /** Start and end of the qualified name, and start of the local name. */
  name = 0;
  local = 0;
  end = 0;
  /** The value is s[from, to); `next` is where the following attribute may start. */
  from = 0;
  to = 0;
  next = 0;
  /** Length of the local name. */
  get length(): number { return this.end - this.local; }
}

/**
 * nextAttr's results besides an attribute: none left (the tag's end); the text ends first (a
 * streaming caller waits for more); not XML (a name without a quoted value).
 */
export const ATTR_OK = 1, ATTR_NONE = 0, ATTR_INCOMPLETE = -2, ATTR_BAD = -1;

/**
 * Reads the attribute starting at or after `j` in a tag into `a`. The value may hold ">" (legal
 * in XML), so the search for its closing quote is not bounded by the tag's first ">"; the caller
 * moves the tag's end past `a.next` when needed. Linear: every character is looked at once.
 * @example nextAttr('<c r="A1"/>', 2, a) === ATTR_OK // a.from..a.to is "A1"
 * @throws nothing: what is not an attribute is ATTR_NONE or ATTR_INCOMPLETE
 */
export function nextAttr(s: string, j: number, a: Attr): number {
  const n = s.length;
  let i = j;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  let c = s.charCodeAt(i);
  if (i >= n || c === GT || c === SLASH) return ATTR_NONE;
  a.name = i;
  let local = i;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c === COLON) local = i + 1;
    else if (c === EQUALS || isSpace(c) || c === GT || c === SLASH) break;
  }
  a.local = local;
  a.end = i;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  if (i >= n) return ATTR_INCOMPLETE;
  if (s.charCodeAt(i) !== EQUALS) return ATTR_BAD;
  i++;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  if (i >= n) return ATTR_INCOMPLETE;
  const q = s.charCodeAt(i);
  if (q !== DQUOTE && q !== SQUOTE) return ATTR_BAD;
  const close = s.indexOf(q === DQUOTE ? '"' : "'", i + 1);
  if (close < 0) return ATTR_INCOMPLETE;
  a.from = i + 1;
  a.to = close;
  a.next = close + 1;
  return ATTR_OK;
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * True when text needs decodeXml: an entity, an _xHHHH_ escape or a carriage return.
 * @example needsDecoding("R&amp;D") === true; needsDecoding("CRM Online") === false
 * @throws nothing
 */
export const needsDecoding = (s: string): boolean => s.indexOf('&') >= 0 || s.indexOf('_x') >= 0 || s.indexOf('\r') >= 0;

/**
 * Text of XML character data: line ends normalised (CR LF and a lone CR read as LF, as the XML
 * spec says a parser must), the five named entities and numeric character references decoded,
 * then Excel's _xHHHH_ escapes (how it stores control characters such as a carriage return).
 * @example decodeXml("R&amp;D &#x4E2D;_x000D_") === "R&D 中\r"
 * @throws nothing: an unknown entity is kept as written
 */
export function decodeXml(text: string): string {
  let s = text;
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') >= 0) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, e: string) => {
      if (e.charCodeAt(0) !== 35) return NAMED[e] ?? whole;
      const code = e.charCodeAt(1) === 120 || e.charCodeAt(1) === 88 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }
  if (s.indexOf('_x') >= 0) {
    s = s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return s;
}

/**
 * The character data of s[from, to) (an element's content with no child elements but CDATA
 * sections and comments): text decoded, CDATA kept as written. Null when a child element starts.
 * @example elementText("<![CDATA[a<b]]> &amp; c", 0, 22) === "a<b & c"
 * @throws nothing
 */
export function elementText(s: string, from: number, to: number): string | null {
  let out = '';
  let k = from;
  for (;;) {
    const lt = s.indexOf('<', k);
    const stop = lt < 0 || lt >= to ? to : lt;
    if (stop > k) { const t = s.slice(k, stop); out += needsDecoding(t) ? decodeXml(t) : t; }
    if (stop === to) return out;
    if (s.startsWith('<![CDATA[', lt)) {
      const e = s.indexOf(']]>', lt + 9);
      if (e < 0 || e + 3 > to) return null;
      out += s.slice(lt + 9, e);
      k = e + 3;
    } else if (s.startsWith('<!--', lt)) {
      const e = s.indexOf('-->', lt + 4);
      if (e < 0 || e + 3 > to) return null;
      k = e + 3;
    } else return null;
  }
}

/**
 * The end (index of ">") of the start tag read into `tag`, past any ">" inside its attribute
 * values; -1 when a value is unclosed or an attribute is not XML.
 * @example tagEnd('<a b="x>y">', tag) === 9 // after readTag(s, 0, tag)
 * @throws nothing
 */
export function tagEnd(s: string, tag: Tag, a: Attr = new Attr()): number {
  let j = tag.end;
  let r = nextAttr(s, j, a);
  for (; r === ATTR_OK; r = nextAttr(s, j, a)) j = a.next;
  if (r !== ATTR_NONE) return -1;
  const gt = j <= tag.gt ? tag.gt : s.indexOf('>', j);
  if (gt >= 0) tag.selfClosing = s.charCodeAt(gt - 1) === SLASH;
  return gt;
}

/**
 * The attributes of one start tag by local name (a prefix such as r: is dropped), values decoded.
 * An unprefixed attribute wins over a prefixed one of the same local name; the prefixed one is
 * also kept under its qualified name.
 * @example attrs('<sheet name="A&amp;B" r:id="rId1"/>') // { name: "A&B", id: "rId1", "r:id": "rId1" }
 * @throws nothing
 */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const a = new Attr();
  let j = 1;
  while (j < tag.length && !isNameEnd(tag.charCodeAt(j))) j++;
  for (let r = nextAttr(tag, j, a); r === ATTR_OK; r = nextAttr(tag, j, a)) {
    const qualified = tag.slice(a.name, a.end);
    const local = tag.slice(a.local, a.end);
    const raw = tag.slice(a.from, a.to);
    const value = needsDecoding(raw) ? decodeXml(raw) : raw;
    if (a.local === a.name || !(local in out)) out[local] = value;
    if (a.local !== a.name) out[qualified] = value;
    j = a.next;
  }
  return out;
}

/**
 * Calls `cb` with the text of every start (or empty-element) tag whose local name is `name`, and
 * the prefix it was written with ("" or "x15:"), so a caller can tell namespaces apart. Linear:
 * the search goes on after each tag's end, and stops at the first tag that never closes.
 * @example eachElement(xml, "sheet", (tag) => names.push(attrs(tag).name))
 * @throws nothing itself; what cb throws
 */
export function eachElement(xml: string, name: string, cb: (tag: string, prefix: string) => void): void {
  const tag = new Tag();
  let p = 0;
  for (;;) {
    const lt = xml.indexOf('<', p);
    if (lt < 0) return;
    const r = readTag(xml, lt, tag);
    if (r === TAG_INCOMPLETE) return;
    if (r !== TAG_OK) { p = r === TAG_SPECIAL ? tag.gt + 1 : lt + 1; continue; }
    if (tag.closing || !tag.is(xml, name)) { p = tag.gt + 1; continue; }
    const gt = tagEnd(xml, tag);
    if (gt < 0) return;
    cb(xml.slice(lt, gt + 1), tag.prefix(xml));
    p = gt + 1;
  }
}

/**
 * The namespace URIs a part's root element declares, by prefix ("" for the default namespace),
 * so elements can be matched by namespace rather than by local name alone.
 * @example namespaces('<workbook xmlns="http://…/main" xmlns:x15="http://…/x15">').get("x15:")
 * @throws nothing
 */
export function namespaces(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  const tag = new Tag();
  let p = 0;
  for (;;) {
    const lt = xml.indexOf('<', p);
    if (lt < 0) return out;
    const r = readTag(xml, lt, tag);
    if (r === TAG_SPECIAL) { p = tag.gt + 1; continue; }
    if (r !== TAG_OK) return out;
    const gt = tagEnd(xml, tag);
    for (const [k, v] of Object.entries(attrs(xml.slice(lt, gt < 0 ? xml.length : gt + 1)))) {
      if (k === 'xmlns') out.set('', v);
      else if (k.startsWith('xmlns:')) out.set(`${k.slice(6)}:`, v);
    }
    return out;
  }
}

/**
 * True when a small part looks like XML with the given root: it starts (after a BOM and white
 * space) with "<", and ends with the root's end tag, or is the root's empty-element tag.
 * @example looksLikeXml("<workbook>...</workbook>", "workbook") === true
 * @throws nothing
 */
export function looksLikeXml(xml: string, root: string): boolean {
  let i = 0;
  while (i < xml.length && (xml.charCodeAt(i) === 0xfeff || isSpace(xml.charCodeAt(i)))) i++;
  if (xml.charCodeAt(i) !== LT) return false;
  let e = xml.length;
  while (e > i && isSpace(xml.charCodeAt(e - 1))) e--;
  if (xml.charCodeAt(e - 1) !== GT) return false;
  const lt = xml.lastIndexOf('<', e - 1);
  const tag = new Tag();
  if (lt < 0 || readTag(xml, lt, tag) !== TAG_OK || !tag.is(xml, root)) return false;
  if (tag.closing) return true;
  // An empty root: <sst count="0"/> as Excel 2007 writes an empty shared-string table.
  return tag.selfClosing && tag.gt === e - 1;
}
