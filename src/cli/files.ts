/**
 * Reading the CLI's input files into sheets of cells: .xlsx through our streaming reader
 * (src/xlsx/read: the XML is scanned as it inflates, only the cells are kept), .csv/.tsv/.txt in
 * any encoding Excel writes them (src/sheets/delimited, shared with the task pane). Each delimited file becomes one sheet named
 * after the file.
 */
import { constants, createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { t, type Locale } from '../i18n';
import { isOutputSheet, type SheetInput, type WorkbookInput } from '../sheets';
import { DelimitedError, decodeText, parseDelimited as parseText, sheetNameFor as sheetNameFromBase, sniffDelimiter, type TextEncoding } from '../sheets/delimited';
import { XlsxError } from '../xlsx/errors';
import { readXlsxBytes } from '../xlsx/read';
import { checkSignature, crc32, type Crc32, type NativeInflate } from '../xlsx/zip';

import { InputError, errnoCode, reasonOf } from './errors';

export { InputError, decodeText, sniffDelimiter, type TextEncoding };

/**
 * Every part's CRC-32 checked on reading: Node's zlib.crc32 (20.15 and later), else ours. Defined
 * here rather than taken from out-file's nodeZip, so reading does not load the writer.
 */
const readCrc32: Crc32 = typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (data, crc) => zlib.crc32(data, crc) : crc32;

/**
 * A part inflated by Node's zlib in one piece, several times faster than fflate's stream. Its
 * output buffer is the part's declared size plus one byte (one allocation, no copies), and zlib
 * refuses to go past it, so a header that lies cannot make it hold more. A stream zlib calls
 * damaged or truncated, or longer than declared, is null (the reader's "damaged file").
 * @example readInflateRaw(zlib.deflateRawSync(Buffer.from("abc")), 3) // the bytes of "abc"
 * @throws what zlib throws for anything but damaged data (out of memory)
 */
export const readInflateRaw: NativeInflate = (data, maxSize) => {
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: maxSize, chunkSize: Math.max(zlib.constants.Z_MIN_CHUNK, maxSize + 1) });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'Z_NEED_DICT') return null;
    throw e;
  }
};

/**
 * The most inflated bytes kept for --out in all: the sheets of a million-row Insights workbook
 * are ~300 MB of XML. Past it the writer inflates what it patches again.
 */
export const KEEP_MAX_BYTES = 384 * 1024 * 1024;

/** Parts smaller than this are not kept: they inflate again in a few milliseconds. */
const KEEP_MIN_BYTES = 1024 * 1024;

/**
 * The large parts the reader inflated, kept for --out's patching writer (WriteOptions.inflated),
 * so the worksheets it streams through are read from memory instead of being inflated a second
 * time: at a million rows that is 0.45 s of zlib's threads and 300 MB of buffers made and let go
 * while the patch runs. At most KEEP_MAX_BYTES in all; each part is handed out once, then let go.
 * @example const kept = new KeptParts(); readInputs(["in.xlsx"], undefined, "en-US", kept); patchXlsx(bytes, outputs, sink, { ..., inflated: kept.take })
 */
export class KeptParts {
  private readonly parts = new Map<number, { compressed: Uint8Array; bytes: Uint8Array }>();
  private total = 0;

  /** readInflateRaw, keeping what it inflates while the bound allows. @throws as readInflateRaw */
  readonly inflateRaw: NativeInflate = (data, maxSize) => {
    const bytes = readInflateRaw(data, maxSize);
    if (bytes && bytes.length >= KEEP_MIN_BYTES && this.total + bytes.length <= KEEP_MAX_BYTES) {
      this.parts.set(data.byteOffset, { compressed: data, bytes });
      this.total += bytes.length;
    }
    return bytes;
  };

  /** The inflated bytes of the part whose compressed bytes are `compressed` (the same view of the same input), once. @throws never */
  readonly take = (compressed: Uint8Array): Uint8Array | undefined => {
    const part = this.parts.get(compressed.byteOffset);
    if (!part || part.compressed.buffer !== compressed.buffer || part.compressed.length !== compressed.length) return undefined;
    this.parts.delete(compressed.byteOffset);
    this.total -= part.bytes.length;
    return part.bytes;
  };
}

