/**
 * Reading the CLI's input files into sheets of cells: .xlsx through ExcelJS's streaming reader
 * (a million-row workbook never sits in memory as an ExcelJS object model), .csv/.tsv through
 * csv-parse. Each CSV/TSV file becomes one sheet named after the file.
 */
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import type { Cell, SheetInput, WorkbookInput } from '../sheets';
import { toCell } from '../xlsx';

/** The input could not be used (missing file, unreadable format): exit code 1. */
export class InputError extends Error {}

/** Called now and then with the rows read so far (for a progress line). */
export type Progress = (rowsRead: number) => void;

/**
 * Reads every worksheet of an .xlsx file, streaming, in tab order.
 * @example const wb = await readXlsx("assets/sample.xlsx"); wb.sheets.map((s) => s.name)
 */
export async function readXlsx(file: string, progress?: Progress): Promise<WorkbookInput> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  const sheets: { id: number; name: string; values: Cell[][] }[] = [];
  let total = 0;
  try {
    for await (const ws of reader) {
      const values: Cell[][] = [];
      const w = ws as unknown as { id: number | string; name: string } & AsyncIterable<{ number: number; values: unknown[] }>;
      for await (const row of w) {
        const src = row.values;
        const out: Cell[] = new Array<Cell>(Math.max(0, src.length - 1));
        for (let c = 1; c < src.length; c++) out[c - 1] = toCell(src[c]);
        values[row.number - 1] = out;
        if (++total % 50000 === 0) progress?.(total);
      }
      for (let r = 0; r < values.length; r++) values[r] ??= [];
      sheets.push({ id: Number(w.id), name: w.name, values });
    }
  } catch (e) {
    throw new InputError(`${file}: not a readable .xlsx workbook (${(e as Error).message})`);
  }
  const model = reader as unknown as { properties?: { model?: { date1904?: boolean } }; model?: { sheets?: { id: number; name: string }[] } };
  const order = new Map((model.model?.sheets ?? []).map((s, i) => [s.name, i]));
  sheets.sort((a, b) => (order.get(a.name) ?? a.id) - (order.get(b.name) ?? b.id));
  return { sheets: sheets.map(({ name, values }) => ({ name, values })), date1904: model.properties?.model?.date1904 === true };
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
export async function readInputs(files: readonly string[], progress?: Progress): Promise<{ workbook: WorkbookInput; kind: 'xlsx' | 'delimited' }> {
  for (const f of files) {
    try { await fs.access(f); } catch { throw new InputError(`${f}: no such file`); }
  }
  const exts = files.map((f) => path.extname(f).toLowerCase());
  if (exts.length === 1 && (exts[0] === '.xlsx' || exts[0] === '.xlsm')) return { workbook: await readXlsx(files[0] as string, progress), kind: 'xlsx' };
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
