/**
 * The task pane outside Excel: a workbook file opened in the browser, read with our streaming
 * reader (src/xlsx/read, as the CLI does), evaluated with the same code, and offered back for
 * download with the same outputs as the CLI's --out. The reader and ExcelJS (used only to write
 * the result) are imported on demand, so the bundle loaded inside Excel carries neither.
 */
import type { WorkbookRun } from '../sheets';
import type { Source } from './source';

/**
 * A source over an .xlsx file's bytes.
 * @example const source = await fileSource(await file.arrayBuffer(), file.name)
 */
export async function fileSource(bytes: ArrayBuffer, fileName: string): Promise<Source> {
  const { readXlsxBytes } = await import(/* webpackChunkName: "xlsx-read" */ '../xlsx/read');
  // The result file is built when the user asks for it, not on every Evaluate: for a distributor
  // it holds a timeline row per partner and month, and building it took most of the wait.
  let run: WorkbookRun | null = null;
  return {
    mode: 'browser',
    async read(progress) {
      const input = readXlsxBytes(new Uint8Array(bytes));
      const rows = input.sheets.reduce((n, s) => n + s.values.length, 0);
      progress(rows, rows);
      return input;
    },
    async write(evaluated, progress) {
      run = evaluated;
      progress(1, 1);
    },
    async download() {
      if (!run) return;
      const [{ default: ExcelJS }, xlsx] = await Promise.all([import(/* webpackChunkName: "exceljs" */ 'exceljs'), import('../xlsx')]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes);
      xlsx.applyOutputs(wb, run.outputs);
      const result = new Blob([await wb.xlsx.writeBuffer()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      const url = URL.createObjectURL(result);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName.replace(/\.xlsx?$/i, '') + '-competency.xlsx';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}
