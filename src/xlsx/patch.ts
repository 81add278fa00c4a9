/**
 * --out by patching the input workbook instead of rebuilding it: every part of the zip is copied
 * untouched (formulas, formatting, charts, macros, the 1904 date system, sheet names) except
 *  - the worksheets that get status columns, streamed through: our cells are put into each row
 *    (replacing the ones a previous run wrote), nothing else in the sheet changes;
 *  - the workbook part, its relationships, [Content_Types].xml, docProps/app.xml, the styles
 *    part and the shared strings, for our output sheets (the caller's, by WriteOptions.isOurs),
 *    which are written fresh; earlier ones are removed, so a re-run gives the same workbook;
 *  - the calculation chain, which is dropped (Excel rebuilds it; a stale one makes Excel repair
 *    the file).
 * In three steps: a plan (plan.ts, nothing written), pure rewriters of the small parts
 * (parts.ts), then the writer below. Memory stays bounded by the input's bytes and one chunk of
 * each part at a time. No Node APIs: bytes in, chunks out to a sink.
 */
import { a1 } from '../cells';
import { EMPTY_STYLES, addOutStyles, cellXml, tableSheetXml, tablePartXml, xmlEscape, type OutStyles } from './sheetxml';
import { DEFLATE_BLOCK, ZipWriter, type NativeZip, type Sink } from './zipio';
import { entryData, inflateSteps, type ZipEntry } from './zip';
import { PartDecoder } from './scan';
import { XlsxError } from './errors';
import {
  MAX_COL, MAX_ROW, PatchError, REL_NS, resolveTarget as resolveTargetOf, T_STYLES, T_TABLE, T_WORKSHEET, checkFits, dirOf, openPackage, planPatch, relsPathOf, resolveRelative,
  type InputPackage, type NewSheet, type PatchPlan,
} from './plan';
import { rewriteAppXml, rewriteContentTypes, rewriteWorkbook, rewriteWorkbookRels } from './parts';
import { WorksheetPatcher } from './worksheet';
import { ByteSink } from './bytebuf';
import { SharedStrings } from './sst';
import type { StatusColumnsSource, WriteCell, WriteOptions, WriteSources } from './model';

export { PatchError } from './plan';
export { WorksheetPatcher } from './worksheet';
export type { WriteOptions, WriteSources } from './model';

const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const CT_TABLE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
const CT_SHARED_STRINGS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

type Zip = ZipWriter;
const encoder = new TextEncoder();

/** Lets other work run (see outputSheetsBeside); throws when that work has failed. */
type Pause = () => Promise<void>;

/** Writes one whole part, pausing after each DEFLATE_BLOCK of text or so when given `pause`. */
async function put(zip: Zip, name: string, pieces: string | Iterable<string>, pause?: Pause): Promise<void> {
  const w = zip.begin(name);
  if (typeof pieces === 'string') await w.push(pieces);
  else {
    let since = 0;
    for (const piece of pieces) {
      await w.push(piece);
      since += piece.length;
      if (pause && since >= DEFLATE_BLOCK) { since = 0; await pause(); }
    }
  }
  await w.end();
}

/** The small parts the patch rewrites, by lower-case path, with the name each is written under. */
function rewrittenParts(pkg: InputPackage, plan: PatchPlan, stylesXml: string): Map<string, { name: string; xml: string }> {
  const { wb } = plan;
  const parts = new Map<string, { name: string; xml: string }>();
  const set = (name: string, xml: string): void => { parts.set(name.toLowerCase(), { name, xml }); };
  set(wb.workbookPath, rewriteWorkbook(wb.workbookXml, wb.sheets, plan.dropped, plan.newSheets));
  set(wb.wbRelsPath, rewriteWorkbookRels(wb.relsXml, plan));
  set('[Content_Types].xml', rewriteContentTypes(wb.contentTypes, plan));
  set(plan.styles.path, stylesXml);
  // The extended properties list the worksheets by name: always rewritten (like the workbook
  // part), so a re-run on our output gives the same bytes.
  const appRel = wb.rootRels.find((r) => r.type.endsWith('/extended-properties') && !r.external);
  const appPath = appRel ? resolveTargetOf('', appRel.target) : 'docProps/app.xml';
  const appXml = pkg.text(appPath);
  if (appXml !== undefined) set(appPath, rewriteAppXml(appXml, plan, appPath));
  return parts;
}

