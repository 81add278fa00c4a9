/**
 * The task pane outside Excel: a workbook file opened in the browser, evaluated with the same
 * code, and offered back for download with the same outputs as the CLI's --out. ExcelJS is
 * imported on demand, so the bundle loaded inside Excel does not carry it.
 */
import type { Source } from './source';

/**
 * A source over an .xlsx file's bytes.
 * @example const source = await fileSource(await file.arrayBuffer(), file.name)
 */
export async function fileSource(bytes: ArrayBuffer, fileName: string): Promise<Source> {
  const [{ default: ExcelJS }, xlsx] = await Promise.all([import(/* webpackChunkName: "exceljs" */ 'exceljs'), import('../xlsx')]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  let result: Blob | null = null;
  return {
    mode: 'browser',
    async read(progress) {
      const input = xlsx.workbookInput(wb);
      const rows = input.sheets.reduce((n, s) => n + s.values.length, 0);
      progress(rows, rows);
      return input;
    },
    async write(run, progress) {
      xlsx.applyOutputs(wb, run.outputs);
      const buffer = await wb.xlsx.writeBuffer();
      result = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      progress(1, 1);
    },
    async download() {
      if (!result) return;
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
