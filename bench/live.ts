/**
 * The workbook session against today's table-argument functions, in the real-serializer harness
 * (Office.js's own Excel web script in headless Chromium, test/support/excel-web.ts): a
 * distributor workbook of 200,000 revenue rows, 20,000 certification rows and 2,000 partners,
 * with one per-partner formula for each partner (a Resellers sheet listing them).
 *
 * - tablesBytes: the input tables' own JSON (revenue, certifications, partners).
 * - functionsBytesPerRecalc: what today's =MPN.LEVEL(Revenue[#All], Certifications[#All], ...)
 *   formulas make Excel serialize in one full recalculation: the sum of every call's argument
 *   JSON (computed: the custom-function channel is not part of the harness).
 * - liveBytesPerRecalc: what the session moves for a full evaluation: every request and response
 *   of its read (measured by the harness), plus every =MPN.PARTNER.LEVEL call's arguments and the
 *   value it pushes (computed).
 * - liveBytesPerEdit: the same after one revenue cell is edited (the event handed to the session
 *   as Excel delivers it; the harness has no event channel).
 * - liveLargestMessage: the largest single request or response of the session.
 * Run alone with BENCH_ONLY=live npm run bench; BENCH_LIVE=0 leaves it out of the full run.
 */
import { startExcelWeb, type GeneratedSheet, type QueryRecord } from '../test/support/excel-web';
import { distributor } from '../test/support/live';

const PARTNERS = 2_000;
const AS_OF = '2018-03-15';

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/** A sheet's values as one JSON array, in bytes, without building the string of 200,000 rows. */
function sheetBytes(s: GeneratedSheet): number {
  let n = 2 + Math.max(0, s.rows - 1);
  for (let r = 0; r < s.rows; r++) n += utf8(JSON.stringify(s.row(r)));
  return n;
}

interface LiveRun {
  first: { count: number; bytes: number; shown: number; evaluations: number; sheetsRead: number };
  edit: { count: number; bytes: number; sheetsRead: number; evaluations: number };
  before: unknown;
  after: unknown;
}

const moved = (qs: readonly QueryRecord[]): number => qs.reduce((n, q) => n + q.requestBytes + q.responseBytes, 0);
const mb = (n: number): string => (n / 1048576).toFixed(2);

/**
 * Runs the comparison and prints it; returns the figures for the JSON line.
 * @example Object.assign(figures, await runLiveBench(out))
 * @throws when the harness cannot start (no Chromium).
 */
export async function runLiveBench(out: (line: string) => void): Promise<Record<string, number>> {
  const sheets = distributor();
  const [revenue, certs, partners] = sheets as [GeneratedSheet, GeneratedSheet, GeneratedSheet, GeneratedSheet];
  const revenueBytes = sheetBytes(revenue), certBytes = sheetBytes(certs), partnerBytes = sheetBytes(partners);
  const tablesBytes = revenueBytes + certBytes + partnerBytes;
  const ids = Array.from({ length: PARTNERS }, (_, i) => `P${i + 1}`);
  // =MPN.LEVEL(Revenue[#All], Certifications[#All], "Developed", TODAY(), "Pn"): both tables in every call.
  const tableCall = (id: string): number => revenueBytes + certBytes + utf8(JSON.stringify(['Developed', 43174, id])) + 4;
  const functionsBytesPerRecalc = ids.reduce((n, id) => n + tableCall(id), 0);
  // =MPN.PARTNER.LEVEL("Pn"): the partner id, two omitted arguments.
  const liveArgs = ids.reduce((n, id) => n + utf8(JSON.stringify([id, null, null])), 0);

  const web = await startExcelWeb();
  try {
    // A credit of US$ 100,000 on one of P1's counted revenue rows (sheet row 2002): P1 drops from Silver.
    const edit = { sheet: 'Revenue', row: 2001, col: 3, value: -100_000, worksheetId: '{Revenue}', address: 'D2002' };
    const { result, queries } = await web.evaluate(
      ({ url, ids: list, edit: e }) => (window as unknown as { harness: { live(u: string, a: string, l: string, p: readonly string[], e: unknown): Promise<LiveRun> } }).harness.live(url, '2018-03-15', 'en-US', list, e),
      { ids, edit }, sheets,
    );
    const read = queries.filter((q) => q.phase === 'live-read'), edited = queries.filter((q) => q.phase === 'live-edit');
    const liveBytesPerRecalc = moved(read) + liveArgs + result.first.bytes;
    const liveBytesPerEdit = moved(edited) + result.edit.bytes;
    const live = [...read, ...edited];
    const liveLargestMessage = Math.max(0, ...live.map((q) => Math.max(q.requestBytes, q.responseBytes)));
    const refused = live.filter((q) => q.refused).length;
    out(`Workbook session vs table-argument functions (real Office.js serializer): ${revenue.rows - 1} revenue, ${certs.rows - 1} certification rows, ${PARTNERS} partners, one formula each, as of ${AS_OF}`);
    out(`  tables: ${mb(tablesBytes)} MB of JSON (revenue ${mb(revenueBytes)}, certifications ${mb(certBytes)}, partners ${mb(partnerBytes)})`);
    out(`  today's =MPN.LEVEL(Revenue[#All], Certifications[#All], ...) x ${PARTNERS}: ${mb(functionsBytesPerRecalc)} MB per full recalculation (${(functionsBytesPerRecalc / tablesBytes).toFixed(0)}x the tables; each call ${mb(tableCall('P1'))} MB, over Excel's 5 MB: ${tableCall('P1') > 5 * 1048576 ? 'yes, it never runs' : 'no'})`);
    out(`  the session + =MPN.PARTNER.LEVEL x ${PARTNERS}: ${mb(liveBytesPerRecalc)} MB for a full evaluation (${read.length} syncs, ${result.first.evaluations} evaluation, ${result.first.shown} of ${PARTNERS} formulas showing a value) = ${(liveBytesPerRecalc / tablesBytes).toFixed(3)}x the tables (target <= 1.2x)`);
    out(`  one revenue cell edited: ${mb(liveBytesPerEdit)} MB (${edited.length} syncs, ${result.edit.sheetsRead - result.first.sheetsRead} sheet(s) re-read, ${result.edit.count} value(s) pushed; P1 ${String(result.before)} -> ${String(result.after)}) = ${(liveBytesPerEdit / revenueBytes).toFixed(3)}x the revenue table's JSON (target <= 1x that sheet's table)`);
    out(`  largest single message: ${mb(liveLargestMessage)} MB (target <= 4 MB); refused by Excel's 5 MB limit: ${refused}`);
    return {
      tablesBytes, functionsBytesPerRecalc, liveBytesPerRecalc, liveBytesPerEdit, liveLargestMessage,
      liveRecalcRatio: liveBytesPerRecalc / tablesBytes, liveEditRatioToRevenueTable: liveBytesPerEdit / revenueBytes, liveFormulasShown: result.first.shown,
    };
  } finally {
    await web.close();
  }
}
