/**
 * Issue 20's law for ordinary layouts: a random workbook with spacer columns, empty columns,
 * side-by-side tables and repeated header rows inserted gives the same levels and TTM revenue
 * as the plain workbook, or a data issue (at a cell) that the plain workbook does not have and
 * that names the change. Never a silently different number.
 */
import fc from 'fast-check';
import { isoFromDay, dayFromIso } from '../core';
import type { Cell } from './cells';
import { openRun, type Run } from './run';
import type { SheetInput } from './cells';

type Row = Cell[];
const REV_HEADER: Row = ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'Attribution'];
const CERT_HEADER: Row = ['Partner ID', 'Individual', 'Exam', 'Date passed'];
const FIRST_DAY = dayFromIso('2016-06-01') ?? 0, LAST_DAY = dayFromIso('2018-03-15') ?? 0;

const partner = fc.constantFrom('P1', 'P2', 'P3');
const iso = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(isoFromDay);
const revenueRow = fc.tuple(partner, fc.constantFrom('CRM Online', 'Dynamics 365 Plan 1', 'Azure'), iso, fc.integer({ min: 1, max: 6_000_000 }).map((c) => c / 100), fc.constantFrom('DPOR', 'DPOR', 'CPOR'))
  .map((r): Row => [...r]);
const certRow = fc.tuple(partner, fc.constantFrom('Ana Souza', 'Bruno Lima', 'Carla Dias', 'Davi Reis'), fc.constantFrom('MB2-714', 'MB2-710', 'MB2-712', 'MB2-713', 'MB2-706'), iso)
  .map((r): Row => [...r]);

/** What is inserted into the plain workbook. */
interface Change {
  /** Columns with no header inserted into a table (at column index, empty or holding notes). */
  readonly spacers: readonly { readonly table: 'revenue' | 'certifications'; readonly at: number; readonly notes: boolean }[];
  /** Empty columns before each table. */
  readonly leading: number;
  /** The two tables side by side on one sheet, this many empty columns apart (0: two sheets). */
  readonly besideGap: number;
  /** Data rows after which the header row is repeated, per table. */
  readonly repeatAfter: readonly { readonly table: 'revenue' | 'certifications'; readonly row: number }[];
}

const change: fc.Arbitrary<Change> = fc.record({
  spacers: fc.array(fc.record({ table: fc.constantFrom('revenue' as const, 'certifications' as const), at: fc.integer({ min: 1, max: 4 }), notes: fc.boolean() }), { maxLength: 2 }),
  leading: fc.integer({ min: 0, max: 3 }),
  besideGap: fc.integer({ min: 0, max: 3 }),
  repeatAfter: fc.array(fc.record({ table: fc.constantFrom('revenue' as const, 'certifications' as const), row: fc.integer({ min: 1, max: 30 }) }), { maxLength: 2 }),
});

/** A table's rows with the change's repeated headers and unnamed columns. */
function changedTable(kind: 'revenue' | 'certifications', header: Row, rows: readonly Row[], c: Change): Row[] {
  let out: Row[] = [header, ...rows.map((r) => [...r])];
  // Repeated headers, from the last so earlier positions stay right.
  for (const { row } of c.repeatAfter.filter((r) => r.table === kind).sort((a, b) => b.row - a.row)) {
    if (row < rows.length) out.splice(row + 1, 0, [...header]);
  }
  for (const s of c.spacers.filter((x) => x.table === kind)) {
    const at = Math.min(s.at, header.length - 1);
    out = out.map((r, i) => [...r.slice(0, at), i === 0 || !s.notes ? null : `note ${i}`, ...r.slice(at)]);
  }
  return out.map((r) => [...Array<Cell>(c.leading).fill(null), ...r]);
}

/** Two tables side by side, `gap` empty columns apart. */
function beside(left: readonly Row[], gap: number, right: readonly Row[]): Row[] {
  const width = Math.max(...left.map((r) => r.length));
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => {
    const l: Row = [...(left[i] ?? [])];
    while (l.length < width + gap) l.push(null);
    return [...l, ...(right[i] ?? [])];
  });
}

function workbook(revenue: readonly Row[], certs: readonly Row[], c: Change | null): SheetInput[] {
  if (!c) return [{ name: 'Revenue', values: [REV_HEADER, ...revenue] }, { name: 'Certifications', values: [CERT_HEADER, ...certs] }];
  const r = changedTable('revenue', REV_HEADER, revenue, c), k = changedTable('certifications', CERT_HEADER, certs, c);
  return c.besideGap > 0 ? [{ name: 'Data', values: beside(r, c.besideGap, k.map((row) => row.slice(c.leading))) }] : [{ name: 'Revenue', values: r }, { name: 'Certifications', values: k }];
}

const evaluated = (sheets: SheetInput[]): Run => openRun({ sheets }, { locale: 'en-US', asOf: '2018-03-15', defaultMarket: 'developed' });
const answers = (run: Run): string[] => run.evaluation.partners.map((p) => `${p.partnerId ?? ''} ${p.level} ${p.ttmRevenueCents}`);
const issueKeys = (run: Run): Set<string> => new Set(run.issues.filter((i) => i.cell !== null).map((i) => `${i.code}|${i.message}`));

test('spacer and empty columns, side-by-side tables and repeated headers change no level or TTM revenue silently', () => {
  fc.assert(fc.property(fc.array(revenueRow, { minLength: 1, maxLength: 40 }), fc.array(certRow, { minLength: 1, maxLength: 20 }), change, (revenue, certs, c) => {
    const plain = evaluated(workbook(revenue, certs, null));
    const changed = evaluated(workbook(revenue, certs, c));
    if (answers(changed).join('\n') === answers(plain).join('\n')) return;
    // A different answer must come with a data issue of its own, at a cell.
    const before = issueKeys(plain);
    const news = [...issueKeys(changed)].filter((k) => !before.has(k));
    expect({ answers: answers(changed), news: news.length > 0 }).toEqual({ answers: answers(changed), news: true });
  }), { numRuns: 60 });
}, 60_000);
