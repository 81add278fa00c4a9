/**
 * What the CLI prints: a readable summary per partner, or the JSON document of DESIGN.md 4.2.
 * Only presentation: every figure comes from the evaluation.
 */
import type { Evaluation, PartnerStatus } from '../core';
import { formatUsd, t, type Locale } from '../i18n';
import { planSteps, planText, type DataIssue } from '../sheets';

/** The JSON document printed by --json (fields may be added, never renamed). */
export interface JsonDocument {
  readonly asOf: string;
  readonly rulebook: string;
  readonly partners: readonly unknown[];
  readonly issues: readonly unknown[];
}

/**
 * The --json document.
 * @example JSON.stringify(jsonDocument(run.evaluation, run.issues, "en-US"))
 */
export function jsonDocument(evaluation: Evaluation, issues: readonly DataIssue[], locale: Locale): JsonDocument {
  return {
    asOf: evaluation.asOf,
    rulebook: evaluation.rulebook,
    partners: evaluation.partners.map((p) => {
      const next = p.nextLevel;
      const plan = next ? p.examPlans[next] : [];
      return {
        partnerId: p.partnerId,
        name: p.name,
        market: p.market,
        marketSource: p.marketSource,
        rulebook: p.rulebook,
        level: p.level,
        atRisk: p.atRisk,
        ttmRevenueUsd: p.ttmRevenueCents / 100,
        revenueMet: p.revenueMet,
        examsMet: p.examsMet,
        requirements: p.requirements,
        holdsUntil: p.holdsUntil,
        holdsUntilCause: p.holdsUntilCause,
        nextLevel: next,
        revenueGapUsd: next ? p.revenueGapCents[next] / 100 : 0,
        examPlan: plan.map((s) => ({
          text: planSteps([s], locale)[0] ?? '',
          individual: s.newIndividual !== null ? t(locale, 'plan.newIndividual', { n: s.newIndividual }) : s.individual,
          newIndividual: s.newIndividual,
          role: s.role,
          exams: s.exams,
        })),
        slots: p.slots.map((s) => ({ individual: s.individual, slot: s.slot, level: s.level })),
        qualified: p.qualified,
        rows: p.rows,
      };
    }),
    issues: issues.map((i) => ({
      severity: i.severity, table: i.table, sheet: i.sheet, row: i.row, column: i.column, cell: i.cell, code: i.code, message: i.message,
    })),
  };
}

function missing(p: PartnerStatus, locale: Locale): string {
  const next = p.nextLevel;
  if (!next) return t(locale, 'cli.nothingMissing');
  const parts: string[] = [];
  if (!p.requirements[next].revenue.met) parts.push(t(locale, 'cli.missingRevenue', { amount: formatUsd(p.revenueGapCents[next], locale) }));
  const plan = p.examPlans[next];
  if (plan.length > 0) parts.push(`${t(locale, 'cli.missingExams', { count: plan.length })}: ${planText(plan, locale)}`);
  return t(locale, 'cli.missingFor', { level: t(locale, `level.${next}`), what: parts.join('; ') });
}

/** Width of text in a terminal: East Asian characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));

/**
 * The default summary: one line per partner with level, TTM revenue, what is missing for the
 * next level, and holds-until, then the count of data issues.
 * @example process.stdout.write(summary(run.evaluation, run.issues, "en-US"))
 */
export function summary(evaluation: Evaluation, issues: readonly DataIssue[], locale: Locale): string {
  const head = [t(locale, 'cli.partner'), t(locale, 'cli.level'), t(locale, 'cli.ttmRevenue'), t(locale, 'cli.holdsUntil'), t(locale, 'cli.missing')];
  const rows = evaluation.partners.map((p) => [
    p.partnerId === null ? t(locale, 'status.oneOrganisation') : p.name ? `${p.partnerId} ${p.name}` : p.partnerId,
    t(locale, `level.${p.level}`),
    `US$ ${formatUsd(p.ttmRevenueCents, locale)}`,
    p.holdsUntil ? `${p.holdsUntil}${p.atRisk ? ` (${t(locale, 'cli.atRisk')})` : ''}` : '-',
    missing(p, locale),
  ]);
  const widths = head.map((h, i) => Math.min(40, Math.max(width(h), ...rows.map((r) => width(r[i] ?? '')))));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0))).join('  ').trimEnd();
  const errors = issues.filter((i) => i.severity === 'error').length;
  return [
    t(locale, 'cli.asOfLine', { asOf: evaluation.asOf, rulebook: evaluation.rulebook }),
    '',
    line(head),
    ...rows.map(line),
    '',
    t(locale, 'cli.issues', { errors, warnings: issues.length - errors }),
    '',
  ].join('\n');
}
