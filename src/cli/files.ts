/**
 * Reading the CLI's input files into sheets of cells: .xlsx through our streaming reader
 * (src/xlsx/read: the XML is scanned as it inflates, only the cells are kept), .csv/.tsv/.txt in
 * any encoding Excel writes them through csv-parse. Each delimited file becomes one sheet named
 * after the file.
 */
import { constants, createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { parse as parseSync } from 'csv-parse/sync';
import { t, type Locale } from '../i18n';
import { isOutputSheet, type SheetInput, type WorkbookInput } from '../sheets';
import { XlsxError } from '../xlsx/errors';
import { readXlsxBytes } from '../xlsx/read';
import { checkSignature } from '../xlsx/zip';

import { InputError, errnoCode, reasonOf } from './errors';

export { InputError };

/** The largest input read: an .xlsx of a million rows is ~40 MB; this bounds a pipe or a device. */
export const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

/**
 * The bytes of an input, opened exactly once and read as a stream up to MAX_INPUT_BYTES, so a
 * named pipe, /dev/zero or a directory is handled like any file: `check` sees the first chunk
 * (and refuses what cannot be a workbook before reading more). Throws XlsxError.
 * @example const bytes = await readInputBytes("in.xlsx", checkSignature)
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
 */
export async function readXlsx(file: string, progress?: Progress): Promise<WorkbookInput> {
  try {
    return readXlsxBytes(await readInputBytes(file, checkSignature), { progress, skipSheet: isOutputSheet });
  } catch (e) {
    if (e instanceof XlsxError) throw new InputError('cli.error.fileReason', { file, reason: (l) => e.describe(l) });
    throw e;
  }
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

/** The text encodings a delimited file is read in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Decodes a text file's bytes: a byte order mark decides (UTF-8, UTF-16LE as Excel's "Unicode
 * Text" writes, UTF-16BE); without one, UTF-16 is recognised by its zero bytes, then UTF-8 is
 * tried strictly, and bytes that are not valid UTF-8 are Windows-1252 (what Excel on Windows
 * writes as "CSV"), so "Müller" survives instead of becoming replacement characters.
 * @example decodeText(Buffer.from([0xff, 0xfe, 0x41, 0])).text === "A"
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const b0 = bytes[0], b1 = bytes[1], b2 = bytes[2];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { text: utf16be(bytes.subarray(2)), encoding: 'utf-16be' };
  // No mark: text in UTF-16 has a zero byte beside nearly every ASCII character.
  const n = Math.min(bytes.length, 4096) & ~1;
  let evenZeros = 0, oddZeros = 0;
  for (let i = 0; i < n; i += 2) { if (bytes[i] === 0) evenZeros++; if (bytes[i + 1] === 0) oddZeros++; }
  if (n >= 4 && oddZeros > n / 6 && evenZeros === 0) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length & ~1)), encoding: 'utf-16le' };
  if (n >= 4 && evenZeros > n / 6 && oddZeros === 0) return { text: utf16be(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: windows1252(bytes), encoding: 'windows-1252' };
  }
}

/** 0x80-0x9F of Windows-1252 (Node's TextDecoder treats the label as Latin-1 and loses "€"). */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function windows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

function utf16be(bytes: Uint8Array): string {
  const swapped = new Uint8Array(bytes.length & ~1);
  for (let i = 0; i + 1 < bytes.length; i += 2) { swapped[i] = bytes[i + 1] as number; swapped[i + 1] = bytes[i] as number; }
  return new TextDecoder('utf-16le').decode(swapped);
}

/** How many lines the delimiter is sniffed from: enough to see past a title and a note or two. */
const SNIFF_LINES = 50;
const CANDIDATES = ['\t', ';', ','] as const;

/**
 * The delimiter of a text table: tab for .tsv/.tab; otherwise the one of tab, semicolon and comma
 * that most of the first lines hold the same number of times outside quotes (ties: the larger
 * number, then tab, semicolon, comma). A table's rows agree with each other, so a title line
 * above it ("Revenue report, Q1") or a decimal comma in every amount does not decide; Excel's
 * "Unicode Text" .txt is tab-separated, European Excel writes ";".
 * @example sniffDelimiter("Report, Q1\na;b;c\n1;2,5;3", ".csv") === ";"
 */
export function sniffDelimiter(text: string, ext: string): string {
  if (ext === '.tsv' || ext === '.tab') return '\t';
  // For each candidate: line count -> how many lines have it (lines without the candidate skipped).
  const histograms = CANDIDATES.map(() => new Map<number, number>());
  let counts = CANDIDATES.map(() => 0);
  let quoted = false, lines = 0;
  const endLine = (): void => {
    counts.forEach((n, k) => { if (n > 0) { const h = histograms[k] as Map<number, number>; h.set(n, (h.get(n) ?? 0) + 1); } });
    counts = CANDIDATES.map(() => 0);
    lines++;
  };
  for (let i = 0; i < text.length && i < 1 << 20 && lines < SNIFF_LINES; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') endLine();
    else if (!quoted) { const k = CANDIDATES.indexOf(ch as (typeof CANDIDATES)[number]); if (k >= 0) counts[k] = (counts[k] ?? 0) + 1; }
  }
  endLine();
  let best: string = ',', bestLines = 0, bestCount = 0;
  CANDIDATES.forEach((candidate, k) => {
    for (const [count, nLines] of histograms[k] as Map<number, number>) {
      if (nLines > bestLines || (nLines === bestLines && count > bestCount)) { best = candidate; bestLines = nLines; bestCount = count; }
    }
  });
  return best;
}

/**
 * Parses delimited text into rows of text cells. A quoted field never closed is an InputError
 * naming the line (the rest of the file would otherwise be one cell).
 * @example parseDelimited("a,b\n1,2", ",", "x.csv") // [["a","b"],["1","2"]]
 */
export function parseDelimited(text: string, delimiter: string, file: string): string[][] {
  try {
    return parseSync(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: 16 * 1024 * 1024 }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') throw new InputError('cli.error.quoteNotClosed', { file, line: openQuoteLine(text, delimiter) });
    // The parser's own detail stays as it says it (English): it names what it met.
    throw new InputError(delimiter === '\t' ? 'cli.error.unreadableTsv' : 'cli.error.unreadableCsv', { file, detail: (err.message ?? String(e)).split('\n')[0] ?? '' });
  }
}

/** The line on which the quoted field left open at the end of the text starts. */
function openQuoteLine(text: string, delimiter: string): number {
  let line = 1, openLine = 1, quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') { if (text[i + 1] === '"') i++; else quoted = false; } else if (ch === '\n') line++;
    } else if (ch === '\n') line++;
    else if (ch === '"' && (i === 0 || text[i - 1] === delimiter || text[i - 1] === '\n' || text[i - 1] === '\r')) { quoted = true; openLine = line; }
  }
  return openLine;
}

