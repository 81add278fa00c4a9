/**
 * MPN.PARTNER.* and MPN.PARTNERS.*: streaming answers from the workbook session, called as Excel
 * calls them (arguments, then a StreamingInvocation), against the Excel fake. CustomFunctions is
 * stubbed so Excel's error values can be inspected.
 */
import { FakeWorkbook } from '../../test/support/fake-excel';
import { CERTS, REVENUE, delivered } from '../../test/support/live';
import { DEBOUNCE_MS, WorkbookSession, sharedSession } from '../office/session';
import type * as FunctionsModule from './functions';

class StubError extends Error {
  constructor(readonly code: string, message?: string) { super(message); }
}
(globalThis as Record<string, unknown>).CustomFunctions = { Error: StubError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' }, associate: () => undefined };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MPN = require('./functions') as typeof FunctionsModule;

const T = '2018-03-15';
const SHARED = Symbol.for('cloud-crm-competency.workbookSession');

/** A StreamingInvocation that records what the function pushed. */
class Cell<T = unknown> {
  readonly results: (T | StubError)[] = [];
  onCanceled?: () => void;
  setResult = (v: unknown): void => { this.results.push(v as T | StubError); };
  get last(): T | StubError | undefined { return this.results[this.results.length - 1]; }
  cancel(): void { this.onCanceled?.(); }
}

let wb: FakeWorkbook;
let session: WorkbookSession;
/** What office.js would answer; the card test raises it. */
let sets: Record<string, number> = {};

beforeEach(() => {
  jest.useFakeTimers();
  wb = FakeWorkbook.from({ Revenue: REVENUE, Certifications: CERTS, Notes: [['Call Ana on Monday']] });
  delete (globalThis as Record<symbol, unknown>)[SHARED];
  session = sharedSession(() => new WorkbookSession({ run: wb.run, locale: 'en-US', supports: wb.supports }));
  sets = {};
  (globalThis as Record<string, unknown>).Office = { context: { requirements: { isSetSupported: (s: string, v: string) => (sets[s] ?? 0) >= Number(v) } } };
});
afterEach(() => { jest.useRealTimers(); delete (globalThis as Record<string, unknown>).Office; });

/** Lets the functions reach the session (loaded on first use) and the session finish its round. */
async function idle(): Promise<void> {
  await delivered();
  await session.idle();
}

async function debounced(): Promise<void> {
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await idle();
}

test('editing one revenue cell updates that partner\'s streaming LEVEL, and only after the debounce', async () => {
  const p1 = new Cell<string>(), p2 = new Cell<string>();
  MPN.partnerLevel('P1', null, T, p1);
  MPN.partnerLevel('P2', null, T, p2);
  await idle();
  expect([p1.results, p2.results]).toEqual([['Gold'], ['Silver']]);
  wb.userEdit('Revenue', 'D2', 1000);
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS - 1);
  await delivered();
  expect(p1.results).toEqual(['Gold']);
  jest.advanceTimersByTime(1);
  await idle();
  expect(p1.results).toEqual(['Gold', 'None']);
  // P2's value did not change, so nothing was pushed to its cell.
  expect(p2.results).toEqual(['Silver']);
});

test('a cancelled invocation unsubscribes: nothing more is pushed to it', async () => {
  const cell = new Cell<string>();
  MPN.partnerLevel('P1', null, T, cell);
  await idle();
  expect(session.subscribers()).toBe(1);
  cell.cancel();
  expect(session.subscribers()).toBe(0);
  wb.userEdit('Revenue', 'D2', 1000);
  await debounced();
  expect(cell.results).toEqual(['Gold']);
});

test('2,000 invocations share one read and one evaluation', async () => {
  const cells = Array.from({ length: 2000 }, () => new Cell<string>());
  cells.forEach((c, i) => MPN.partnerLevel(i % 2 === 0 ? 'P1' : 'P2', null, T, c));
  await idle();
  expect(cells.every((c, i) => c.last === (i % 2 === 0 ? 'Gold' : 'Silver'))).toBe(true);
  expect(session.stats).toMatchObject({ reads: 1, evaluations: 1 });
  wb.userEdit('Revenue', 'D2', 1000);
  await debounced();
  expect(cells[0]?.last).toBe('None');
  expect(session.stats).toMatchObject({ reads: 2, evaluations: 2 });
});

