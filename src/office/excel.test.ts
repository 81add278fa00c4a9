/**
 * The Office.js adapter against an in-memory fake of Excel that enforces batching and payload
 * limits (test/support/fake-excel.ts), and against office-addin-mock.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { openRun, wholeOutputs } from '../sheets';
import { FakeWorkbook } from '../../test/support/fake-excel';
import { PAYLOAD_BUDGET, readFromExcel, selectCell, selectedRange, writeToExcel } from './excel';

const T = '2018-03-15';
const REVENUE_HEADER = ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'];
const CERT_HEADER = ['Partner ID', 'Individual', 'Exam', 'Date passed'];
const NAME = '=HYPERLINK("http://x","y")';

function smallWorkbook(): FakeWorkbook {
  return FakeWorkbook.from({
    Revenue: [
      ['', '', '', '', '', '', ''],
      ['', 'Tracker', '', '', '', '', ''],
      ['', ...REVENUE_HEADER, 'Notes'],
      ['', 'P1', 'CRM Online', 43105, 320000, 'Yes', 'big deal'],
      ['', 'P1', 'CRM Online', 'soon', 5, 'Yes', ''],
    ],
    Certifications: [
      CERT_HEADER,
      ['P1', 'Ana', 'MB2-714', '2017-06-01'], ['P1', 'Ana', 'MB2-710', '2017-06-01'],
      ['P1', NAME, 'MB2-712', '2017-06-01'],
    ],
  });
}

async function evaluateIn(wb: FakeWorkbook): Promise<void> {
  const workbook = await readFromExcel(wb.run);
  const run = openRun(workbook, { locale: 'en-US', asOf: T });
  await writeToExcel(wb.run, wholeOutputs(run.outputs()), workbook.sheetNames);
}

describe('reading and writing through Office.js', () => {
  test('reads used ranges as values from A1, so cell addresses stay right', async () => {
    const workbook = await readFromExcel(smallWorkbook().run);
    const run = openRun(workbook, { locale: 'en-US', asOf: T });
    expect(run.issues.find((i) => i.code === 'date.invalid')).toMatchObject({ sheet: 'Revenue', cell: 'D5' });
    expect(run.evaluation.partners[0]?.ttmRevenueCents).toBe(320000_00);
  });

  test('hidden and very hidden sheets are not read, and a warning names them, as in a file', async () => {
    const wb = smallWorkbook();
    const old = wb.newSheet('Old revenue', [REVENUE_HEADER, ['P1', 'CRM Online', 43105, 320000, 'Yes']]), archive = wb.newSheet('Archive', [['x']]);
    old.visibility = 'Hidden';
    archive.visibility = 'VeryHidden';
    wb.sheets.push(old, archive);
    const workbook = await readFromExcel(wb.run);
    expect(workbook.sheets.map((s) => s.name)).toEqual(['Revenue', 'Certifications']);
    expect(workbook.hiddenSheets).toEqual(['Old revenue', 'Archive']);
    const run = openRun(workbook, { locale: 'en-US', asOf: T });
    expect(run.evaluation.partners[0]?.ttmRevenueCents).toBe(320000_00);
    expect(run.issues.filter((i) => i.code === 'workbook.hidden-sheets').map((i) => i.message)).toEqual([
      'Hidden sheets are not read: "Old revenue", "Archive"; unhide a sheet to count what it holds',
    ]);
  });

  test('reads entity and other rich cells by their display value', async () => {
    const wb = FakeWorkbook.from({
      Revenue: [REVENUE_HEADER, [{ type: 'Entity', text: '1001', basicType: 'Error', basicValue: '#VALUE!', properties: {} }, 'CRM Online', 43105, { type: 'Double', basicValue: 60000 }, 'Yes']],
      Certifications: [CERT_HEADER, ['1001', 'Ana', 'MB2-714', '2017-06-01']],
    });
    const run = openRun(await readFromExcel(wb.run), { locale: 'en-US', asOf: T });
    expect(run.evaluation.partners.map((p) => [p.partnerId, p.ttmRevenueCents])).toEqual([['1001', 60000_00]]);
    expect(run.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('writes status columns beside each table, a status table and linked issues', async () => {
    const wb = smallWorkbook();
    await evaluateIn(wb);
    const revenue = wb.values('Revenue');
    expect(revenue[2]?.slice(6)).toEqual(['Notes', 'Counted', 'Reason']);
    expect(revenue[3]?.slice(6, 8)).toEqual(['big deal', 'Yes']);
    expect(revenue[4]?.[7]).toBe('No');
    expect(wb.values('Certifications')[0]?.slice(4)).toEqual(['Counts as', 'Reason']);
    const status = wb.sheet('Competency Status');
    expect(status?.tables.map((t) => [t.name, t.style, t.showBandedRows])).toEqual([['CompetencyStatus', 'TableStyleMedium2', true]]);
    expect(status?.conditionalFormats.map((c) => c.type).sort()).toEqual(['CellValue', 'ContainsText', 'ContainsText', 'DataBar']);
    expect(wb.values('Competency Status')[1]?.slice(0, 6)).toEqual(['P1', '', 'Developed', 43174, 'cloud-crm-2017-11', 'Silver']);
    const issueSheet = wb.sheet('Competency Issues');
    const link = issueSheet?.cells.flat().find((c) => c?.link);
    expect(link?.link).toEqual({ documentReference: "'Revenue'!D5", textToDisplay: 'Revenue!D5' });
  });

  test('a name that looks like a formula is written into a text-formatted cell', async () => {
    const wb = smallWorkbook();
    await evaluateIn(wb);
    const s = wb.sheet('Competency Status');
    const cell = s?.cells.flat().find((c) => typeof c?.value === 'string' && c.value.includes('HYPERLINK'));
    expect(cell).toMatchObject({ value: NAME, format: '@' });
  });

  test('a second run changes nothing', async () => {
    const wb = smallWorkbook();
    await evaluateIn(wb);
    const first = wb.snapshot();
    await evaluateIn(wb);
    expect(wb.snapshot()).toEqual(first);
  });

  test('selects the cell of a data issue', async () => {
    const wb = smallWorkbook();
    await selectCell(wb.run, 'Revenue', 'D5');
    expect(wb.selected).toEqual({ sheet: 'Revenue', address: 'D5' });
  });

  test('reads the selected range for mapping a table by hand', async () => {
    const wb = smallWorkbook();
    wb.selected = { sheet: 'Revenue', address: 'B3' };
    const sel = await selectedRange(wb.run);
    expect(sel).toMatchObject({ sheet: 'Revenue', rowIndex: 2, columnIndex: 1, header: ['Partner ID'] });
  });

  test('suspends calculation while writing', async () => {
    const wb = smallWorkbook();
    await evaluateIn(wb);
    expect(wb.calculationSuspensions).toBeGreaterThan(0);
  });
});

function generated(rows: number, certRows: number): FakeWorkbook {
  const revenue: (string | number)[][] = [REVENUE_HEADER];
  for (let i = 0; i < rows; i++) revenue.push([`P${(i % 500) + 1}`, i % 7 === 0 ? 'Azure' : 'CRM Online', 43000 + (i % 500), 1000 + (i % 97), i % 11 === 0 ? 'No' : 'Yes']);
  const certs: (string | number)[][] = [CERT_HEADER];
  for (let i = 0; i < certRows; i++) certs.push([`P${(i % 500) + 1}`, `person ${i % 1500}`, ['MB2-714', 'MB2-710', 'MB2-712'][i % 3] as string, '2017-06-01']);
  return FakeWorkbook.from({ Revenue: revenue, Certifications: certs });
}

function report(name: string, wb: FakeWorkbook): { syncs: number; largest: number } {
  const largest = Math.max(...wb.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)));
  process.stdout.write(`${name}: ${wb.syncs.length} syncs, largest payload ${(largest / 1024 / 1024).toFixed(2)} MB\n`);
  return { syncs: wb.syncs.length, largest };
}

test('a 10,000-row workbook is read and written in at most 8 syncs', async () => {
  const wb = generated(10_000, 1_500);
  await evaluateIn(wb);
  const { syncs, largest } = report('10,000 rows', wb);
  expect(syncs).toBeLessThanOrEqual(8);
  expect(largest).toBeLessThanOrEqual(PAYLOAD_BUDGET);
});

test('1,048,575 revenue rows are read and written with no payload over 4 MB', async () => {
  const wb = generated(1_048_575, 3_000);
  await evaluateIn(wb);
  const { largest } = report('1,048,575 rows', wb);
  expect(largest).toBeLessThanOrEqual(PAYLOAD_BUDGET);
  const revenue = wb.sheet('Revenue');
  expect(revenue?.get(1_048_575, 5)?.value).toBe('Yes'); // the last row's "Counted"
  expect(revenue?.get(1_048_566, 5)?.value).toBe('No'); // row i = 1,048,565 is an Azure row (i % 7 === 0)
}, 300_000);

describe('with office-addin-mock', () => {
  test('selectCell activates the sheet and selects the cell', async () => {
    const calls: string[] = [];
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            getItem: (name: string) => ({
              activate: () => { calls.push(`activate ${name}`); },
              getRange: (address: string) => ({ select: () => { calls.push(`select ${address}`); } }),
            }),
          },
        },
        sync: async () => { calls.push('sync'); },
      },
      run: async (batch: (c: unknown) => Promise<unknown>) => batch((mock as unknown as { context: unknown }).context),
    });
    await selectCell((mock as unknown as { run: Parameters<typeof selectCell>[0] }).run, 'Revenue', 'D7');
    expect(calls).toEqual(['activate Revenue', 'select D7', 'sync']);
  });

  test('reports a property read before it was loaded', async () => {
    const mock = new OfficeMockObject({ range: { address: 'A1:B2' } }) as unknown as { range: { address: string; load(p: string): void }; sync(): Promise<void> };
    expect(mock.range.address).toBe('Error, property was not loaded');
    mock.range.load('address');
    await mock.sync();
    expect(mock.range.address).toBe('A1:B2');
  });
});

test('a text longer than the 32,767 characters Excel keeps in a cell is cut with an ellipsis', async () => {
  // Two people with names near the limit fill one slot column: joined, they are twice as long.
  const long = (c: string): string => c.repeat(32_700);
  const wb = FakeWorkbook.from({
    Revenue: [REVENUE_HEADER, ['P1', 'CRM Online', 43105, 320000, 'Yes']],
    Certifications: [CERT_HEADER, ['P1', long('a'), 'MB2-714', '2017-06-01'], ['P1', long('a'), 'MB2-710', '2017-06-01'], ['P1', long('b'), 'MB2-714', '2017-06-01'], ['P1', long('b'), 'MB2-710', '2017-06-01']],
  });
  await evaluateIn(wb);
  const texts = wb.sheet('Competency Status')?.cells.flat().map((c) => c?.value).filter((v): v is string => typeof v === 'string') ?? [];
  const cut = texts.filter((t) => t.endsWith('…'));
  expect(cut.length).toBeGreaterThan(0);
  expect(cut.every((t) => t.length === 32_767)).toBe(true);
});
