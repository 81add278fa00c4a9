/**
 * Our .xlsx reader, for the CLI and the task pane outside Excel alike (no Node APIs): bytes in,
 * the `sheets` layer's WorkbookInput out. Each worksheet is inflated as a stream and scanned by
 * hand as it arrives (a tight loop of indexOf over the SpreadsheetML we need: rows, cells, values,
 * inline and shared strings), so memory grows with the cells found, never with the XML, and a
 * million-row sheet costs little more than inflating it.
 *
 * What it understands: sheet names and tab order from the workbook part and its relationships
 * (relative or absolute targets, any part order in the zip), the 1904 date system, shared strings
 * (rich text runs joined, phonetic runs left out), inline strings, numbers, booleans, errors,
 * formula results, dates from the cell's style, cells and rows without their optional r=, any
 * namespace prefix, XML entities and character references. What it refuses, as an XlsxError
 * with one clear message: anything that is not a zip, damaged zips, zip bombs, malformed XML,
 * encrypted workbooks, .xls and .ods files.
 */
import type { SheetInput, WorkbookInput } from '../cells';
import { XlsxError } from './errors';
import { dateStyles } from './styles';
import { Package, relOfType } from './package';
import { SharedStrings, SheetScanner, Tally, WORKBOOK_LIMITS, checkNesting, scanPart, type WorkbookLimits } from './scan';
import { attrs, eachElement, looksLikeXml, namespaces } from './xml';
import { isOpenDocument, type Crc32, type InflateLimits, type NativeInflate, type NativeZlib, type ZipEntry } from './zip';

/** How to read. */
export interface XlsxReadOptions {
  /**
   * Called with the rows read so far and the fraction of the worksheets' compressed bytes read,
   * every `progressEvery` rows (default 50,000).
   */
  readonly progress?: ((rowsRead: number, fraction: number) => void) | undefined;
  readonly progressEvery?: number | undefined;
  /** Zip bomb limits (tests use small ones). */
  readonly limits?: InflateLimits | undefined;
  /**
   * Sheets not to read (left out of the result): the CLI skips the output sheets of an earlier
   * run, which are never input and at a million rows hold hundreds of thousands of cells.
   */
  readonly skipSheet?: ((name: string) => boolean) | undefined;
  /** Limits on the whole workbook's cells, rows and shared strings (tests use small ones). */
  readonly workbookLimits?: WorkbookLimits | undefined;
  /**
   * A native CRC-32 (the CLI passes Node's zlib.crc32): every part's checksum is then verified,
   * not only the small parts'.
   */
  readonly crc32?: Crc32 | undefined;
  /**
   * A native raw inflate of a whole part (the CLI passes Node's zlib.inflateRawSync, bounded by
   * the part's declared size): worksheets and shared strings up to NATIVE_MAX_PART are inflated
   * in one piece, several times faster than fflate's stream; every limit and check stays.
   */
  readonly inflateRaw?: NativeInflate | undefined;
}

/**
 * True when a small part has the given root and its elements nest properly (a styles part of
 * 100,000 nested fonts left open is damaged, not read as far as it goes).
 */
function wellFormed(xml: string, root: string): boolean {
  if (!looksLikeXml(xml, root)) return false;
  try { checkNesting(xml, 0, xml.length, () => new XlsxError('malformed-xml', { part: root })); } catch (e) {
    if (e instanceof XlsxError) return false;
    throw e;
  }
  return true;
}

/** SpreadsheetML's main namespace, transitional and strict. */
const MAIN_NS = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);

/**
 * Whether the workbook uses the 1904 date system: the date1904 of the <workbookPr> in
 * SpreadsheetML's own namespace. Excel 2013+ writes an <x15:workbookPr> of another namespace
 * after it, in an extension list: matched by local name alone, that one wins and loses the flag.
 */
function usesDate1904(workbookXml: string): boolean {
  const ns = namespaces(workbookXml);
  let date1904 = false;
  eachElement(workbookXml, 'workbookPr', (tag, prefix) => {
    const uri = ns.get(prefix);
    if (uri === undefined ? prefix !== '' : !MAIN_NS.has(uri)) return;
    const v = attrs(tag).date1904;
    date1904 = v === '1' || v === 'true';
  });
  return date1904;
}

/**
 * Reads an .xlsx (or .xlsm) workbook's sheets, in tab order, from its bytes.
 * Throws XlsxError when the bytes are not a readable workbook.
 * @example const input = readXlsxBytes(new Uint8Array(await file.arrayBuffer())); input.sheets[0].name
 * @throws XlsxError when the bytes are not a readable .xlsx workbook (not a zip, damaged, encrypted, .xls/.ods, a zip bomb, malformed XML, a shared string out of range...)
 */