test('our own writes push nothing new and start no evaluation', async () => {
  const cell = new Cell<number>();
  MPN.partnerTtmRevenue('P1', null, T, cell);
  await idle();
  await session.write(session.outputs(T, undefined));
  await debounced();
  expect(cell.results).toEqual([320000]);
  // The sheets our write added are listed once by name (onAdded names no sheet); no values are read.
  expect(session.stats).toMatchObject({ sheetsRead: 3, evaluations: 1, rounds: 1 });
});

test('a deleted input sheet gives a clear error value, not a stale number', async () => {
  const cell = new Cell<number>();
  MPN.partnerTtmRevenue('P1', null, T, cell);
  await idle();
  wb.userDeleteSheet('Revenue');
  await debounced();
  expect(cell.results).toHaveLength(2);
  expect(cell.last).toBeInstanceOf(StubError);
  expect(cell.last).toMatchObject({ code: '#VALUE!', message: expect.stringMatching(/^No revenue table found/) });
});

test('a renamed input sheet keeps its values live, under its new name', async () => {
  const cell = new Cell<number>(), card = new Cell<string>();
  MPN.partnerTtmRevenue('P1', null, T, cell);
  MPN.partnersStatus(null, T, card as never);
  await idle();
  wb.userRenameSheet('Revenue', 'Receita');
  wb.userEdit('Receita', 'D2', 5000);
  await debounced();
  expect(cell.results).toEqual([320000, 5000]);
});

test('a partner without rows is #N/A with its id; no partner id is #VALUE!', async () => {
  const none = new Cell(), blank = new Cell();
  MPN.partnerLevel('P9', null, T, none);
  MPN.partnerLevel(null, null, T, blank);
  await idle();
  expect(none.last).toMatchObject({ code: '#N/A', message: 'No rows for partner "P9"' });
  expect(blank.last).toMatchObject({ code: '#VALUE!', message: 'Give a partner ID' });
});

test('the live forms answer what the table-argument forms answer on the same tables', async () => {
  const cells = { level: new Cell(), ttm: new Cell(), gap: new Cell(), met: new Cell(), plan: new Cell(), status: new Cell(), timeline: new Cell() };
  MPN.partnerLevel('P2', 'Developing', T, cells.level as never);
  MPN.partnerTtmRevenue('P2', null, T, cells.ttm as never);
  MPN.partnerRevenueGap('P2', 'Gold', 'Developing', T, cells.gap as never);
  MPN.partnerExamsMet('P2', 'Silver', null, T, cells.met as never);
  MPN.partnerExamPlan('P2', 'Gold', null, T, cells.plan as never);
  MPN.partnersStatus(null, T, cells.status as never);
  MPN.partnersTimeline('P1', null, T, cells.timeline as never);
  await idle();
  expect(Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.last]))).toEqual({
    level: MPN.level(REVENUE, CERTS, 'Developing', T, 'P2'),
    ttm: MPN.ttmRevenue(REVENUE, T, 'P2'),
    gap: MPN.revenueGap(REVENUE, 'Gold', 'Developing', T, 'P2'),
    met: MPN.examsMet(CERTS, 'Silver', T, 'P2'),
    plan: MPN.examPlan(CERTS, 'Gold', T, 'P2'),
    status: MPN.status(REVENUE, CERTS, null as never, T),
    timeline: MPN.timeline(REVENUE, CERTS, 'P1', T),
  });
  expect(session.stats.evaluations).toBe(2); // Developing, and the partners' own market
  const next = new Cell<string>();
  MPN.partnerNextStep('P2', null, T, next as never);
  await idle();
  const status = MPN.status(REVENUE, CERTS, null as never, T);
  const column = (status[0] as string[]).indexOf('Next step');
  expect(column).toBeGreaterThan(0);
  expect(next.last).toBe(status.find((row) => row[0] === 'P2')?.[column]);
});