/** The pieces a part kept inflated by the caller is handed to the patcher in (as Node's inflate gives them). */
const KEPT_PIECE = 1 << 20;

/**
 * The inflated bytes of an entry, in pieces: the caller's own when it kept them
 * (WriteOptions.inflated), else through the platform's native inflate when it has one (off the
 * main thread in Node), else fflate's; counted against the package's inflate budget.
 */
async function* inflated(pkg: InputPackage, e: ZipEntry, options: Pick<WriteOptions, 'native' | 'crcChecked' | 'inflated'>): AsyncGenerator<Uint8Array> {
  const { native, inflated: kept } = options;
  const whole = kept && e.method === 8 && (e.flags & 1) === 0 ? kept(entryData(pkg.bytes, e)) : undefined;
  // Inflated and checked by the caller's reader: handed over in the pieces an inflate would give.
  if (whole !== undefined && whole.length === e.size) {
    for (let p = 0; p < whole.length; p += KEPT_PIECE) {
      const piece = whole.subarray(p, Math.min(whole.length, p + KEPT_PIECE));
      pkg.budget.add(piece.length, p + piece.length, e);
      yield piece;
    }
    return;
  }
  const inflate = native?.inflate;
  if (!inflate || e.method !== 8 || (e.flags & 1) !== 0) {
    for (const chunks of inflateSteps(pkg.bytes, e, pkg.budget)) yield* chunks;
    return;
  }
  let sofar = 0, crc = 0;
  const checksum = options.crcChecked === true ? undefined : native.crc32;
  const chunks = inflate(entryData(pkg.bytes, e))[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try { next = await chunks.next(); } catch { throw new XlsxError('malformed-zip', { part: e.name }); }
    if (next.done === true) break;
    sofar += next.value.length;
    pkg.budget.add(next.value.length, sofar, e);
    if (checksum) crc = checksum(next.value, crc);
    yield next.value;
  }
  // A damaged entry is told by its size, and by its CRC when the platform checksums natively.
  if ((sofar !== e.size && e.size !== 0xffffffff) || (checksum && crc !== e.crc)) throw new XlsxError('malformed-zip', { part: e.name });
}

/**
 * A part's text inflated as `inflated` inflates (natively and off the main thread in Node: the
 * shared strings of a million-row workbook are megabytes), or undefined when the package has no
 * such part.
 */
async function partText(pkg: InputPackage, name: string, native: NativeZip | undefined): Promise<string | undefined> {
  const e = pkg.find(name);
  if (!e) return undefined;
  // The reader's PartDecoder: Node's TextDecoder is several times slower once it streams.
  let decoder: PartDecoder | null = null;
  let text = '';
  // Always inflated and checksummed here, whatever the caller kept or checked (WriteOptions.crcChecked).
  for await (const chunk of inflated(pkg, e, { native })) text += (decoder ??= new PartDecoder(chunk)).decode(chunk, false);
  return decoder === null ? text : text + decoder.decode(new Uint8Array(0), true);
}

/** Streams one input worksheet through a WorksheetPatcher: inflated, patched and deflated piece by piece, as bytes (no text in between). */
async function patchSheet(zip: Zip, pkg: InputPackage, name: string, patcher: WorksheetPatcher, options: WriteOptions): Promise<void> {
  const e = pkg.find(name);
  if (!e) return;
  const w = zip.begin(e.name);
  const out = new ByteSink();
  for await (const chunk of inflated(pkg, e, options)) {
    patcher.pushBytes(chunk, out);
    for (const block of out.takeBlocks(DEFLATE_BLOCK, zip.blocks)) await w.push(block);
  }
  patcher.endBytes(out);
  await w.push(out.take());
  await w.end();
}