/** The largest input read: an .xlsx of a million rows is ~40 MB; this bounds a pipe or a device. */
export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

/**
 * The bytes of an input, opened exactly once and read as a stream up to MAX_INPUT_BYTES, so a
 * named pipe, /dev/zero or a directory is handled like any file: `check` sees the first chunk
 * (and refuses what cannot be a workbook before reading more). Throws XlsxError.
 * @example const bytes = await readInputBytes("in.xlsx", checkSignature)
 * @throws XlsxError ("directory", "too-large") for a folder or a file over MAX_INPUT_BYTES; the XlsxError `check` throws on the first bytes; Node system errors (ENOENT, EACCES...) as they come
 */
export async function readInputBytes(file: string, check: (head: Uint8Array) => void): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new XlsxError('directory');
    if (st.isFile() && st.size > MAX_INPUT_BYTES) throw new XlsxError('too-large', { limit: MAX_INPUT_BYTES / 1024 / 1024 });
    const chunks: Uint8Array[] = [];
    let total = 0;
    // A regular file in one read of its size; anything else in 1 MB pieces.
    let size = st.isFile() && st.size > 0 ? st.size : 1024 * 1024;
    for (;;) {
      const buf = new Uint8Array(size);
      let filled = 0;
      while (filled < buf.length) {
        const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) break;
      if (total === 0) check(buf.subarray(0, filled));
      chunks.push(filled === buf.length ? buf : buf.subarray(0, filled));
      total += filled;
      if (total > MAX_INPUT_BYTES) throw new XlsxError('too-large', { limit: MAX_INPUT_BYTES / 1024 / 1024 });
      if (filled < buf.length) break;
      size = 1024 * 1024;
    }
    if (total === 0) check(new Uint8Array(0));
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    const all = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) { all.set(c, at); at += c.length; }
    return all;
  } finally {
    await handle.close();
  }
}

/** Called now and then with the rows read so far (for a progress line). */
export type Progress = (rowsRead: number) => void;

/**
 * Reads every worksheet of an .xlsx file in tab order with our streaming reader (src/xlsx/read),
 * except the output sheets of an earlier run (never input: a re-run does not hold their cells).
 * A file that is not a readable workbook throws InputError with one line saying why (rendered in
 * the run's language by the error boundary).
 * @example const wb = await readXlsx("assets/sample.xlsx"); wb.sheets.map((s) => s.name)
 * @throws InputError (cli.error.fileReason) when the file is not a readable workbook; Node system errors as they come
 */
export async function readXlsx(file: string, progress?: Progress): Promise<WorkbookInput> {
  return (await readWorkbookFile(file, progress)).workbook;
}

/** Largest delimited input read (COMPETENCY_MAX_INPUT_BYTES overrides): a stream that never ends is refused, not read forever. */
export const MAX_DELIMITED_BYTES = 1024 * 1024 * 1024;

function maxInputBytes(): number {
  const env = Number(process.env.COMPETENCY_MAX_INPUT_BYTES);
  return Number.isFinite(env) && env > 0 ? env : MAX_DELIMITED_BYTES;
}

/**
 * Every byte of a file or pipe, read once (a named pipe cannot be opened twice), up to a limit.
 * @example const bytes = await readBounded("revenue.csv", 1 << 20)
 * @throws InputError (cli.error.tooLarge) past `limit` bytes; Node system errors as they come
 */
export async function readBounded(file: string, limit: number = maxInputBytes()): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw new InputError('cli.error.tooLarge', { file, limit: Math.round(limit / 1048576) });
      chunks.push(chunk);
    }
  } finally { stream.destroy(); }
  return Buffer.concat(chunks, total);
}

/**
 * Reads a .csv, .tsv or .txt file (or a pipe) as one sheet of text cells, in whatever encoding
 * and with whatever delimiter it was written (see decodeText and sniffDelimiter).
 * @example const sheet = await readDelimited("revenue.csv"); sheet.name === "revenue"
 * @throws InputError when the text is not a readable table (see parseDelimited); Node system errors as they come
 */