test('the card is an entity where Excel has data types, and one line of text where it has not', async () => {
  const text = new Cell<string>(), next = new Cell<string>();
  MPN.partnerCard('P2', null, T, text as never);
  MPN.partnerNextStep('P2', null, T, next as never);
  sets = { ExcelApi: 1.16, CustomFunctionsRuntime: 1.4 };
  const entity = new Cell<Record<string, unknown>>();
  MPN.partnerCard('P2', null, T, entity as never);
  await idle();
  expect(text.last).toBe('P2: Silver; TTM revenue US$ 120,000 (Silver US$ 100,000, Gold US$ 300,000); Revenue for Silver: met, Exams for Silver: met, '
    + `Revenue for Gold: not met, Exams for Gold: not met; holds until 2018-05-31; next step: ${String(next.last)}`);
  const card = entity.last as { type: string; text: string; properties: Record<string, { basicValue: unknown }>; layouts: { card: { sections: { properties: string[] }[] } } };
  expect([card.type, card.text]).toEqual(['Entity', 'P2: Silver']);
  expect(card.properties['TTM revenue (US$)']?.basicValue).toBe(120000);
  expect(card.properties['Gold threshold (US$)']?.basicValue).toBe(300000);
  expect(card.properties['Holds until']?.basicValue).toBe('2018-05-31');
  expect(card.properties['Next step']?.basicValue).toBe(next.last);
  expect(next.last).toBe('Book US$ 100,000 of DPOR revenue by 30 Jun 2018 to keep Silver');
  expect(card.properties['Exams for Silver']?.basicValue).toBe('met');
  // Every property the card lays out exists, and every property is laid out.
  const laidOut = card.layouts.card.sections.flatMap((x) => x.properties);
  expect(new Set([...laidOut, 'Partner'])).toEqual(new Set(Object.keys(card.properties)));
});

describe('help examples of the live functions (src/functions/help.json), through the session on the sample workbook', () => {
  interface Example { readonly args: readonly string[]; readonly result?: unknown; readonly spill?: { readonly rows: number }; readonly session?: boolean }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const help = require('./help.json') as { examples: Record<string, Example> };
  const live = Object.entries(help.examples).filter(([, e]) => e.session === true);
  const BY_ID: Record<string, (...args: unknown[]) => void> = {
    'PARTNER.LEVEL': MPN.partnerLevel, 'PARTNER.TTMREVENUE': MPN.partnerTtmRevenue, 'PARTNER.REVENUEGAP': MPN.partnerRevenueGap,
    'PARTNER.EXAMSMET': MPN.partnerExamsMet, 'PARTNER.EXAMPLAN': MPN.partnerExamPlan, 'PARTNER.NEXTSTEP': MPN.partnerNextStep, 'PARTNER.CARD': MPN.partnerCard,
    'PARTNERS.STATUS': MPN.partnersStatus, 'PARTNERS.TIMELINE': MPN.partnersTimeline,
  } as Record<string, (...args: unknown[]) => void>;
  const argument = (text: string): unknown => {
    const date = /^DATE\((\d+),(\d+),(\d+)\)$/.exec(text);
    return date ? `${date[1]}-${(date[2] ?? '').padStart(2, '0')}-${(date[3] ?? '').padStart(2, '0')}` : JSON.parse(text) as unknown;
  };

  test('every live function has an example, and every example a live function', () => {
    expect(live.map(([id]) => id).sort()).toEqual(Object.keys(BY_ID).sort());
  });

  test.each(['en-US', 'pt-BR', 'de-DE', 'zh-TW', 'ko-KR', 'it-IT'])('in %s', async (locale) => {
    (globalThis as Record<string, unknown>).Office = { context: { displayLanguage: locale, requirements: { isSetSupported: () => true } } };
    const { readXlsxBytes } = await import('../xlsx/read');
    const { readFileSync } = await import('node:fs');
    const sample = readXlsxBytes(new Uint8Array(readFileSync(`${__dirname}/../../assets/sample-distributor.xlsx`)));
    const book = FakeWorkbook.from(Object.fromEntries(sample.sheets.map((s) => [s.name, s.values as never])));
    delete (globalThis as Record<symbol, unknown>)[SHARED];
    session = sharedSession(() => new WorkbookSession({ run: book.run, locale: locale as never }));
    const cells = live.map(([id, example]) => {
      const cell = new Cell();
      BY_ID[id]?.(...example.args.map(argument), cell);
      return [id, example, cell] as const;
    });
    await idle();
    for (const [id, example, cell] of cells) {
      const value = cell.last;
      const expected = example.spill ? example.spill.rows : example.result !== null && typeof example.result === 'object' ? (example.result as Record<string, unknown>)[locale] : example.result;
      // The card's cell shows the entity's text.
      const shown = example.spill ? (value as unknown[]).length : id === 'PARTNER.CARD' ? (value as { text: string }).text : value;
      expect([id, shown]).toEqual([id, expected]);
    }
  });
});
