/**
 * Output sources (rows made as a writer asks for them, for --out) against the outputs every other
 * adapter places: the same cells, row for row, in whatever order a writer asks for the timeline's.
 */
import { prng } from '../../test/support/prng';
import { allRows } from './output';
import { openRun, timelineSource, timelineTable, wholeOutputs } from './index';
import type { Cell } from './cells';
import type { SheetInput } from './cells';

const EXAMS = ['MB2-714', 'MB2-710', 'MB2-712', 'MB2-707', 'MB2-716', 'MB2-709', 'AZ-900'];
const PRODUCTS = ['CRM Online', 'Dynamics 365 Plan 1', 'Office 365 E3', 'Contoso Thing'];

/** A distributor's workbook of `partners` partners, with empty rows, unreadable dates and notes right of the table. */
function workbook(partners: number, seed: number): SheetInput[] {
  const rand = prng(seed);
  const int = (n: number): number => Math.floor(rand() * n);
  const id = (): string => `P${int(partners) + 1}`;
  const rev: Cell[][] = [['Partner ID', 'Partner name', 'Product', 'Date', 'Amount (USD)', 'DPOR']];
  for (let i = 0; i < partners * 12; i++) {
    const p = id();
    if (i % 17 === 5) rev.push([]);
    else rev.push([p, `Name of ${p}`, PRODUCTS[int(PRODUCTS.length)] as string, i % 23 === 7 ? 'soon' : `2017-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`, 5_000 + int(200_000), i % 9 === 0 ? 'No' : 'Yes']);
  }
  const certs: Cell[][] = [['Partner ID', 'Individual', 'Exam', 'Date passed']];
  for (let i = 0; i < partners * 6; i++) certs.push([id(), `person ${int(4)}`, EXAMS[int(EXAMS.length)] as string, `201${6 + int(2)}-0${1 + int(9)}-1${int(9)}`]);
  // Something right of the revenue table: the status columns move past it.
  (rev[3] as Cell[])[7] = 'a note';
  return [{ name: 'Revenue', values: rev }, { name: 'Certifications', values: certs }];
}

