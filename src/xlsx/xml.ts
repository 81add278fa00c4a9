/**
 * Small XML helpers for the parts of a workbook that are small (workbook, relationships, styles)
 * and the text decoding every part needs. The big parts (worksheets, shared strings) are scanned
 * by hand in read.ts.
 */

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Text of XML character data: the five named entities and numeric character references decoded,
 * then Excel's _xHHHH_ escapes (how it stores control characters such as a carriage return).
 * @example decodeXml("R&amp;D &#x4E2D;_x000D_") === "R&D 中\r"
 */
export function decodeXml(text: string): string {
  let s = text;
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
 * The attributes of one start tag by local name (a prefix such as r: is dropped), values decoded.
 * @example attrs('<sheet name="A&amp;B" r:id="rId1"/>') // { name: "A&B", id: "rId1" }
 */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  // Skip the element's own name.
  re.lastIndex = tag.search(/[\s/>]/);
  for (let m = re.exec(tag); m; m = re.exec(tag)) {
    const name = m[1] as string;
    const colon = name.lastIndexOf(':');
    const local = colon >= 0 ? name.slice(colon + 1) : name;
    const value = decodeXml(m[2] ?? m[3] ?? '');
    // An unprefixed attribute wins over a prefixed one of the same local name (r:id vs id).
    if (colon < 0 || !(local in out)) out[local] = value;
    if (colon >= 0) out[name] = value;
  }
  return out;
}

/**
 * Calls `cb` with the text of every start (or empty-element) tag whose local name is `name`.
 * @example eachElement(xml, "sheet", (tag) => names.push(attrs(tag).name))
 */
export function eachElement(xml: string, name: string, cb: (tag: string) => void): void {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])[^>]*>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) cb(m[0]);
}

/**
 * Throws when a small part is not XML at all: it must start (after a BOM and white space) with
 * "<", and its root element must be closed.
 * @example looksLikeXml("<workbook>...</workbook>", "workbook") === true
 */
export function looksLikeXml(xml: string, root: string): boolean {
  const s = xml.replace(/^\uFEFF?\s*/, '');
  if (!s.startsWith('<')) return false;
  return new RegExp(`</(?:[\\w.-]+:)?${root}\\s*>\\s*$|<(?:[\\w.-]+:)?${root}\\b[^>]*/>\\s*$`).test(s);
}
