/**
 * --partner and --format csv: which partners the CLI prints, and the status table as CSV. Only
 * presentation of the run's one evaluation: nothing is evaluated again, and --out still writes
 * every partner.
 */
import type { PartnerNextSteps } from '../core';
import type { Locale } from '../i18n';
import { partnerIdKey, statusTable, type OutCell, type Run } from '../sheets';
import { UsageError, terminalSafe } from './errors';

/** What the printers read of a run: its evaluation and its data issues with their partners. */
export type RunView = Pick<Run, 'evaluation' | 'issues' | 'issuePartners'>;

/**
 * A partner id as a user's typing of it is compared (--partner, an --assume-* prefix): trimmed,
 * case-blind, and digits-only ids as numbers, as the reader keys them ("00123" is 123).
 * @example idKey(" 00123 ") === "123"; idKey("P1") === idKey("p1")
 * @throws nothing
 */
export function idKey(id: string): string {
  // The reader's key (sheets' partnerIdKey: "00123", "1,234,567" and "123.0" are numbers), case-blind.
  return partnerIdKey(id.trim()).toLowerCase();
}

/**
 * The run as far as the partners named by --partner go: their status, and the data issues that
 * are theirs or belong to no partner (a missing table, a note on the whole workbook). The
 * partners keep the evaluation's order; each id must name a partner.
 * @example partnerView(run, ["1004", "1007"]).evaluation.partners.map((p) => p.partnerId) // ["1004", "1007"]
 * @throws UsageError (cli.error.partnerUnknown) for an id no partner of the inputs has
 */
export function partnerView(run: RunView, wanted: readonly string[]): RunView {
  const { evaluation, issues, issuePartners } = run;
  const keys = evaluation.partners.map((p) => (p.partnerId === null ? undefined : idKey(p.partnerId)));
  for (const id of wanted) {
    if (!keys.includes(idKey(id))) {
      const ids = evaluation.partners.flatMap((p) => (p.partnerId === null ? [] : [p.partnerId]));
      throw new UsageError('cli.error.partnerUnknown', { value: id, ids: ids.length > 5 ? `${ids.slice(0, 5).join(', ')}, …` : ids.join(', ') || '-' });
    }
  }
  const wantedKeys = new Set(wanted.map(idKey));
  const newIndex = new Int32Array(evaluation.partners.length).fill(-1);
  let partnersKept = 0;
  const partners = evaluation.partners.filter((_p, i) => {
    const key = keys[i];
    if (key === undefined || !wantedKeys.has(key)) return false;
    newIndex[i] = partnersKept++;
    return true;
  });
  const kept: number[] = [];
  issues.forEach((_issue, k) => {
    const owner = issuePartners[k] ?? -1;
    if (owner < 0 || (newIndex[owner] ?? -1) >= 0) kept.push(k);
  });
  return {
    evaluation: { ...evaluation, partners },
    issues: kept.map((k) => issues[k] as (typeof issues)[number]),
    issuePartners: Int32Array.from(kept, (k) => { const owner = issuePartners[k] ?? -1; return owner < 0 ? -1 : newIndex[owner] ?? -1; }),
  };
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces,
 * its quotes doubled. Text that a spreadsheet would run as a formula (starting with =, +, -, @)
 * gets a leading apostrophe, so opening the CSV in Excel never runs a name typed in a cell.
 * Control characters are shown as "?" (see terminalSafe).
 * @example csvField('Contoso, Ltd') === '"Contoso, Ltd"'; csvField('=1+1') === "'=1+1"
 * @throws never
 */
export function csvField(cell: OutCell): string {
  let text: string;
  if (cell === null) text = '';
  else if (typeof cell === 'boolean') text = cell ? 'TRUE' : 'FALSE';
  else if (typeof cell === 'number') text = String(cell);
  else if (typeof cell === 'string') text = /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
  else if ('date' in cell) text = cell.date;
  else text = cell.text;
  text = terminalSafe(text.replace(/\r\n?/g, '\n'));
  return /[",\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The Competency Status table (the sheet --out writes and MPN.STATUS spills, Next step column
 * included) as CSV: a header row in the run's language, then one line per partner; dates
 * YYYY-MM-DD, US$ amounts as plain numbers, TRUE/FALSE, comma-separated, UTF-8 without BOM.
 * @example io.stdout(statusCsv(run, run.nextSteps(), "en-US")) // "Partner ID,Name,Market,...\n1001,Contoso,..."
 * @throws never
 */
export function statusCsv(view: RunView, nextSteps: readonly PartnerNextSteps[], locale: Locale): string {
  const table = statusTable(view.evaluation, view.issues, view.issuePartners, locale, nextSteps);
  return [table.columns.map((c) => c.header), ...table.rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}
