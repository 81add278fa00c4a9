/**
 * The page side of test/support/excel-web.ts, bundled with esbuild: the adapter's real read and
 * write paths, run through `new Excel.RequestContext(url)` of the real Excel web script.
 */
import { readFromExcel, writeToExcel, type ExcelRun } from '../../src/office/excel';
import { evaluateWorkbook } from '../../src/sheets';
import type { Locale } from '../../src/i18n';

async function run(url: string, asOf: string, locale: string): Promise<unknown> {
  const excel: ExcelRun = (batch) => batch(new Excel.RequestContext(url));
  const workbook = await readFromExcel(excel);
  const readRows = workbook.sheets.reduce((n, s) => n + s.values.length, 0);
  const result = evaluateWorkbook(workbook, { locale: locale as Locale, asOf });
  await fetch('/phase?name=write');
  const writeEstimates: number[] = [];
  await writeToExcel(excel, result.outputs, workbook.sheetNames, undefined, (sync) => writeEstimates.push(sync.estimatedRequestBytes));
  return {
    issues: result.issues.length,
    partners: result.evaluation.partners.length,
    statusRows: result.outputs.status.rows.length,
    issueRows: result.outputs.issues.rows.length,
    issueLinks: result.outputs.issues.rows.reduce((n, row) => n + row.filter((c) => c !== null && typeof c === 'object' && 'link' in c).length, 0),
    writeEstimates,
    readRows,
  };
}

(window as unknown as { harness: unknown }).harness = { run };
