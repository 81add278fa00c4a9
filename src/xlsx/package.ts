/**
 * The OOXML package (Open Packaging Conventions) over a zip in memory, shared by the reader and
 * the patching writer: its parts by name (compared as OPC says, without regard to case, and with
 * the backslashes some writers put in zip names read as slashes), each part's text, its
 * relationships (_rels/<part>.rels, targets resolved against the part's folder) and the content
 * types. Damaged entries, bombs and malformed parts are refused with XlsxError, the one family
 * of reasons a file cannot be read.
 */
import { XlsxError } from './errors';
import { attrs, eachElement, looksLikeXml } from './xml';
import { DEFAULT_LIMITS, InflateBudget, centralDirectory, entryText, notZip, type InflateLimits, type ZipEntry } from './zip';

/** The relationship types' common namespace. */
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A part's path from a relationship target, relative to the folder `baseDir` (ending in "/", or
 * "" for the package root) or absolute ("/xl/workbook.xml", as openpyxl writes them).
 * @example resolveTarget("xl/", "../docProps/app.xml") === "docProps/app.xml"
 * @throws nothing
 */
export function resolveTarget(baseDir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`;
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/**
 * The folder of a part, with its trailing slash ("" at the root).
 * @example dirOf("xl/workbook.xml") === "xl/"
 * @throws nothing
 */
export const dirOf = (part: string): string => part.slice(0, part.lastIndexOf('/') + 1);

/**
 * Where a part's relationships are.
 * @example relsPathOf("xl/workbook.xml") === "xl/_rels/workbook.xml.rels"
 * @throws nothing
 */
export const relsPathOf = (part: string): string => `${dirOf(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;

/** One relationship as written (its target not resolved), with its tag for writers that keep it. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
  readonly xml: string;
}

/**
 * The relationships of a .rels part, in document order.
 * @example parseRels('<Relationships><Relationship Id="rId1" Type="…/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')[0].id === "rId1"
 * @throws nothing: what is not a relationship is left out
 */
export function parseRels(xml: string): Relationship[] {
  const out: Relationship[] = [];
  eachElement(xml, 'Relationship', (tag) => {
    const a = attrs(tag);
    out.push({ id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '', external: a.TargetMode === 'External', xml: tag });
  });
  return out;
}

/** A relationship whose target is resolved to a part name. */
export interface PartRel { readonly target: string; readonly type: string }

/** The content types of a package: by extension (lower case) and by part name (no leading slash, lower case). */
export interface ContentTypes {
  readonly defaults: ReadonlyMap<string, string>;
  readonly overrides: ReadonlyMap<string, string>;
}

/**
 * The content types of [Content_Types].xml.
 * @example parseContentTypes(xml).overrides.get("xl/workbook.xml")
 * @throws nothing
 */
export function parseContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>(), overrides = new Map<string, string>();
  eachElement(xml, 'Default', (tag) => { const a = attrs(tag); if (a.Extension !== undefined) defaults.set(a.Extension.toLowerCase(), a.ContentType ?? ''); });
  eachElement(xml, 'Override', (tag) => { const a = attrs(tag); if (a.PartName !== undefined) overrides.set(resolveTarget('', a.PartName).toLowerCase(), a.ContentType ?? ''); });
  return { defaults, overrides };
}

/**
 * A zip's parts as an OPC package. Reading a part's text counts against one inflate budget, so
 * a bomb spread over many parts is refused too.
 * @example const pkg = new Package(bytes); pkg.relationships("").values()
 * @throws XlsxError from the constructor when the bytes are not a zip (not-zip; xls for an old .xls, encrypted for a password-protected file), and from its readers when a part is damaged (malformed-zip), a bomb (zip-bomb) or not XML (malformed-xml)
 */
export class Package {
  /** Entries in central-directory order, and by lower-case name. */
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  readonly budget: InflateBudget;

  /** Throws XlsxError when the bytes are not a zip, or its central directory is missing or damaged. */
  constructor(readonly bytes: Uint8Array, limits: InflateLimits = DEFAULT_LIMITS) {
    if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw notZip(bytes);
    this.entries = centralDirectory(bytes);
    for (const e of this.entries) if (!this.byName.has(e.name.toLowerCase())) this.byName.set(e.name.toLowerCase(), e);
    this.budget = new InflateBudget(limits);
  }

  /** The part called `name` (any case), if the package has it. @example pkg.find("XL/Workbook.xml") */
  find(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** A part's text (for small parts). Throws XlsxError when it is damaged or a bomb. @example pkg.text(entry) */
  text(entry: ZipEntry): string {
    return entryText(this.bytes, entry, this.budget);
  }

  /**
   * The relationships of a part ("" for the package's own), by id, targets resolved; external
   * targets left out. Empty when the part has none. Throws XlsxError when the .rels part is not XML.
   * @example pkg.relationships("xl/workbook.xml").get("rId1")?.target === "xl/worksheets/sheet1.xml"
   */
  relationships(part: string): Map<string, PartRel> {
    const rels = new Map<string, PartRel>();
    const entry = this.find(relsPathOf(part));
    if (!entry) return rels;
    const xml = this.text(entry);
    if (!looksLikeXml(xml, 'Relationships')) throw new XlsxError('malformed-xml', { part: entry.name });
    for (const r of parseRels(xml)) if (r.id !== '' && !r.external) rels.set(r.id, { target: resolveTarget(dirOf(part), r.target), type: r.type });
    return rels;
  }
}

/**
 * The first relationship whose type ends with `suffix` ("/officeDocument", "/styles").
 * @example relOfType(rels, "/styles")?.target
 * @throws nothing
 */
export function relOfType(rels: ReadonlyMap<string, PartRel>, suffix: string): PartRel | undefined {
  for (const r of rels.values()) if (r.type.endsWith(suffix)) return r;
  return undefined;
}
