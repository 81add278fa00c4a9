/**
 * Reading the CLI's input files into sheets of cells: .xlsx through ExcelJS's streaming reader
 * (a million-row workbook never sits in memory as an ExcelJS object model), .csv/.tsv through
 * csv-parse. Each CSV/TSV file becomes one sheet named after the file.
 */
import { constants, createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse';
import type { Cell, SheetInput, WorkbookInput } from '../sheets';
import { toCell } from '../xlsx';

import { InputError, describeErrno } from './errors';

export { InputError };

const unescapeXml = (v: string): string => v.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
  const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
  if (e[0] !== '#') return named[e.toLowerCase()] ?? '';
  return String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
});

/**
 * Sheet names in tab order, by worksheet file number, and the date system, read from the
 * workbook part and its relationships (JSZip decompresses only these two small parts).
 */
async function workbookParts(file: string): Promise<{ byFile: Map<string, { name: string; order: number }>; byName: Map<string, { name: string; order: number }>; date1904: boolean }> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id'), target = attr(m[0], 'Target');
    const no = target ? /worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1] : undefined;
    if (id && no) targets.set(id, no);
  }
  const byFile = new Map<string, { name: string; order: number }>();
  const byName = new Map<string, { name: string; order: number }>();
  let order = 0;
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescapeXml(attr(m[0], 'name') ?? '');
    const no = targets.get(attr(m[0], 'r:id') ?? '');
    const entry = { name, order: order++ };
    if (no) byFile.set(no, entry);
    byName.set(name, entry);
  }
  return { byFile, byName, date1904: /<workbookPr\b[^>]*\sdate1904="(1|true)"/.test(workbook) };
}

/** Called now and then with the rows read so far (for a progress line). */
export type Progress = (rowsRead: number) => void;

/**
 * Reads every worksheet of an .xlsx file, streaming, in tab order.
 * @example const wb = await readXlsx("assets/sample.xlsx"); wb.sheets.map((s) => s.name)
 */
export async function readXlsx(file: string, progress?: Progress): Promise<WorkbookInput> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  // ExcelJS reads the workbook part's sheet list when it meets a worksheet; a file whose parts
  // come in another order would crash that lookup, so it starts from an empty list.
  const state = reader as unknown as { model?: { sheets?: unknown[] } };
  state.model = { sheets: [] };
  const sheets: { file: string; order: number; name: string; values: Cell[][] }[] = [];
  let total = 0;
  try {
    for await (const ws of reader) {
      const values: Cell[][] = [];
      const w = ws as unknown as { id: number | string; name: string } & AsyncIterable<{ number: number; values: unknown[] }>;
      // ExcelJS names a sheet from the workbook part when it has seen it; otherwise the id is the
      // sheet's file number (xl/worksheets/sheet<id>.xml), named below from the part itself.
      const matched = (state.model?.sheets?.length ?? 0) > 0;
      for await (const row of w) {
        const src = row.values;
        const out: Cell[] = new Array<Cell>(Math.max(0, src.length - 1));
        for (let c = 1; c < src.length; c++) out[c - 1] = toCell(src[c]);
        values[row.number - 1] = out;
        if (++total % 50000 === 0) progress?.(total);
      }
      for (let r = 0; r < values.length; r++) values[r] ??= [];
      sheets.push({ file: matched ? '' : String(w.id), order: Number(w.id), name: w.name, values });
    }
  } catch (e) {
    throw new InputError(`${file}: not a readable .xlsx workbook (${(e as Error).message})`);
  }
  // Names and tab order from the workbook part itself: ExcelJS's streaming reader loses them
  // when a file's worksheets come before that part in the zip (as its own streaming writer does).
  const parts = await workbookParts(file);
  for (const sh of sheets) {
    const named = sh.file !== '' ? parts.byFile.get(sh.file) : parts.byName.get(sh.name);
    if (named) { sh.name = named.name; sh.order = named.order; }
  }
  sheets.sort((a, b) => a.order - b.order);
  return { sheets: sheets.map(({ name, values }) => ({ name, values })), date1904: parts.date1904 };
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
  const exts = files.map((f) => path.extname(f).toLowerCase());
  for (const [i, f] of files.entries()) {
    let st;
    try { st = await fs.stat(f); } catch (e) { throw new InputError(`${f}: ${describeErrno(e) ?? (e as Error).message}`); }
    if (st.isDirectory()) throw new InputError(`${f}: is a directory, not a file`);
    // A pipe can be read once as text; a workbook is a zip read by position, and a device
    // (/dev/zero) never ends.
    const delimited = exts[i] !== '.xlsx' && exts[i] !== '.xlsm';
    if (!st.isFile() && !(delimited && st.isFIFO())) throw new InputError(`${f}: is not a regular file`);
    try { await fs.access(f, constants.R_OK); } catch (e) { throw new InputError(`${f}: ${describeErrno(e) ?? (e as Error).message}`); }
  }
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
