/**
 * The workbook session against the Excel fake (test/support/fake-excel.ts), whose events follow
 * what Microsoft documents for ExcelApi 1.7 (and 1.14 / 1.17 where a test raises the version).
 */
import { FakeWorkbook } from '../../test/support/fake-excel';
import { CERTS, REVENUE, delivered } from '../../test/support/live';
import { DEBOUNCE_MS, WorkbookSession, type LiveSnapshot, type SessionState } from './session';

const T = '2018-03-15';

function ready(s: SessionState): LiveSnapshot {
  if (s.kind !== 'ready') throw new Error(`session is ${s.kind}: ${s.kind === 'error' ? s.message : ''}`);
  return s;
}

const levelOf = (session: WorkbookSession, id: string): string | undefined => ready(session.current()).evaluation(T, undefined).partner(id)?.level;

async function started(wb: FakeWorkbook): Promise<WorkbookSession> {
  const session = new WorkbookSession({ run: wb.run, locale: 'en-US', supports: wb.supports });
  await session.start();
  return session;
}

function workbook(): FakeWorkbook {
  return FakeWorkbook.from({ Revenue: REVENUE, Certifications: CERTS, Notes: [['Call Ana on Monday']] });
}

beforeEach(() => { jest.useFakeTimers(); });
afterEach(() => { jest.useRealTimers(); });

test('reads the workbook once, and every caller of one as-of and market shares one evaluation', async () => {
  const session = await started(workbook());
  expect(session.stats).toMatchObject({ reads: 1, sheetsRead: 3 });
  for (let i = 0; i < 2000; i++) expect(levelOf(session, i % 2 === 0 ? 'P1' : 'P2')).toBeDefined();
  expect(session.stats.evaluations).toBe(1);
  expect(levelOf(session, 'P1')).toBe('gold');
});

test('editing one revenue cell re-reads only the revenue sheet, and only after the debounce', async () => {
  const wb = workbook();
  const session = await started(wb);
  const seen: SessionState[] = [];
  session.subscribe((s) => seen.push(s));
  const before = wb.syncs.length;
  wb.userEdit('Revenue', 'D2', 1000);
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS - 1);
  await delivered();
  expect(seen).toEqual([]);
  expect(wb.syncs.length).toBe(before);
  expect(levelOf(session, 'P1')).toBe('gold');
  jest.advanceTimersByTime(1);
  await session.idle();
  expect(levelOf(session, 'P1')).toBe('none');
  expect(ready(seen[0] as SessionState).changed).toEqual(['revenue']);
  expect(session.stats).toMatchObject({ reads: 2, sheetsRead: 4 }); // 3 at start, then Revenue alone
});

test('hidden sheets are not read, a warning names them, and a sheet hidden later is dropped at the next read', async () => {
  const wb = workbook();
  const old = wb.newSheet('Old revenue', REVENUE);
  old.visibility = 'VeryHidden';
  wb.sheets.push(old);
  const session = await started(wb);
  expect(session.stats).toMatchObject({ reads: 1, sheetsRead: 3 });
  const hiddenWarning = (): string[] => ready(session.current()).read.issues.filter((i) => i.code === 'workbook.hidden-sheets').map((i) => i.message);
  expect(levelOf(session, 'P1')).toBe('gold');
  expect(ready(session.current()).evaluation(T, undefined).partner('P1')?.ttmRevenueCents).toBe(320000_00);
  expect(hiddenWarning()).toEqual(['Hidden sheets are not read: "Old revenue"; unhide a sheet to count what it holds']);
  // The user hides the certifications sheet: the next read (any edit) drops it and names it.
  (wb.sheet('Certifications') as { visibility: string }).visibility = 'Hidden';
  wb.userEdit('Revenue', 'D2', 320001);
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(ready(session.current()).read.missing).toEqual(['certifications']);
  expect(hiddenWarning()).toEqual(['Hidden sheets are not read: "Certifications", "Old revenue"; unhide a sheet to count what it holds']);
});