export async function readDelimited(file: string, bytes?: Uint8Array): Promise<SheetInput & { encoding: TextEncoding }> {
  const { text, encoding } = decodeText(bytes ?? await readBounded(file));
  const delimiter = sniffDelimiter(text, path.extname(file).toLowerCase());
  return { name: sheetNameFor(file), values: parseDelimited(text, delimiter, file), encoding };
}

/**
 * Parses delimited text into rows of text cells (src/sheets/delimited), a table that cannot be
 * read becoming the CLI's InputError.
 * @example parseDelimited("a,b\n1,2", ",", "x.csv") // [["a","b"],["1","2"]]
 * @throws InputError when the text is not a readable table
 */
export function parseDelimited(text: string, delimiter: string, file: string): string[][] {
  try {
    return parseText(text, delimiter, file);
  } catch (e) {
    if (e instanceof DelimitedError) throw new InputError(e.key, e.params);
    throw e;
  }
}

/**
 * A sheet name Excel accepts, from a file's path (src/sheets/delimited names it from the base name).
 * @example sheetNameFor("/x/Revenue 2018.csv") === "Revenue 2018"
 * @throws never
 */
export function sheetNameFor(file: string): string {
  return sheetNameFromBase(path.basename(file));
}

/** Whether a file is read as a workbook (by its extension). */
const isWorkbookFile = (file: string): boolean => ['.xlsx', '.xlsm'].includes(path.extname(file).toLowerCase());

/**
 * A workbook's bytes and sheets, a file that is not a readable workbook becoming InputError.
 * @throws InputError (cli.error.fileReason) when the file is not a readable workbook or cannot be opened
 */
async function readWorkbookFile(file: string, progress: Progress | undefined, kept?: KeptParts): Promise<{ bytes: Uint8Array; workbook: WorkbookInput }> {
  try {
    const bytes = await readInputBytes(file, checkSignature);
    return { bytes, workbook: readXlsxBytes(bytes, { progress, skipSheet: isOutputSheet, crc32: readCrc32, inflateRaw: kept?.inflateRaw ?? readInflateRaw }) };
  } catch (e) {
    if (e instanceof XlsxError) throw new InputError('cli.error.fileReason', { file, reason: (l) => e.describe(l) });
    if (errnoCode(e) !== undefined) throw new InputError('cli.error.fileReason', { file, reason: reasonOf(e) });
    throw e;
  }
}

/**
 * Checks each of several inputs before any is read: a regular, readable file (or a pipe for
 * delimited text) with an extension we read.
 * @throws InputError for a missing, unreadable, non-regular or unsupported file, or a folder
 */
async function checkInputFiles(files: readonly string[]): Promise<void> {
  for (const f of files) {
    let st;
    try { st = await fs.stat(f); } catch (e) { throw new InputError('cli.error.fileReason', { file: f, reason: reasonOf(e) }); }
    if (st.isDirectory()) throw new InputError('cli.error.inputDirectory', { file: f });
    // A pipe can be read once as text; a device (/dev/zero) never ends.
    if (!st.isFile() && !(!isWorkbookFile(f) && st.isFIFO())) throw new InputError('cli.error.inputNotRegular', { file: f });
    try { await fs.access(f, constants.R_OK); } catch (e) { throw new InputError('cli.error.fileReason', { file: f, reason: reasonOf(e) }); }
  }
  const bad = files.find((f) => !isWorkbookFile(f) && !['.csv', '.tsv', '.tab', '.txt'].includes(path.extname(f).toLowerCase()));
  if (bad !== undefined) throw new InputError('cli.error.inputExtension', { file: bad });
}