export function readXlsxBytes(bytes: Uint8Array, options: XlsxReadOptions = {}): WorkbookInput {
  if (bytes.length === 0) throw new XlsxError('empty');
  const pkg = new Package(bytes, options.limits);
  if (isOpenDocument(bytes, pkg.find('mimetype'))) throw new XlsxError('ods');
  if (pkg.find('EncryptedPackage')) throw new XlsxError('encrypted');
  const budget = pkg.budget;
  const limits = options.workbookLimits ?? WORKBOOK_LIMITS;
  const native: NativeZlib = { crc32: options.crc32, inflateRaw: options.inflateRaw };

  const rootRels = pkg.relationships('');
  const workbookPart = relOfType(rootRels, '/officeDocument')?.target ?? 'xl/workbook.xml';
  const workbookEntry = pkg.find(workbookPart);
  if (!workbookEntry) throw new XlsxError('not-xlsx', { part: workbookPart });
  const workbookXml = pkg.text(workbookEntry);
  if (!wellFormed(workbookXml, 'workbook')) throw new XlsxError('malformed-xml', { part: workbookEntry.name });
  const date1904 = usesDate1904(workbookXml);
  const rels = pkg.relationships(workbookEntry.name);

  const stylesRel = relOfType(rels, '/styles');
  const stylesEntry = pkg.find(stylesRel?.target ?? 'xl/styles.xml');
  let dateStyle: Uint8Array = new Uint8Array(0);
  if (stylesEntry) {
    const xml = pkg.text(stylesEntry);
    if (!wellFormed(xml, 'styleSheet')) throw new XlsxError('malformed-xml', { part: stylesEntry.name });
    dateStyle = dateStyles(xml);
  }

  const sstRel = relOfType(rels, '/sharedStrings');
  const sstEntry = pkg.find(sstRel?.target ?? 'xl/sharedStrings.xml');
  let shared: readonly string[] = [];
  if (sstEntry) {
    const sst = new SharedStrings(sstEntry.name, limits.maxSharedStrings);
    scanPart(bytes, sstEntry, budget, sst, undefined, native);
    shared = sst.strings;
  }

  // The worksheets to read, in tab order (chart, dialog and macro sheets have no cells).
  const parts: { name: string; entry: ZipEntry }[] = [];
  const hiddenSheets: string[] = [];
  let index = 0;
  const tags: string[] = [];
  eachElement(workbookXml, 'sheet', (tag) => tags.push(tag));
  for (const tag of tags) {
    index++;
    const a = attrs(tag);
    const rel = a.id !== undefined ? rels.get(a.id) : undefined;
    if (rel && !rel.type.endsWith('/worksheet')) continue;
    const partName = rel?.target ?? `xl/worksheets/sheet${index}.xml`;
    const entry = pkg.find(partName);
    if (!entry) throw new XlsxError('not-xlsx', { part: partName });
    const name = a.name ?? `Sheet${index}`;
    if (options.skipSheet?.(name) === true) continue;
    // Hidden and very hidden sheets are not read, only named (docs/rules.md 11).
    if (a.state === 'hidden' || a.state === 'veryHidden') { hiddenSheets.push(name); continue; }
    parts.push({ name, entry });
  }

  // Progress: rows read, and the share of the worksheets' compressed bytes inflated so far.
  const totalBytes = parts.reduce((n, p) => n + p.entry.compressedSize, 0) || 1;
  let doneBytes = 0, partBytes = 0, rowsRead = 0;
  const every = options.progressEvery ?? 50000;
  const progress = options.progress;
  const onRow = progress
    ? (): void => { if (++rowsRead % every === 0) progress(rowsRead, Math.min(1, (doneBytes + partBytes) / totalBytes)); }
    : (): void => { rowsRead++; };
  const onInput = (consumed: number): void => { partBytes = consumed; };

  const sheets: SheetInput[] = [];
  const tally = new Tally(limits);
  for (const { name, entry } of parts) {
    const scanner = new SheetScanner({ part: entry.name, sheet: name, shared, dateStyle, date1904, onRow, tally });
    partBytes = 0;
    scanPart(bytes, entry, budget, scanner, onInput, native);
    doneBytes += entry.compressedSize;
    // Rows are sparse: a row without values is a hole (read as undefined), never an empty array.
    sheets.push({ name, values: scanner.values });
  }
  return { sheets, date1904, ...(hiddenSheets.length > 0 ? { hiddenSheets } : {}) };
}