/**
 * Reads a .csv, .tsv or .txt file (or a pipe) as one sheet of text cells, in whatever encoding
 * and with whatever delimiter it was written (see decodeText and sniffDelimiter).
 * @example const sheet = await readDelimited("revenue.csv"); sheet.name === "revenue"
 */
export async function readDelimited(file: string, bytes?: Uint8Array): Promise<SheetInput & { encoding: TextEncoding }> {
  const { text, encoding } = decodeText(bytes ?? await readBounded(file));
  const delimiter = sniffDelimiter(text, path.extname(file).toLowerCase());
  return { name: sheetNameFor(file), values: parseDelimited(text, delimiter, file), encoding };
}

/**
 * A sheet name Excel accepts, from a file name: no : \\ / ? * [ ], no apostrophe at either end,
 * at most 31 characters, not "History" (reserved), and never the name of one of our output sheets
 * (which would not be read as input).
 * @example sheetNameFor("/x/Revenue 2018.csv") === "Revenue 2018"
 */
export function sheetNameFor(file: string): string {
  // eslint-disable-next-line no-control-regex
  let base = path.basename(file, path.extname(file)).replace(/[:\\/?*[\]\u0000-\u001f\u007f]/g, '_').slice(0, 31).replace(/^'+|'+$/g, '').trim();
  if (base === '') base = 'Sheet';
  if (base.toLowerCase() === 'history') base = 'History_';
  if (isOutputSheet(base)) base = `${base.slice(0, 23)} (input)`;
  return base;
}

