/** The native timeline chart, against the in-memory Excel fake (test/support/fake-excel.ts). */
import { openRun, wholeOutputs, type OutputTable } from '../sheets';
import { FakeWorkbook } from '../../test/support/fake-excel';
import { readFromExcel, writeToExcel } from './excel';
import { TIMELINE_CHART, addTimelineChart, chartRows } from './chart';

const T = '2018-03-15';

function workbook(): FakeWorkbook {
  return FakeWorkbook.from({
    Revenue: [
      ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'],
      ['P1', 'CRM Online', 43105, 320000, 'Yes'],
      ['P2', 'CRM Online', '2017-06-10', 120000, 'Yes'],
    ],
    Certifications: [
      ['Partner ID', 'Individual', 'Exam', 'Date passed'],
      ['P1', 'Ana', 'MB2-714', '2017-06-01'], ['P1', 'Ana', 'MB2-710', '2017-06-01'], ['P1', 'Bo', 'MB2-712', '2017-06-01'],
    ],
  });
}

async function write(wb: FakeWorkbook): Promise<OutputTable> {
  const input = await readFromExcel(wb.run);
  const outputs = wholeOutputs(openRun(input, { locale: 'en-US', asOf: T }).outputs());
  await writeToExcel(wb.run, outputs, input.sheetNames);
  const table = outputs.tables.find((x) => x.sheetName === 'Competency Timeline');
  if (!table) throw new Error('no timeline table');
  return table;
}

test('the Office adapter writes the Competency Timeline sheet like the other output sheets, and a re-run gives the same workbook', async () => {
  const wb = workbook();
  await write(wb);
  const values = wb.values('Competency Timeline');
  expect(values[0]?.slice(0, 4)).toEqual(['Partner ID', 'Name', 'Month', 'TTM revenue (US$)']);
  expect(values).toHaveLength(1 + 2 * 37);
  const before = JSON.stringify(wb.snapshot());
  await write(wb);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
});

test('finds one partner\'s block of rows and the adjacent revenue and threshold columns', async () => {
  const table = await write(workbook());
  expect(chartRows(table, 'P2')).toEqual({ firstRow: 38, rows: 37, monthCol: 2, firstValueCol: 3 });
  expect(chartRows(table, 'P9')).toBeNull();
});

test('adds a line chart of the selected partner: TTM revenue and the two thresholds over the months, replaced rather than duplicated', async () => {
  const wb = workbook();
  const table = await write(wb);
  expect(await addTimelineChart(wb.run, table, 'P1', 'P1: TTM revenue')).toBe(true);
  expect(await addTimelineChart(wb.run, table, 'P2', 'P2: TTM revenue')).toBe(true);
  const charts = wb.sheet('Competency Timeline')?.charts ?? [];
  expect(charts).toHaveLength(1);
  expect(charts[0]).toMatchObject({
    name: TIMELINE_CHART, type: 'Line', seriesBy: 'Columns', title: 'P2: TTM revenue',
    source: 'Competency Timeline!R38C3:37x3',
  });
  expect(charts[0]?.series).toEqual([
    { name: 'TTM revenue (US$)', lineStyle: 'Continuous', xValues: 'Competency Timeline!R38C2:37x1' },
    { name: 'Silver threshold (US$)', lineStyle: 'Dash', xValues: 'Competency Timeline!R38C2:37x1' },
    { name: 'Gold threshold (US$)', lineStyle: 'Dash', xValues: 'Competency Timeline!R38C2:37x1' },
  ]);
  expect(await addTimelineChart(wb.run, table, 'P9', 'none')).toBe(false);
});
