/**
 * The adapter against the real Office.js serializer: excel-web-16.00.debug.js in headless
 * Chromium sends every request to a local server that records its size and answers the loads
 * (test/support/excel-web.ts). Excel on the web refuses requests and responses over 5 MB; the
 * adapter aims at PAYLOAD_BUDGET (4 MB). Figures are printed, not timed.
 */
import { startExcelWeb, type ExcelWeb, type GeneratedSheet, type PageRun, type QueryRecord } from '../../test/support/excel-web';
import { FakeWorkbook } from '../../test/support/fake-excel';
import { openRun, wholeOutputs } from '../sheets';
import { PAYLOAD_BUDGET, readFromExcel, writeToExcel } from './excel';

jest.setTimeout(240_000);

const REVENUE_HEADER = ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'];
const CERT_HEADER = ['Partner ID', 'Individual', 'Exam', 'Date passed'];
const PARTNER_HEADER = ['Partner ID', 'Partner name', 'Market'];

function sheet(name: string, header: readonly (string | number | boolean)[], rows: number, row: (i: number) => (string | number | boolean)[]): GeneratedSheet {
  return { name, rows: rows + 1, cols: header.length, row: (r) => (r === 0 ? header : row(r - 1)) };
}

function certifications(partners: number, people: number, name: (i: number) => string = (i) => `Person ${i}`): GeneratedSheet {
  return sheet('Certifications', CERT_HEADER, people, (i) => [`P${(i % partners) + 1}`, name(i), ['MB2-714', 'MB2-710', 'MB2-712'][i % 3] as string, 42887]);
}

/** Every revenue row a data issue (a date that is not one): one issue, one hyperlink, per row. */
function allIssues(rows: number): GeneratedSheet[] {
  return [sheet('Revenue', REVENUE_HEADER, rows, (i) => [`P${(i % 500) + 1}`, 'CRM Online', `soon ${i}`, 1000 + (i % 97), 'Yes']), certifications(500, 1500)];
}

function clean(rows: number): GeneratedSheet[] {
  return [sheet('Revenue', REVENUE_HEADER, rows, (i) => [`P${(i % 500) + 1}`, i % 7 === 0 ? 'Azure' : 'CRM Online', 43000 + (i % 500), 1000 + (i % 97), i % 11 === 0 ? 'No' : 'Yes']), certifications(500, 3000)];
}

let web: ExcelWeb;
beforeAll(async () => { web = await startExcelWeb(); }, 60_000);
afterAll(async () => { await web?.close(); });

/** A text of about `length` characters, mixing ASCII, accented and Korean letters (1-3 UTF-8 bytes). */
function longText(seed: number, length: number): string {
  const piece = `Ana Lúcia ${seed} 김민준 "quoted" `;
  return piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
}

/** Every write sync: the adapter's estimate against what the serializer sent (estimate / real). */
const ratios: number[] = [];

/** Runs a workbook through the page and checks what every shape must satisfy. */
async function check(name: string, sheets: GeneratedSheet[]): Promise<{ page: PageRun; queries: QueryRecord[] }> {
  const { page, queries } = await web.run(sheets);
  const r = report(name, queries);
  expect(r.refused).toBe(0);
  expect(r.largestRequest).toBeLessThanOrEqual(PAYLOAD_BUDGET);
  expect(r.largestResponse).toBeLessThanOrEqual(PAYLOAD_BUDGET);
  // Every row was read, and every issue row was written with its link.
  expect(page.readRows).toBe(sheets.reduce((n, s) => n + s.rows, 0));
  const writes = queries.filter((q) => q.phase === 'write');
  const links = page.issueLinks;
  expect(writes.reduce((n, q) => n + (q.setProperties.Hyperlink ?? 0), 0)).toBe(links);
  // The adapter's own measure of each write sync against the real serializer.
  // The write phase may open with one small request of no writes (the sync that looks for old tables).
  const measured = writes.slice(-page.writeEstimates.length);
  expect(writes.length - measured.length).toBeLessThanOrEqual(1);
  measured.forEach((q, i) => ratios.push((page.writeEstimates[i] ?? 0) / q.requestBytes));
  return { page, queries };
}

function report(name: string, queries: readonly QueryRecord[]): { largestRequest: number; largestResponse: number; refused: number } {
  const largestRequest = Math.max(0, ...queries.map((q) => q.requestBytes));
  const largestResponse = Math.max(0, ...queries.map((q) => q.responseBytes));
  const refused = queries.filter((q) => q.refused).length;
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(2);
  process.stdout.write(`${name}: ${queries.length} syncs (${queries.filter((q) => q.phase === 'read').length} reading), largest request ${mb(largestRequest)} MB, largest response ${mb(largestResponse)} MB, refused ${refused}\n`);
  return { largestRequest, largestResponse, refused };
}