/** An output sheet of ours, with its Excel table part and that part's relationship. */
async function writeOutputSheet(zip: Zip, ns: NewSheet, styles: OutStyles, date1904: boolean, strings: SharedStrings, pause?: Pause): Promise<void> {
  await put(zip, ns.path, tableSheetXml(ns.table, { styles, date1904, tableRelId: ns.tablePath ? 'rId1' : undefined, strings }), pause);
  if (ns.tablePath === undefined || ns.tableName === undefined || ns.tableId === undefined) return;
  await put(zip, relsPathOf(ns.path), `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${T_TABLE}" Target="${resolveRelative(dirOf(ns.path), ns.tablePath)}"/></Relationships>`);
  await put(zip, ns.tablePath, tablePartXml(ns.table, ns.tableId, ns.tableName));
}

/** What is done with one entry of the input: rewritten (`part`), patched (`patcher`), else copied. */
interface EntryStep { readonly entry: ZipEntry; readonly part?: { name: string; xml: string } | undefined; readonly patcher?: WorksheetPatcher | undefined }

/**
 * The input's entries in zip order with what is done with each: dropped parts, the shared
 * strings (written last) and a second entry of a name are left out. Also the keys of the parts
 * rewritten that the input did not have.
 */
function entrySteps(pkg: InputPackage, plan: PatchPlan, replaced: ReadonlyMap<string, { name: string; xml: string }>, patcher: (blocks: readonly StatusColumnsSource[]) => WorksheetPatcher): { steps: EntryStep[]; missing: string[] } {
  const seen = new Set<string>([plan.sharedStrings.path.toLowerCase()]);
  const steps: EntryStep[] = [];
  for (const entry of pkg.entries) {
    const key = entry.name.toLowerCase();
    if (plan.dropped.parts.has(key) || seen.has(key)) continue;
    seen.add(key);
    const part = replaced.get(key);
    const blocks = plan.blocksByPath.get(key);
    steps.push({ entry, part, patcher: part === undefined && blocks ? patcher(blocks) : undefined });
  }
  return { steps, missing: [...replaced.keys()].filter((key) => !seen.has(key)) };
}

/** Gives the event loop a turn: zlib's results for the patch are handled before more is made. */
const macrotask = (): Promise<void> => new Promise((resolve) => { setTimeout(resolve, 0); });

/**
 * Our output sheets' entries, made and deflated into memory beside the patch of the input's
 * sheets, to be written where they belong when the patch is done (ZipWriter.append): the main
 * thread makes their XML while it would wait for zlib's threads on the patch. Only their
 * compressed bytes wait in memory (a few MB at a million rows). The shared strings must be
 * numbered for the patch first (registerTexts), so the texts added here are numbered as when
 * written in order. `stop` ends the work at its next pause (the patch failed).
 */
function outputSheetsBeside(plan: PatchPlan, styles: OutStyles, date1904: boolean, strings: SharedStrings, native: NativeZip): { done: Promise<{ part: ZipWriter; chunks: Uint8Array[] }>; stop: () => void } {
  let stopped = false;
  const pause: Pause = async () => {
    await macrotask();
    if (stopped) throw new Error('the patch failed');
  };
  const chunks: Uint8Array[] = [];
  const part = new ZipWriter((c) => { chunks.push(c); }, native);
  const done = (async (): Promise<{ part: ZipWriter; chunks: Uint8Array[] }> => {
    // The patch starts first; the sheets fill the time it waits.
    await pause();
    for (const ns of plan.newSheets) await writeOutputSheet(part, ns, styles, date1904, strings, pause);
    return { part, chunks };
  })();
  // Awaited after the patch; a failure meanwhile is not unhandled.
  done.catch(() => undefined);
  return { done, stop: () => { stopped = true; } };
}

