/**
 * What the CLI prints: a readable summary per partner, or the JSON document of docs/rules.md 14.
 * Only presentation: every figure comes from the evaluation.
 */
import type {
  Assumptions, Evaluation, LevelRequirements, NextStep, PartnerNextSteps, PartnerStatus, PersonPlan, RequirementResult, Timeline,
} from '../core';
import { formatUsd, issueCountTexts, t, type Locale } from '../i18n';
import {
  asOfHint, nextStepText, noteText, outlookText, personPlanText, planSteps, planText, stepText, type Run,
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
function nextStepJson(step: NextStep, locale: Locale): { readonly text: string; readonly [field: string]: unknown } {
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
  // The next step's sentence is the first step's (nextStepText), said once.
  const nextSteps = (steps?.steps ?? []).map((s) => nextStepJson(s, locale));
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
    nextStep: nextSteps[0]?.text ?? '',
    nextSteps,
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
 * @example JSON.stringify(jsonDocument(run, run.nextSteps(), "en-US"))
 * @throws nothing
 */
export function jsonDocument(
  run: Pick<Run, 'evaluation' | 'issues' | 'issuePartners'>, nextSteps: readonly PartnerNextSteps[], locale: Locale, whatIf?: WhatIfReport,
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

/** What the next level still needs: its revenue gap and exam plan, one item per person. */
function missing(p: PartnerStatus, steps: PartnerNextSteps | undefined, locale: Locale): string {
  const next = p.nextLevel;
  if (!next) return t(locale, 'cli.nothingMissing');
  const parts: string[] = [];
  if (!p.requirements[next].revenue.met) parts.push(t(locale, 'cli.missingRevenue', { amount: formatUsd(p.revenueGapCents[next], locale, 'when-not-whole') }));
  const plan = p.examPlans[next];
  const people = steps?.steps.find((s) => s.kind === 'reach')?.exams.map((e) => personPlanText(e, locale)).join('; ') ?? planText(plan, locale);
  if (plan.length > 0) parts.push(`${t(locale, 'cli.missingExams', { count: plan.length })}: ${people}`);
  return t(locale, 'cli.missingFor', { level: t(locale, `level.${next}`), what: parts.join('; ') });
}

/** East Asian characters, which take two terminal columns. */
const WIDE_CHAR = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
/** Any UTF-16 unit from U+1100 on (surrogates included): text without one is one column a character. */
const PAST_NARROW = /[\u1100-\uffff]/;

/**
 * Width of text in a terminal: East Asian characters take two columns, every other character one.
 * @example terminalWidth("4000001 Contoso") === 15; terminalWidth("銀級") === 4
 * @throws never
 */
export function terminalWidth(s: string): number {
  // Most cells are Latin text and digits: one test of the whole text instead of one a character
  // (the summary of 10,000 partners measures over a million characters, twice).
  if (!PAST_NARROW.test(s)) return s.length;
  let w = 0;
  for (const ch of s) w += WIDE_CHAR.test(ch) ? 2 : 1;
  return w;
}
const width = terminalWidth;
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));

/** Text cut to `n` terminal columns, ending in "…" when cut. */
function cut(s: string, n: number): string {
  if (width(s) <= n) return s;
  let out = '', w = 0;
  for (const ch of s) {
    const cw = width(ch);
    if (w + cw > n - 1) break;
    out += ch; w += cw;
  }
  return `${out}…`;
}

/** How the summary is laid out. */
export interface SummaryOptions {
  /** Terminal width in columns (default 100). */
  readonly width?: number | undefined;
  /** Cells in full, however wide the table gets, and the Missing for next level column. */
  readonly wide?: boolean | undefined;
  /** Every data issue instead of the first 10. */
  readonly allIssues?: boolean | undefined;
}

/**
 * Columns a narrow terminal shrinks, in the order they give way, and how far: the partner's name
 * first (its id stays readable), then the missing-for-next-level text, then the next step.
 */
const FLEX: readonly (readonly [string, number])[] = [['partner', 12], ['missing', 16], ['next', 16]];

/** Column widths that fit `total` columns: the flexible ones give way in FLEX order. */
function fitWidths(keys: readonly string[], natural: readonly number[], total: number): number[] {
  const widths = [...natural];
  let over = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1) - total;
  for (const [key, least] of FLEX) {
    const i = keys.indexOf(key);
    if (over <= 0 || i < 0) continue;
    const give = Math.min(over, Math.max(0, (widths[i] ?? 0) - least));
    widths[i] = (widths[i] ?? 0) - give;
    over -= give;
  }
  return widths;
}