test('every revenue row a data issue, 10,000 rows (one link per issue row)', async () => {
  const { page } = await check('10,000 rows, all issues', allIssues(10_000));
  expect(page.issueLinks).toBeGreaterThanOrEqual(10_000);
});

test('every revenue row a data issue, 50,000 rows', async () => {
  const { page } = await check('50,000 rows, all issues', allIssues(50_000));
  expect(page.issueLinks).toBeGreaterThanOrEqual(50_000);
});

test('1,048,575 revenue rows', async () => {
  const { page } = await check('1,048,575 rows', clean(1_048_575));
  expect(page.readRows).toBe(1_048_576 + 3_001);
});

test('hidden and very hidden sheets are listed through the real serializer (Worksheet.visibility) and never read', async () => {
  const hidden = (s: GeneratedSheet, visibility: 'Hidden' | 'VeryHidden'): GeneratedSheet => ({ ...s, name: `Old ${s.name}`, visibility });
  const [revenue, certs] = clean(100) as [GeneratedSheet, GeneratedSheet];
  const { page } = await web.run([revenue, hidden(revenue, 'Hidden'), certs, hidden(certs, 'VeryHidden')]);
  expect(page.sheetsRead).toEqual(['Revenue', 'Certifications']);
  expect(page.readRows).toBe(revenue.rows + certs.rows);
  expect(page.hiddenSheets).toEqual(['Old Revenue', 'Old Certifications']);
  expect(page.hiddenWarnings).toEqual(['Hidden sheets are not read: "Old Revenue", "Old Certifications"; unhide a sheet to count what it holds']);
});

/** Names and reasons near Excel's 32,767-character cell limit. */
function longTexts(rows: number): GeneratedSheet[] {
  return [
    // A date cell of 32,000 characters: its issue message and "Reason" repeat it.
    sheet('Revenue', REVENUE_HEADER, rows, (i) => [`P${(i % 30) + 1}`, 'CRM Online', longText(i, 32_000), 1000, 'Yes']),
    certifications(30, rows, (i) => longText(i, 32_700)),
    sheet('Partners', PARTNER_HEADER, 30, (i) => [`P${i + 1}`, longText(i, 32_700), i % 2 === 0 ? 'Developed' : 'Developing']),
  ];
}

test('names and reasons near Excel\'s 32,767-character cell limit', async () => {
  const { page } = await check('long texts', longTexts(80));
  expect(page.issueLinks).toBeGreaterThanOrEqual(80);
});

test('thousands of partners', async () => {
  const partners = 2_000;
  const { page } = await check('2,000 partners', [
    sheet('Revenue', REVENUE_HEADER, partners * 4, (i) => [`P${(i % partners) + 1}`, 'CRM Online', 42900 + (i % 200), 5000 + (i % 997) * 100, 'Yes']),
    certifications(partners, partners * 3),
    sheet('Partners', PARTNER_HEADER, partners, (i) => [`P${i + 1}`, `Reseller ${i + 1} Ltda.`, i % 2 === 0 ? 'Developed' : 'Developing']),
  ]);
  expect(page.statusRows).toBe(partners);
});

test('a normal workbook of 10,000 rows takes few syncs', async () => {
  const { queries } = await check('10,000 clean rows', clean(10_000));
  expect(queries.length).toBeLessThanOrEqual(8);
});

test('texts that grow long further down a sheet are read again in smaller chunks when Excel refuses them', async () => {
  // The first 20,000 rows are short, so chunks grow; then every cell of the Date column is long.
  const rows = 22_000;
  const { page, queries } = await web.run([sheet('Revenue', REVENUE_HEADER, rows, (i) => [`P${(i % 50) + 1}`, 'CRM Online', i < 20_000 ? 43000 : longText(i, 3_000), 1000, 'Yes'])]);
  report('long texts after 20,000 short rows', queries);
  expect(page.readRows).toBe(rows + 1);
  // Refused responses were never delivered; what was delivered stayed within the limit Excel enforces.
  expect(Math.max(...queries.filter((q) => !q.refused).map((q) => q.responseBytes))).toBeLessThanOrEqual(PAYLOAD_BUDGET);
});

test('the adapter\'s measure of a write is never below what Office.js serializes, and at most 25% above', () => {
  // Filled by the tests above (jest runs a file's tests in order).
  expect(ratios.length).toBeGreaterThan(20);
  process.stdout.write(`estimate / real over ${ratios.length} write syncs: ${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)}\n`);
  expect(Math.min(...ratios)).toBeGreaterThanOrEqual(1);
  expect(Math.max(...ratios)).toBeLessThanOrEqual(1.25);
});