test('edits within the debounce make one round', async () => {
  const wb = workbook();
  const session = await started(wb);
  for (const [cell, v] of [['D2', 1000], ['D3', 5], ['D2', 2000]] as const) {
    wb.userEdit('Revenue', cell, v);
    await delivered();
    jest.advanceTimersByTime(DEBOUNCE_MS / 2);
  }
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(session.stats.reads).toBe(2);
  expect(ready(session.current()).evaluation(T, undefined).partner('P1')?.ttmRevenueCents).toBe(200000);
});

test('editing an unrelated sheet reads nothing', async () => {
  const wb = workbook();
  const session = await started(wb);
  const before = wb.syncs.length;
  wb.userEdit('Notes', 'A2', 'and Bo on Tuesday');
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS * 4);
  await session.idle();
  expect(wb.syncs.length).toBe(before);
  expect(session.stats).toMatchObject({ reads: 1, rounds: 1 });
});

test.each([7, 14])('our own writes start no evaluation (ExcelApi 1.%i)', async (version) => {
  const wb = workbook();
  wb.excelApi = version;
  const session = await started(wb);
  expect(levelOf(session, 'P1')).toBe('gold');
  await session.write(session.outputs(T, undefined));
  await delivered();
  // Excel did report the writes: status columns on the input sheets, our sheets added and filled.
  expect(wb.events.delivered.filter((e) => e.type === 'WorksheetChanged' && e.worksheetId === wb.sheet('Revenue')?.id).length).toBeGreaterThan(0);
  jest.advanceTimersByTime(DEBOUNCE_MS * 4);
  await session.idle();
  expect(session.stats).toMatchObject({ rounds: 1, evaluations: 1, sheetsRead: 3 });
  // A user's edit after our write is still followed.
  wb.userEdit('Revenue', 'D2', 1000);
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(levelOf(session, 'P1')).toBe('none');
});

test('a deleted input sheet leaves no stale evaluation: the snapshot says the table is missing', async () => {
  const wb = workbook();
  const session = await started(wb);
  wb.userDeleteSheet('Revenue');
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(ready(session.current()).read.missing).toEqual(['revenue']);
});

test('a renamed input sheet is still followed, with or without onNameChanged (ExcelApi 1.17)', async () => {
  for (const version of [7, 17]) {
    const wb = workbook();
    wb.excelApi = version;
    const session = await started(wb);
    wb.userRenameSheet('Revenue', 'Umsatz');
    await delivered();
    jest.advanceTimersByTime(DEBOUNCE_MS);
    await session.idle();
    wb.userEdit('Umsatz', 'D2', 1000);
    await delivered();
    jest.advanceTimersByTime(DEBOUNCE_MS);
    await session.idle();
    const s = ready(session.current());
    expect([version, s.read.tables.find((x) => x.ref.kind === 'revenue')?.ref.sheet, levelOf(session, 'P1')]).toEqual([version, 'Umsatz', 'none']);
  }
});

test('a sheet added with a revenue table is read and followed', async () => {
  const wb = FakeWorkbook.from({ Certifications: CERTS });
  const session = await started(wb);
  expect(ready(session.current()).read.missing).toEqual(['revenue']);
  wb.userAddSheet('Revenue', REVENUE);
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(levelOf(session, 'P1')).toBe('gold');
  wb.userEdit('Revenue', 'D2', 1000);
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(levelOf(session, 'P1')).toBe('none');
});

test('a read that fails becomes an error state, and the next change reads everything again', async () => {
  const wb = workbook();
  const session = await started(wb);
  const run = wb.run;
  let fail = true;
  wb.run = async (batch) => { if (fail) throw new Error('the network is down'); return run(batch); };
  (session as unknown as { options: { run: unknown } }).options.run = wb.run;
  wb.userEdit('Revenue', 'D2', 1000);
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(session.current()).toEqual({ kind: 'error', message: 'Could not read the workbook: the network is down' });
  fail = false;
  wb.userEdit('Revenue', 'D2', 2000);
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(ready(session.current()).evaluation(T, undefined).partner('P1')?.ttmRevenueCents).toBe(200000);
});

test('dispose removes every handler it registered', async () => {
  const wb = workbook();
  const session = await started(wb);
  expect(wb.events.count()).toBe(4); // onAdded, onDeleted, and onChanged of the two input sheets
  await session.dispose();
  expect(wb.events.count()).toBe(0);
});
