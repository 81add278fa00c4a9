/**
 * The blank template round-trips: our writer's file is read by our reader with every table found
 * and no row; filled in another program (ExcelJS here, as a user's Excel would) it evaluates.
 */
import ExcelJS from 'exceljs';
import { openRun, requiredHeaders, templateSheets } from '../sheets';
import { readXlsxBytes } from '../xlsx/read';
import { templateBytes } from './template';

test('the blank template is read back with its three tables found, empty, and nothing missing', async () => {
  const bytes = await templateBytes(undefined);
  const run = openRun(readXlsxBytes(bytes), { locale: 'en-US', asOf: '2018-03-15' });
  expect(run.read.missing).toEqual([]);
  expect(run.read.tables.map((tb) => [tb.ref.kind, tb.ref.sheet, tb.recordOfRow.length])).toEqual([
    ['revenue', 'Revenue', 0], ['certifications', 'Certifications', 0], ['partners', 'Partners', 0],
  ]);
});

test('the template filled in (one revenue row, a partner, the exams) evaluates as the rules say', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateBytes(undefined)).buffer as ArrayBuffer);
  wb.getWorksheet('Revenue')?.addRow(['P1', 'Fabrikam', 'CRM Online', new Date(Date.UTC(2018, 0, 5)), 320000, 'Yes']);
  wb.getWorksheet('Partners')?.addRow(['P1', 'Contoso', 'Developed']);
  const certs = wb.getWorksheet('Certifications');
  for (const [who, exam] of [['Ana', 'MB2-714'], ['Ana', 'MB2-710'], ['Bo', 'MB2-714'], ['Bo', 'MB2-710'], ['Cy', 'MB2-712'], ['Dan', 'MB2-707']] as const) {
    certs?.addRow(['P1', who, exam, new Date(Date.UTC(2017, 5, 1)), 'Yes']);
  }
  const filled = new Uint8Array(await wb.xlsx.writeBuffer());
  const run = openRun(readXlsxBytes(filled), { locale: 'en-US', asOf: '2018-03-15' });
  expect(run.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const [p1, ...others] = run.evaluation.partners;
  expect(others).toEqual([]);
  expect([p1?.partnerId, p1?.name, p1?.level, p1?.ttmRevenueCents]).toEqual(['P1', 'Contoso', 'gold', 32_000_000]);
});

test('the headers the error banner names are the template\'s own', () => {
  const headerRow = (name: string): readonly string[] => templateSheets().find((s) => s.name === name)?.values[0] ?? [];
  expect(requiredHeaders('revenue')).toEqual(['Product', 'Date', 'Amount (USD)']);
  expect(requiredHeaders('certifications')).toEqual(['Individual', 'Exam', 'Date passed']);
  for (const h of requiredHeaders('revenue')) expect(headerRow('Revenue')).toContain(h);
  for (const h of requiredHeaders('certifications')) expect(headerRow('Certifications')).toContain(h);
});