/** A partner's cells of the summary table, by column key. */
function partnerCells(p: PartnerStatus, steps: PartnerNextSteps | undefined, locale: Locale): Record<string, string> {
  const market = t(locale, `market.${p.market}`);
  return {
    partner: p.partnerId === null ? t(locale, 'status.oneOrganisation') : p.name ? `${p.partnerId} ${p.name}` : p.partnerId,
    market: p.marketSource === 'default' ? t(locale, 'cli.marketAssumed', { market }) : market,
    level: t(locale, `level.${p.level}`),
    ttm: `US$ ${formatUsd(p.ttmRevenueCents, locale, 'when-not-whole')}`,
    holds: p.holdsUntil ? `${p.holdsUntil}${p.atRisk ? ` (${t(locale, 'cli.atRisk')})` : ''}` : '-',
    cause: p.holdsUntilCause ? t(locale, `cli.cause.${p.holdsUntilCause}`) : '',
    next: nextStepText(steps, locale),
    missing: missing(p, steps, locale),
  };
}

/**
 * The default summary: one line per partner (partner, market, level, TTM revenue, holds-until
 * and its cause, the next step), fitted to the terminal width; the counts of levels; the first
 * data issues with their partner and cell; the notes (an assumed market is always said).
 * @example process.stdout.write(summary(run, run.nextSteps(), "en-US", { width: 100 }))
 * @throws nothing
 */
export function summary(
  run: Pick<Run, 'evaluation' | 'issues' | 'issuePartners'>, nextSteps: readonly PartnerNextSteps[], locale: Locale, options: SummaryOptions = {},
): string {
  const { evaluation, issues } = run;
  const keys = ['partner', 'market', 'level', 'ttm', 'holds', 'cause', 'next', ...(options.wide ? ['missing'] : [])];
  const headers: Record<string, string> = {
    partner: t(locale, 'cli.partner'), market: t(locale, 'cli.market'), level: t(locale, 'cli.level'), ttm: t(locale, 'cli.ttmRevenue'),
    holds: t(locale, 'cli.holdsUntil'), cause: t(locale, 'cli.cause'), next: t(locale, 'next.column'), missing: t(locale, 'cli.missing'),
  };
  const rows = evaluation.partners.map((p, i) => partnerCells(p, nextSteps[i], locale));
  const natural = keys.map((k) => Math.max(width(headers[k] ?? ''), ...rows.map((r) => width(r[k] ?? ''))));
  const widths = options.wide ? natural : fitWidths(keys, natural, options.width ?? 100);
  const line = (cells: Record<string, string>): string => keys.map((k, i) => {
    const text = options.wide ? (cells[k] ?? '') : cut(cells[k] ?? '', widths[i] ?? 0);
    return i === keys.length - 1 ? text : pad(text, widths[i] ?? 0);
  }).join('  ').trimEnd();
  const errors = issues.filter((i) => i.severity === 'error').length;
  return [
    t(locale, 'cli.asOfLine', { asOf: evaluation.asOf, rulebook: evaluation.rulebook }),
    '',
    line(headers),
    ...rows.map(line),
    '',
    countsLine(evaluation, locale),
    '',
    t(locale, 'cli.issues', issueCountTexts(locale, errors, issues.length - errors)),
    ...issueLines(run, locale, options),
    // An assumed market decides the thresholds: always said, if not among the issues listed.
    ...evaluation.notes.filter((n) => n.code === 'market.assumed-developed' && !issues.slice(0, options.allIssues ? undefined : 10).some((i) => i.code === n.code))
      .map((n) => noteText(n, locale)),
    ...asOfLines(evaluation, locale),
    '',
  ].join('\n');
}

/** "3 Gold, 4 Silver, 3 none; 1 at risk". */
function countsLine(evaluation: Evaluation, locale: Locale): string {
  const n = { gold: 0, silver: 0, none: 0, atRisk: 0 };
  for (const p of evaluation.partners) { n[p.level]++; if (p.atRisk) n.atRisk++; }
  return t(locale, 'cli.counts', n);
}

/** The first 10 data issues (all with --issues): partner, sheet!cell, message; then how many more. */
function issueLines(run: Pick<Run, 'evaluation' | 'issues' | 'issuePartners'>, locale: Locale, options: SummaryOptions): string[] {
  const shown = options.allIssues ? run.issues.length : Math.min(10, run.issues.length);
  const lines: string[] = [];
  for (let k = 0; k < shown; k++) {
    const i = run.issues[k];
    if (!i) continue;
    const partner = run.evaluation.partners[run.issuePartners[k] ?? -1]?.partnerId ?? '-';
    const cell = i.sheet !== null && i.cell !== null ? `${i.sheet}!${i.cell}` : i.sheet;
    lines.push(`  ${cell === null ? i.message : t(locale, 'cli.issueLine', { partner, cell, message: i.message })}`);
  }
  if (shown < run.issues.length) lines.push(`  ${t(locale, 'cli.moreIssues', { count: run.issues.length - shown })}`);
  return lines;
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
 * @throws never
 */
export function whatIfSummary(w: WhatIfReport, locale: Locale): string {
  const count = (w.assumptions.passes?.length ?? 0) + (w.assumptions.revenue?.length ?? 0);
  return [
    t(locale, 'cli.whatIf', { count }),
    ...w.timeline.partners.map((p) => `${p.partnerId ?? t(locale, 'status.oneOrganisation')}  ${outlookText(p.outlook, locale)}`),
    '',
  ].join('\n');
}
