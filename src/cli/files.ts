/**
 * Reading the CLI's input files into sheets of cells: .xlsx through our streaming reader
 * (src/xlsx/read: the XML is scanned as it inflates, only the cells are kept), .csv/.tsv through
 * csv-parse. Each CSV/TSV file becomes one sheet named after the file.
 */
import { constants, createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse';
import type { Locale } from '../i18n';
import type { Cell, SheetInput, WorkbookInput } from '../sheets';
import { XlsxError } from '../xlsx/errors';
import { readXlsxBytes } from '../xlsx/read';
import { checkSignature } from '../xlsx/zip';

import { InputError, describeErrno } from './errors';

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
 * Reads every worksheet of an .xlsx file in tab order with our streaming reader (src/xlsx/read).
 * A file that is not a readable workbook throws InputError with one line saying why.
 * @example const wb = await readXlsx("assets/sample.xlsx"); wb.sheets.map((s) => s.name)
 */
export async function readXlsx(file: string, progress?: Progress, locale: Locale = 'en-US'): Promise<WorkbookInput> {
  try {
    return readXlsxBytes(await readInputBytes(file, checkSignature), { progress });
  } catch (e) {
    if (e instanceof XlsxError) throw new InputError(`${file}: ${e.describe(locale)}`);
    throw e;
  }
}

/**
 * Reads a .csv or .tsv file as one sheet of text cells (the delimiter is the extension's, or
 * ";" when a .csv's first line has more semicolons than commas, as European Excel writes them).
 * @example const sheet = await readDelimited("revenue.csv"); sheet.name === "revenue"
 */
export async function readDelimited(file: string): Promise<SheetInput> {
  const head = (await fs.readFile(file, { encoding: 'utf8', flag: 'r' })).slice(0, 4096);
  const firstLine = head.split(/\r?\n/)[0] ?? '';
  const ext = path.extname(file).toLowerCase();
  const delimiter = ext === '.tsv' || ext === '.tab' ? '\t'
    : (firstLine.split(';').length > firstLine.split(',').length ? ';' : ',');
  const values: Cell[][] = [];
  const parser = createReadStream(file).pipe(parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  for await (const record of parser as AsyncIterable<string[]>) values.push(record);
  return { name: sheetNameFor(file), values };
}

/** A valid, short Excel sheet name from a file name. @example sheetNameFor("/x/Revenue 2018.csv") === "Revenue 2018" */
export function sheetNameFor(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/[:\\/?*[\]]/g, '_').slice(0, 31);
  return base === '' ? 'Sheet' : base;
}

/**
 * Reads the CLI's inputs: one workbook, or any number of CSV/TSV files (as one workbook whose
 * sheets are the files). Throws InputError for a missing file or an unknown extension.
 */
export async function readInputs(files: readonly string[], progress?: Progress, locale: Locale = 'en-US'): Promise<{ workbook: WorkbookInput; kind: 'xlsx' | 'delimited' }> {
  const exts = files.map((f) => path.extname(f).toLowerCase());
  const isWorkbook = (e: string | undefined): boolean => e === '.xlsx' || e === '.xlsm';
  // One workbook: opened exactly once by readXlsx, which says itself what is wrong with a
  // directory, a pipe or a device (a pipe is read as a stream up to a limit; a device such as
  // /dev/zero is refused from its first bytes).
  if (exts.length === 1 && isWorkbook(exts[0])) {
    try {
      return { workbook: await readXlsx(files[0] as string, progress, locale), kind: 'xlsx' };
    } catch (e) {
      const why = describeErrno(e);
      if (why !== undefined) throw new InputError(`${files[0] ?? ''}: ${why}`);
      throw e;
    }
  }
  for (const [i, f] of files.entries()) {
    let st;
    try { st = await fs.stat(f); } catch (e) { throw new InputError(`${f}: ${describeErrno(e) ?? (e as Error).message}`); }
    if (st.isDirectory()) throw new InputError(`${f}: is a directory, not a file`);
    // A pipe can be read once as text; a device (/dev/zero) never ends.
    const delimited = !isWorkbook(exts[i]);
    if (!st.isFile() && !(delimited && st.isFIFO())) throw new InputError(`${f}: is not a regular file`);
    try { await fs.access(f, constants.R_OK); } catch (e) { throw new InputError(`${f}: ${describeErrno(e) ?? (e as Error).message}`); }
  }
  if (exts.some((e) => e === '.xlsx' || e === '.xlsm')) throw new InputError('give either one .xlsx workbook or .csv/.tsv files, not both');
  const bad = files.find((f, i) => !['.csv', '.tsv', '.tab', '.txt'].includes(exts[i] ?? ''));
  if (bad !== undefined) throw new InputError(`${bad}: not an .xlsx, .csv or .tsv file`);
  const sheets: SheetInput[] = [];
  const used = new Set<string>();
  for (const f of files) {
    const s = await readDelimited(f);
    let name = s.name, k = 2;
    while (used.has(name)) name = `${s.name.slice(0, 28)} (${k++})`;
    used.add(name);
    sheets.push({ name, values: s.values });
  }
  return { workbook: { sheets }, kind: 'delimited' };
}