/**
 * Reads the CLI's inputs: one workbook (its bytes kept, for --out to patch), or any number of
 * CSV/TSV/TXT files (as one workbook whose sheets are the files). The same file given twice (the
 * same file under another name, or the same bytes) is read once, with a warning. Throws
 * InputError for a missing file or an unknown extension.
 * @example const { workbook, warnings } = await readInputs(["revenue.csv", "certs.tsv"])
 */
export async function readInputs(given: readonly string[], progress?: Progress, locale: Locale = 'en-US'): Promise<{ workbook: WorkbookInput; kind: 'xlsx' | 'delimited'; warnings: string[]; bytes?: Uint8Array }> {
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
  const exts = files.map((f) => path.extname(f).toLowerCase());
  const isWorkbook = (e: string | undefined): boolean => e === '.xlsx' || e === '.xlsm';
  // One workbook: opened exactly once, which says itself what is wrong with a directory, a pipe
  // or a device (a pipe is read as a stream up to a limit; a device such as /dev/zero is refused
  // from its first bytes).
  if (exts.length === 1 && isWorkbook(exts[0])) {
    const file = files[0] as string;
    try {
      const bytes = await readInputBytes(file, checkSignature);
      return { workbook: readXlsxBytes(bytes, { progress, skipSheet: isOutputSheet }), kind: 'xlsx', warnings, bytes };
    } catch (e) {
      if (e instanceof XlsxError) throw new InputError('cli.error.fileReason', { file, reason: (l) => e.describe(l) });
      if (errnoCode(e) !== undefined) throw new InputError('cli.error.fileReason', { file, reason: reasonOf(e) });
      throw e;
    }
  }
  for (const [i, f] of files.entries()) {
    let st;
    try { st = await fs.stat(f); } catch (e) { throw new InputError('cli.error.fileReason', { file: f, reason: reasonOf(e) }); }
    if (st.isDirectory()) throw new InputError('cli.error.inputDirectory', { file: f });
    // A pipe can be read once as text; a device (/dev/zero) never ends.
    const delimited = !isWorkbook(exts[i]);
    if (!st.isFile() && !(delimited && st.isFIFO())) throw new InputError('cli.error.inputNotRegular', { file: f });
    try { await fs.access(f, constants.R_OK); } catch (e) { throw new InputError('cli.error.fileReason', { file: f, reason: reasonOf(e) }); }
  }
  if (exts.some((e) => isWorkbook(e))) throw new InputError('cli.error.mixedInputs', {});
  const bad = files.find((f, i) => !['.csv', '.tsv', '.tab', '.txt'].includes(exts[i] ?? ''));
  if (bad !== undefined) throw new InputError('cli.error.inputExtension', { file: bad });
  const sheets: SheetInput[] = [];
  const used = new Set<string>();
  const byContent = new Map<string, string>();
  for (const f of files) {
    const bytes = await readBounded(f);
    // Identical bytes under another name (a copy): counting them twice would double revenue.
    const digest = createHash('sha256').update(bytes).digest('hex');
    const same = byContent.get(digest);
    if (same !== undefined) { warnings.push(t(locale, 'cli.warning.sameContent', { file: f, first: same })); continue; }
    byContent.set(digest, f);
    const s = await readDelimited(f, bytes);
    let name = s.name, k = 2;
    while (used.has(name.toLowerCase())) name = `${s.name.slice(0, 26)} (${k++})`;
    used.add(name.toLowerCase());
    sheets.push({ name, values: s.values });
  }
  return { workbook: { sheets }, kind: 'delimited', warnings };
}