describe('output sources', () => {
  test.each([[1, 3], [7, 11], [40, 5]])('%i partners (seed %i): the status table, every issue and the whole timeline, row for row, and status columns past any note', (partners, seed) => {
    const sheets = workbook(partners, seed);
    const run = openRun({ sheets }, { locale: 'en-US', asOf: '2018-03-15' });
    const sources = run.outputs();
    const whole = wholeOutputs(sources);
    expect(sources.tables.map((t) => t.sheetName)).toEqual(['Competency Status', 'Competency Issues', 'Competency Timeline']);
    expect(whole.tables[0]).toEqual(run.status());
    const message = whole.tables[1]?.columns.findIndex((c) => c.key === 'message') ?? -1;
    expect(whole.tables[1]?.rows.map((r) => r[message])).toEqual(run.issues.map((i) => i.message));
    expect(whole.tables[2]?.rows).toEqual(timelineTable(run.timeline(), 'en-US').rows);
    expect(sources.statusColumns.map((b) => b.width)).toEqual(whole.statusColumns.map((b) => b.values[0]?.length));
    // A note in H touches the revenue table (A-F): its status columns go right of the used range, from J.
    expect(whole.statusColumns.map((b) => [b.sheet, b.col])).toEqual([['Revenue', 9], ['Certifications', 4]]);
    expect(openRun({ sheets }, { locale: 'en-US', asOf: '2018-03-15', timeline: false }).outputs().tables).toHaveLength(2);
  });

  test('the status table made a row at a time (as --out writes it) has the rows of the whole table, read in order or not', () => {
    const run = openRun({ sheets: workbook(9, 4) }, { locale: 'de-DE', asOf: '2018-03-15' });
    const source = run.outputs().tables[0];
    const whole = run.status();
    expect(source?.rows.length).toBe(9);
    for (let i = whole.rows.length - 1; i >= 0; i--) expect(source?.rows.row(i)).toEqual(whole.rows[i]);
    expect(source?.rows.row(9)).toEqual([]);
  });

  test('a run opened without placing (no --out) places the status columns only from the cells given to outputs, where a placed run puts them', () => {
    const sheets = workbook(7, 11);
    const unplaced = openRun({ sheets }, { locale: 'en-US', asOf: '2018-03-15' }, false);
    expect(() => unplaced.outputs()).toThrow('outputs of a run made without its cells');
    const placed = openRun({ sheets }, { locale: 'en-US', asOf: '2018-03-15' });
    expect(unplaced.result().statusColumns).toBeNull();
    expect(wholeOutputs(unplaced.outputs({ sheets })).statusColumns).toEqual(wholeOutputs(placed.outputs()).statusColumns);
    expect(unplaced.evaluation).toEqual(placed.evaluation);
  });

  test('the timeline made one partner at a time has the rows of the whole timeline, read in order or not', () => {
    const sheets = workbook(8, 2);
    const run = openRun({ sheets }, { locale: 'de-DE', asOf: '2018-03-15' });
    const whole = timelineTable(run.timeline(), 'de-DE');
    const source = timelineSource(run.timelines(), 'de-DE');
    expect(source.rows.length).toBe(whole.rows.length);
    expect(whole.rows.length).toBe(8 * 37);
    expect(allRows(source.rows)).toEqual(whole.rows);
    // Backwards too (each partner made again when asked for): a writer may look ahead.
    for (let i = whole.rows.length - 1; i >= 0; i -= 13) expect(source.rows.row(i)).toEqual(whole.rows[i]);
    expect({ ...source, rows: null }).toEqual({ ...whole, rows: null });
  });
  test('the wide timeline: two rows per partner holding the long form\'s figures, months as columns, read in order or not', () => {
    const run = openRun({ sheets: workbook(8, 2) }, { locale: 'de-DE', asOf: '2018-03-15' });
    const long = timelineTable(run.timeline(), 'de-DE', 'long');
    const wide = timelineTable(run.timeline(), 'de-DE', 'wide');
    const source = timelineSource(run.timelines(), 'de-DE', 'wide');
    expect(allRows(source.rows)).toEqual(wide.rows);
    for (let i = wide.rows.length - 1; i >= 0; i -= 3) expect(source.rows.row(i)).toEqual(wide.rows[i]);
    expect({ ...source, rows: null }).toEqual({ ...wide, rows: null });
    expect(wide.rows).toHaveLength(8 * 2);
    const col = (key: string): number => long.columns.findIndex((c) => c.key === key);
    const months = long.rows.slice(0, 37).map((r) => r[col('month')]);
    expect(wide.columns.map((c) => c.header)).toEqual(['Partner-ID', 'Name', 'Kennzahl', ...months, expect.stringContaining('Silver'), expect.stringContaining('Gold')]);
    expect(wide.frozenColumns).toBe(3);
    expect(wide.columns[3]?.colours?.map((c) => c.fill)).toEqual(['gold', 'silver']);
    // Each partner's pair of rows says what its 37 long rows say, month by month.
    for (let p = 0; p < 8; p++) {
      const rows = long.rows.slice(p * 37, (p + 1) * 37);
      expect(wide.rows[2 * p]?.slice(3, 40)).toEqual(rows.map((r) => r[col('ttmRevenue')]));
      expect(wide.rows[2 * p + 1]?.slice(3, 40)).toEqual(rows.map((r) => r[col('level')]));
      const asOf = rows.find((r) => r[col('kind')] === 'Stichtag') ?? rows[rows.length - 1];
      expect(wide.rows[2 * p]?.slice(40)).toEqual([asOf?.[col('silverThreshold')], asOf?.[col('goldThreshold')]]);
    }
  });


  test.each(['long', 'wide'] as const)('a workbook without partners has an empty timeline source (%s), with the columns of the whole table', (layout) => {
    const sheets: SheetInput[] = [{ name: 'R', values: [['Partner ID', 'Product', 'Date', 'Amount (USD)']] }, { name: 'C', values: [['Partner ID', 'Individual', 'Exam', 'Date passed']] }];
    const run = openRun({ sheets }, { locale: 'en-US', asOf: '2018-03-15' });
    const source = timelineSource(run.timelines(), 'en-US', layout), whole = timelineTable(run.timeline(), 'en-US', layout);
    expect(source.rows.length).toBe(whole.rows.length);
    expect(source.columns).toEqual(whole.columns);
  });
});