/**
 * Writes `input` (an .xlsx or .xlsm) with the outputs to `sink`, patching only what must change.
 * With an asynchronous native deflate (Node's zlib) the output sheets are made beside the patch
 * of the input's sheets (outputSheetsBeside); the bytes are the same either way.
 * @example await patchXlsx(bytes, outputSources(run.outputs), async (chunk) => { await fh.write(chunk); }, { isOurs: isOutputSheet, native: nodeZip })
 * @throws PatchError when the workbook lacks a part it needs, a part it must rewrite is damaged, or the outputs do not fit; ZipFormatError when a zip entry is damaged
 */
export async function patchXlsx(input: Uint8Array, outputs: WriteSources, sink: Sink, options: WriteOptions): Promise<void> {
  const pkg = openPackage(input);
  const plan = planPatch(pkg, outputs, options.isOurs);
  const { date1904 } = plan.wb;
  const { native } = options;
  const { xml: stylesXml, styles } = addOutStyles(plan.styles.newRelId === undefined ? pkg.text(plan.styles.path) ?? EMPTY_STYLES : EMPTY_STYLES, plan.styles.path);
  const strings = new SharedStrings(plan.sharedStrings.newRelId === undefined ? await partText(pkg, plan.sharedStrings.path, native) : undefined, plan.sharedStrings.path);
  const replaced = rewrittenParts(pkg, plan, stylesXml);
  const { steps, missing } = entrySteps(pkg, plan, replaced, (blocks) => new WorksheetPatcher(blocks, styles, date1904, strings));
  // The patched sheets' texts are numbered first, in the order the patch writes them: it then
  // adds none, and the output sheets' come after them, however the two interleave.
  for (const step of steps) step.patcher?.registerTexts();
  const zip = new ZipWriter(sink, native);
  const beside = native?.deflateAsync ? outputSheetsBeside(plan, styles, date1904, strings, native) : undefined;
  try {
    for (const { entry, part, patcher } of steps) {
      if (part !== undefined) await put(zip, entry.name, part.xml);
      else if (patcher) await patchSheet(zip, pkg, entry.name, patcher, options);
      else await zip.copy(input, entry);
    }
    // Parts the workbook did not have.
    for (const key of missing) { const part = replaced.get(key); if (part) await put(zip, part.name, part.xml); }
  } catch (e) {
    beside?.stop();
    throw e;
  }
  if (beside) { const { part, chunks } = await beside.done; await zip.append(part, chunks); }
  else for (const ns of plan.newSheets) await writeOutputSheet(zip, ns, styles, date1904, strings);
  // Last: only now is every text of ours known.
  await put(zip, pkg.find(plan.sharedStrings.path)?.name ?? plan.sharedStrings.path, strings.xml());
  await zip.finish();
}

/** A sheet of text cells, as read from a CSV file. */
export interface TextSheet {
  readonly name: string;
  readonly values: readonly (readonly (string | number | boolean | null | undefined | Date | { readonly error: string })[])[];
}

/** Refuses input sheets larger than an Excel sheet. */
function checkSheetSizes(inputs: readonly TextSheet[]): void {
  for (const s of inputs) {
    if (s.values.length > MAX_ROW + 1) throw new PatchError('xlsx.write.too-many-rows', { sheet: s.name, rows: s.values.length });
    const wide = s.values.findIndex((r) => r.length > MAX_COL + 1);
    if (wide >= 0) throw new PatchError('xlsx.write.too-many-columns', { sheet: s.name, row: wide + 1 });
  }
}

