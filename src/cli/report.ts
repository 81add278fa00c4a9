/**
 * What the CLI prints: a readable summary per partner, or the JSON document of docs/rules.md 14.
 * Only presentation: every figure comes from the evaluation.
 */
import type {
  Assumptions, Evaluation, LevelRequirements, NextStep, PartnerNextSteps, PartnerStatus, PersonPlan, RequirementResult, Timeline,
} from '../core';
import { formatUsd, issueCountTexts, t, type Locale } from '../i18n';
import {
  asOfHint, nextStepText, noteText, outlookText, personPlanText, planSteps, planText, stepText, type DataIssue, type EvaluatedRead,
} from '../sheets';

/** What-if results: the assumptions as understood, and the timelines of the partners they touch. */
export interface WhatIfReport {
  readonly assumptions: Assumptions;
  readonly timeline: Timeline;
}

/** The JSON document printed by --json (fields may be added; docs/competency.schema.json describes it). */
export interface JsonDocument {
  readonly asOf: string;
  readonly rulebook: string;
  readonly partners: readonly unknown[];
  readonly issues: readonly unknown[];
  /**
   * Notes on the evaluation as a whole: each note's fields (code, ...) and its message. Code
   * "as-of.no-counted-revenue" has `latest`: no counted row lies in the window, evaluate as of it?
   */
  readonly notes: readonly unknown[];
  /** Only with --assume-pass / --assume-revenue. */
  readonly whatIf?: unknown;
}

/** US$ from cents, exact to the cent (a float with at most two decimals). */
const usd = (cents: number): number => Math.round(cents) / 100;

/** A level's requirements with money in US$ (the field names say the unit) and counts as counts. */
function requirementsJson(r: LevelRequirements): unknown {
  const counted = (x: RequirementResult): unknown => ({ id: x.id, required: x.required, actual: x.actual, met: x.met });
  return {
    level: r.level,
    met: r.met,
    revenue: { id: r.revenue.id, requiredUsd: usd(r.revenue.required), actualUsd: usd(r.revenue.actual), met: r.revenue.met },
    applicationDeployment: counted(r.applicationDeployment),
    customization: counted(r.customization),
    individuals: counted(r.individuals),
  };
}

function personPlanJson(item: PersonPlan, locale: Locale): unknown {
  return {
    person: item.newPerson !== null ? t(locale, 'plan.newIndividual', { n: item.newPerson }) : item.person,
    newPerson: item.newPerson,
    exams: item.exams.map((e) => ({ role: e.role, anyOf: e.anyOf })),
    ...(item.by !== null ? { by: item.by } : {}),
    text: personPlanText(item, locale),
  };
}

/** A next step as docs/rules.md 15 shows it, with its sentence. */
function nextStepJson(step: NextStep, locale: Locale): unknown {
  const exams = step.exams.map((e) => personPlanJson(e, locale));
  if (step.kind === 'keep') {
    return {
      kind: 'keep', level: step.level, until: step.until, cause: step.cause,
      revenue: step.revenue.map((r) => ({ month: r.month, by: r.by, totalUsd: usd(r.totalCents) })), exams, text: stepText(step, locale),
    };
  }
  return { kind: 'reach', level: step.level, revenueUsd: usd(step.revenueCents), exams, reachedOn: step.reachedOn, text: stepText(step, locale) };
}

function partnerJson(p: PartnerStatus, steps: PartnerNextSteps | undefined, locale: Locale): unknown {
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
    ttmRevenueUsd: usd(p.ttmRevenueCents),
    revenueMet: p.revenueMet,
    examsMet: p.examsMet,
    requirements: { silver: requirementsJson(p.requirements.silver), gold: requirementsJson(p.requirements.gold) },
    holdsUntil: p.holdsUntil,
    holdsUntilCause: p.holdsUntilCause,
    nextStep: nextStepText(steps, locale),
    nextSteps: (steps?.steps ?? []).map((s) => nextStepJson(s, locale)),
    nextLevel: next,
    revenueGapUsd: next ? usd(p.revenueGapCents[next]) : 0,
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
}

/**
 * The --json document: every partner with its next steps, the notes, and every data issue with
 * the partner it belongs to (partnerId, null when none).
 * @example JSON.stringify(jsonDocument(run, nextStepsOf(run), "en-US"))
 * @throws nothing
 */
export function jsonDocument(
  run: Pick<EvaluatedRead, 'evaluation' | 'issues' | 'issuePartners'>, nextSteps: readonly PartnerNextSteps[], locale: Locale, whatIf?: WhatIfReport,
): JsonDocument {
  const { evaluation, issues, issuePartners } = run;
  return {
    ...(whatIf ? { whatIf: whatIfJson(whatIf) } : {}),
    asOf: evaluation.asOf,
    rulebook: evaluation.rulebook,
    partners: evaluation.partners.map((p, i) => partnerJson(p, nextSteps[i], locale)),
    notes: evaluation.notes.map((n) => ({ ...n, message: noteText(n, locale) })),
    issues: issues.map((i, k) => ({
      severity: i.severity, table: i.table, sheet: i.sheet, row: i.row, column: i.column, cell: i.cell, code: i.code, message: i.message,
      partnerId: evaluation.partners[issuePartners[k] ?? -1]?.partnerId ?? null,
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
    t(locale, 'cli.issues', issueCountTexts(locale, errors, issues.length - errors)),
    ...asOfLines(evaluation, locale),
    '',
  ].join('\n');
}

/** The as-of hint, when there is one: what it says, and the flag that follows it. */
function asOfLines(evaluation: Evaluation, locale: Locale): string[] {
  const hint = asOfHint(evaluation);
  return hint ? ['', noteText(hint, locale), t(locale, 'cli.asOfHint', { latest: hint.latest })] : [];
}

/** The --json form of what-if results: per partner touched, its outlook and the forecast months. */
function whatIfJson(w: WhatIfReport): unknown {
  return {
    assumptions: {
      passes: (w.assumptions.passes ?? []).map((a) => ({ partnerId: a.partnerId ?? null, individual: a.individual, exam: a.exam, date: a.date })),
      revenue: (w.assumptions.revenue ?? []).map((a) => ({ partnerId: a.partnerId ?? null, month: a.month, amountUsd: usd(a.amountCents) })),
    },
    partners: w.timeline.partners.map((p) => ({
      partnerId: p.partnerId,
      level: p.outlook.level,
      holdsUntil: p.outlook.holdsUntil,
      holdsUntilCause: p.outlook.holdsUntilCause,
      rises: p.outlook.rises,
      forecast: p.points.filter((x) => x.kind !== 'past').map((x) => ({ month: x.month, date: x.date, level: x.level, ttmRevenueUsd: usd(x.ttmRevenueCents) })),
    })),
  };
}

/**
 * The what-if lines printed after the summary: one per partner an assumption touches.
 * @example io.stdout(whatIfSummary(report, "en-US")) // "What if (1 assumption, ...):\nP1  None now; Silver from 2018-04-01 until 2018-12-31"
 */
export function whatIfSummary(w: WhatIfReport, locale: Locale): string {
  const count = (w.assumptions.passes?.length ?? 0) + (w.assumptions.revenue?.length ?? 0);
  return [
    t(locale, 'cli.whatIf', { count }),
    ...w.timeline.partners.map((p) => `${p.partnerId ?? t(locale, 'status.oneOrganisation')}  ${outlookText(p.outlook, locale)}`),
    '',
  ].join('\n');
}
