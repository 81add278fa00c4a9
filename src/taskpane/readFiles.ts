/**
 * The files chosen or dropped in the pane outside Excel, read as one workbook the way the CLI
 * reads its inputs: a workbook's sheets (src/xlsx/read) and each CSV/TSV as a sheet
 * (src/sheets/delimited). Used by the worker, and by the page where there are no workers.
 */
import type { SheetInput, WorkbookInput } from '../sheets';
import { readDelimitedBytes } from '../sheets/delimited';
import { inflateAhead } from '../xlsx/inflate-ahead';
import { readXlsxBytes } from '../xlsx/read';
import { compressionStreamZip } from '../xlsx/zipio';
import { isWorkbookName, type InputFile } from './inputFile';

export type { InputFile } from './inputFile';

/**
 * The sheets of every file as one workbook: the workbook's own (at most one), then each delimited
 * file as a sheet named after it, as the CLI reads them (src/sheets/delimited). Returns the
 * workbook's bytes too, for the download.
 * @example const { input } = await readFiles([{ name: "revenue.csv", blob }, { name: "certs.tsv", blob: other }])
 * @throws XlsxError for a workbook that cannot be read, DelimitedError for text that is not a table
 */
export async function readFiles(files: readonly InputFile[], progress?: (rows: number, fraction: number) => void): Promise<{ input: WorkbookInput; bytes: Uint8Array | null }> {
  const sheets: SheetInput[] = [];
  let bytes: Uint8Array | null = null;
  let date1904: boolean | undefined;
  const used = new Set<string>();
  for (const f of files) {
    const data = new Uint8Array(await f.blob.arrayBuffer());
    let read: readonly SheetInput[];
    if (isWorkbookName(f.name)) {
      // The browser's DecompressionStream inflates the big parts first, several times faster
      // than fflate's stream in the synchronous reader (which still streams what it is not given).
      const inflateRaw = await inflateAhead(data, compressionStreamZip()?.inflate);
      const wb = readXlsxBytes(data, { progressEvery: 10_000, progress, inflateRaw });
      read = wb.sheets;
      date1904 = wb.date1904;
      bytes = data;
    } else {
      const { name, values } = readDelimitedBytes(data, f.name);
      read = [{ name, values }];
    }
    for (const sheet of read) {
      let name = sheet.name, k = 2;
      while (used.has(name.toLowerCase())) name = `${sheet.name.slice(0, 26)} (${k++})`;
      used.add(name.toLowerCase());
      sheets.push({ ...sheet, name });
    }
  }
  return { input: { sheets, date1904 }, bytes };
}