/**
 * Reads the CLI's inputs. One workbook is read as it is (its bytes kept, for --out to patch, and
 * its large parts inflated into `kept` when given).
 * Several files, workbooks and CSV/TSV/TXT files in any mix, are read as one set: one workbook
 * whose sheets are every workbook's sheets and one sheet per delimited file, in the order given,
 * a name taken twice getting " (2)". The same file given twice (the same file under another name,
 * or the same bytes) is read once, with a warning. Workbooks of different date systems (1900 and
 * 1904) are refused rather than read with their plain-number dates four years apart.
 * @example const { workbook, warnings } = await readInputs(["revenue.csv", "certifications.xlsx"])
 * @throws InputError: a missing, unreadable, non-regular or unsupported file, a folder, a file that is not a readable workbook, or workbooks of different date systems
 */
export async function readInputs(given: readonly string[], progress?: Progress, locale: Locale = 'en-US', kept?: KeptParts): Promise<{ workbook: WorkbookInput; kind: 'xlsx' | 'delimited' | 'mixed'; warnings: string[]; bytes?: Uint8Array }> {
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  const files: string[] = [];
  for (const f of given) {
    // stat opens nothing (a pipe is still read only once); errors are reported by the readers.
    const st = await fs.stat(f).catch(() => undefined);
    const key = st ? `${st.dev}:${st.ino}` : `?${f}`;
    const first = seen.get(key);
    if (first !== undefined) { warnings.push(t(locale, 'cli.warning.sameFile', { file: f, first })); continue; }
    seen.set(key, f);
    files.push(f);
  }
  // One workbook: opened exactly once, which says itself what is wrong with a directory, a pipe
  // or a device (a pipe is read as a stream up to a limit; a device such as /dev/zero is refused
  // from its first bytes).
  if (files.length === 1 && isWorkbookFile(files[0] as string)) {
    const { bytes, workbook } = await readWorkbookFile(files[0] as string, progress, kept);
    return { workbook, kind: 'xlsx', warnings, bytes };
  }
  await checkInputFiles(files);
  return { ...await readSet(files, progress, locale, warnings), warnings };
}

/**
 * Several checked inputs as one workbook (see readInputs).
 * @throws InputError as the readers do, or cli.error.mixedDateSystems
 */
async function readSet(files: readonly string[], progress: Progress | undefined, locale: Locale, warnings: string[]): Promise<{ workbook: WorkbookInput; kind: 'delimited' | 'mixed' }> {
  const sheets: SheetInput[] = [];
  const hiddenSheets: string[] = [];
  const used = new Set<string>();
  const byContent = new Map<string, string>();
  const add = (s: SheetInput): void => {
    let name = s.name, k = 2;
    while (used.has(name.toLowerCase())) name = `${s.name.slice(0, 26)} (${k++})`;
    used.add(name.toLowerCase());
    sheets.push({ name, values: s.values });
  };
  let date1904: { file: string; value: boolean } | undefined;
  const { createHash } = await import('node:crypto'); // several inputs only: not loaded for one workbook
  for (const f of files) {
    const workbook = isWorkbookFile(f);
    const read = workbook ? await readWorkbookFile(f, progress) : undefined;
    const bytes = read?.bytes ?? await readBounded(f);
    // Identical bytes under another name (a copy): counting them twice would double revenue.
    const digest = createHash('sha256').update(bytes).digest('hex');
    const same = byContent.get(digest);
    if (same !== undefined) { warnings.push(t(locale, 'cli.warning.sameContent', { file: f, first: same })); continue; }
    byContent.set(digest, f);
    if (!read) { add(await readDelimited(f, bytes)); continue; }
    const system = read.workbook.date1904 === true;
    if (date1904 !== undefined && date1904.value !== system) {
      const [d1904, d1900] = system ? [f, date1904.file] : [date1904.file, f];
      throw new InputError('cli.error.mixedDateSystems', { file: d1904, other: d1900 });
    }
    date1904 ??= { file: f, value: system };
    read.workbook.sheets.forEach(add);
    hiddenSheets.push(...(read.workbook.hiddenSheets ?? []));
  }
  const workbook: WorkbookInput = { sheets, ...(date1904?.value ? { date1904: true } : {}), ...(hiddenSheets.length > 0 ? { hiddenSheets } : {}) };
  return { workbook, kind: date1904 === undefined ? 'delimited' : 'mixed' };
}