/** The package parts of a new workbook of `names` sheets, `tables` of them with an Excel table. */
function newPackageParts(names: readonly string[], tables: number): [string, string][] {
  return [
    ['[Content_Types].xml', `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + `<Override PartName="/xl/styles.xml" ContentType="${CT_STYLES}"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT_SHARED_STRINGS}"/>`
      + names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT_WORKSHEET}"/>`).join('')
      + Array.from({ length: tables }, (_, i) => `<Override PartName="/xl/tables/table${i + 1}.xml" ContentType="${CT_TABLE}"/>`).join('') + '</Types>'],
    ['_rels/.rels', `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>`
      + names.map((n, i) => `<sheet name="${xmlEscape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') + '</sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
      + names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${T_WORKSHEET}" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
      + `<Relationship Id="rId${names.length + 1}" Type="${T_STYLES}" Target="styles.xml"/><Relationship Id="rId${names.length + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
  ];
}

/** One input sheet of text cells as worksheet XML, in pieces of about 256 KB. */
function* textSheetXml(s: TextSheet, strings: SharedStrings): Generator<string> {
  yield `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
  let buf = '';
  for (let r = 0; r < s.values.length; r++) {
    const row = s.values[r] ?? [];
    let cells = '';
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined || v === '') continue;
      const out: WriteCell = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : v.error;
      cells += cellXml(a1(r, c), out, 0, false, '', strings);
    }
    buf += `<row r="${r + 1}">${cells}</row>`;
    if (buf.length > 256 * 1024) { yield buf; buf = ''; }
  }
  yield `${buf}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

/**
 * A new workbook holding `sheets` (text cells, as read from CSV files) with the outputs: the
 * same writer as patching, starting from an empty workbook, so a million-row CSV is written with
 * bounded memory too.
 * @example await writeNewXlsx(workbook.sheets, outputSources(run.outputs), sink, { isOurs: isOutputSheet })
 * @throws PatchError when a sheet or the status columns do not fit in an Excel sheet
 */
export async function writeNewXlsx(sheets: readonly TextSheet[], outputs: WriteSources, sink: Sink, options: WriteOptions): Promise<void> {
  const { xml: stylesXml, styles } = addOutStyles(EMPTY_STYLES);
  const strings = new SharedStrings();
  const zip = new ZipWriter(sink, options.native);
  const inputs = sheets.filter((s) => !options.isOurs(s.name));
  const names = [...inputs.map((s) => s.name), ...outputs.tables.map((t) => t.sheetName)];
  for (const [name, xml] of newPackageParts(names, outputs.tables.filter((t) => t.excelTable === true).length)) await put(zip, name, xml);
  await put(zip, 'xl/styles.xml', stylesXml);
  for (const b of outputs.statusColumns) checkFits(b);
  checkSheetSizes(inputs);
  for (const [i, s] of inputs.entries()) {
    const blocks = outputs.statusColumns.filter((b) => b.sheet === s.name);
    const patcher = blocks.length > 0 ? new WorksheetPatcher(blocks, styles, false, strings) : undefined;
    const w = zip.begin(`xl/worksheets/sheet${i + 1}.xml`);
    const out = new ByteSink();
    for (const piece of textSheetXml(s, strings)) {
      if (!patcher) { await w.push(piece); continue; }
      patcher.pushBytes(encoder.encode(piece), out);
      await w.push(out.take());
    }
    if (patcher) { patcher.endBytes(out); await w.push(out.take()); }
    await w.end();
  }
  let tableNo = 0;
  for (const [k, table] of outputs.tables.entries()) {
    const path = `xl/worksheets/sheet${inputs.length + k + 1}.xml`;
    const excel = table.excelTable === true ? { tablePath: `xl/tables/table${++tableNo}.xml`, tableName: table.tableName, tableId: tableNo } : {};
    await writeOutputSheet(zip, { table, path, relId: '', sheetId: 0, ...excel }, styles, false, strings);
  }
  await put(zip, 'xl/sharedStrings.xml', strings.xml());
  await zip.finish();
}