/** The same generated workbook in the in-memory fake (test/support/fake-excel.ts). */
function inFake(sheets: readonly GeneratedSheet[]): FakeWorkbook {
  return FakeWorkbook.from(Object.fromEntries(sheets.map((s) => [s.name, Array.from({ length: s.rows }, (_, r) => [...s.row(r)])])));
}

test('the fake Excel charges each sync within 10% of what the real serializer sends, on the same reads and writes', async () => {
  const TOLERANCE = 0.1;
  const ratios: string[] = [];
  const outside: string[] = [];
  for (const [name, shape] of [['2,000 issue rows', allIssues(2_000)], ['5,000 clean rows', clean(5_000)], ['long texts', longTexts(10)]] as const) {
    const { page, queries } = await web.run(shape);
    const wb = inFake(shape);
    const workbook = await readFromExcel(wb.run);
    const reads = wb.syncs.length;
    const run = openRun(workbook, { locale: 'en-US', asOf: '2018-03-15' });
    await writeToExcel(wb.run, wholeOutputs(run.outputs()), workbook.sheetNames);
    // Writes: the adapter packs both the same way, so sync i of one is sync i of the other.
    const n = page.writeEstimates.length;
    const real = queries.filter((q) => q.phase === 'write').slice(-n).map((q) => q.requestBytes);
    const fake = wb.syncs.slice(-n).map((q) => q.requestBytes);
    // Reads: the responses that carried values.
    const realReads = queries.filter((q) => q.phase === 'read').map((q) => q.responseBytes);
    const fakeReads = wb.syncs.slice(0, reads).map((q) => q.responseBytes);
    expect(fakeReads.length).toBe(realReads.length);
    const pairs = [...real.map((r, i) => ['write', r, fake[i] ?? 0] as const), ...realReads.map((r, i) => ['read', r, fakeReads[i] ?? 0] as const).filter(([, r]) => r > 10_000)];
    for (const [kind, r, f] of pairs) {
      ratios.push((f / r).toFixed(2));
      if (Math.abs(f / r - 1) > TOLERANCE) outside.push(`${name}, ${kind}: fake ${f}, real ${r}`);
    }
  }
  process.stdout.write(`fake / real per sync: ${ratios.join(' ')}\n`);
  expect(ratios.length).toBeGreaterThanOrEqual(8);
  expect(outside).toEqual([]);
});

test('the workbook session\'s reads cost the same in the fake Excel as in the real serializer: the first read, and the re-read of one edited sheet', async () => {
  const { distributor } = await import('../../test/support/live');
  const shape = distributor(20_000, 2_000, 200);
  const ids = ['P1', 'P2', 'P3'];
  const edit = { sheet: 'Revenue', row: 201, col: 3, value: -100_000, worksheetId: '{Revenue}', address: 'D202' };
  const { queries } = await web.evaluate(
    ({ url, ids: list, edit: e }) => (window as unknown as { harness: { live(u: string, a: string, l: string, p: readonly string[], e: unknown): Promise<unknown> } }).harness.live(url, '2018-03-15', 'en-US', list, e),
    { ids, edit }, shape,
  );
  // The same in the fake: the session reads everything, then the edited sheet alone.
  const { WorkbookSession } = await import('./session');
  const wb = inFake(shape);
  const session = new WorkbookSession({ run: wb.run, locale: 'en-US', listen: false, debounceMs: 0 });
  await session.start();
  const firstSyncs = wb.syncs.length;
  wb.userEdit('Revenue', 'D202', -100_000);
  session.deliver({ kind: 'changed', worksheetId: wb.sheet('Revenue')?.id ?? '', address: 'D202' });
  await new Promise((r) => setTimeout(r, 20));
  await session.idle();
  const bytes = (qs: readonly { requestBytes: number; responseBytes: number }[]): number => qs.reduce((n, q) => n + q.requestBytes + q.responseBytes, 0);
  const real = { read: bytes(queries.filter((q) => q.phase === 'live-read')), edit: bytes(queries.filter((q) => q.phase === 'live-edit')) };
  const fake = { read: bytes(wb.syncs.slice(0, firstSyncs)), edit: bytes(wb.syncs.slice(firstSyncs)) };
  process.stdout.write(`session bytes, fake / real: first read ${(fake.read / real.read).toFixed(3)}, edit ${(fake.edit / real.edit).toFixed(3)}\n`);
  expect(Math.abs(fake.read / real.read - 1)).toBeLessThanOrEqual(0.1);
  expect(Math.abs(fake.edit / real.edit - 1)).toBeLessThanOrEqual(0.1);
  // The edit re-read the revenue sheet only: about its share of the first read.
  expect(real.edit).toBeLessThan(real.read);
  expect(session.stats.sheetsRead).toBe(5);
});
