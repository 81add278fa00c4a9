/**
 * The MPN.PARTNER.* functions: answers about one partner, from the workbook session
 * (src/office/session.ts) instead of from tables passed as arguments. Their arguments are small
 * (a partner id, and optionally a level, the market and the as-of date), so Excel serializes a
 * few bytes per call whatever the size of the tables, where MPN.LEVEL(Revenue[#All], ...) ships
 * the whole revenue table on every call (and fails past Excel's 5 MB). They stream: each
 * invocation subscribes to the session and pushes a new value when an evaluation changes it;
 * Excel's onCanceled (the cell edited or cleared, the arguments changed, a full recalculation)
 * unsubscribes it. Every invocation with the same as-of and market shares one evaluation.
 *
 * This file is pure apart from the streaming glue: a snapshot in, a value or FunctionError out.
 */
import type { AttainableLevel, PartnerStatus } from '../core';
import { formatUsd, t, type Locale } from '../i18n';
import type { LiveEvaluation, LiveSnapshot, SessionState, WorkbookSession } from '../office/session';
import { cellText, cellValue, nextStepText, planText, timelineTable, type Cell } from '../sheets';
import { FunctionError, LEVEL_TEXT, asOfArg, levelArg, marketArg, plainCell, type CallContext } from './logic';

function omitted(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function requireTables(s: LiveSnapshot, locale: Locale): void {
  for (const kind of s.read.missing) throw new FunctionError('value', t(locale, `issue.table.${kind}-missing`));
}

/** The evaluation the arguments ask for, shared by every call with the same as-of and market. */
function evaluationFor(s: LiveSnapshot, market: unknown, asOf: unknown, ctx: CallContext): LiveEvaluation {
  requireTables(s, ctx.locale);
  return s.evaluation(asOfArg(asOf, ctx), marketArg(market));
}

/**
 * A partner of the session's evaluation: by id, or the only one when the workbook has no
 * partner ids (one organisation).
 * @example partnerFrom(snapshot, "P1", null, null, ctx).level === "gold"
 * @throws FunctionError: no id (#VALUE!), or no rows for that id (#N/A).
 */
export function partnerFrom(s: LiveSnapshot, partnerId: unknown, market: unknown, asOf: unknown, ctx: CallContext): PartnerStatus {
  const ev = evaluationFor(s, market, asOf, ctx);
  const raw = cellValue(partnerId);
  if (omitted(raw)) {
    const only = ev.run.evaluation.partners;
    if (only.length === 1) return only[0] as PartnerStatus;
    throw new FunctionError('value', t(ctx.locale, 'live.error.partnerId'));
  }
  const id = cellText(raw as Cell);
  const p = ev.partner(id);
  if (!p) throw new FunctionError('na', t(ctx.locale, 'live.error.partner', { id }));
  return p;
}

/** MPN.PARTNER.LEVEL: "Gold", "Silver" or "None". @example liveLevel(s, "P1", null, null, ctx) === "Gold" @throws FunctionError (see partnerFrom). */
export function liveLevel(s: LiveSnapshot, partnerId: unknown, market: unknown, asOf: unknown, ctx: CallContext): string {
  return LEVEL_TEXT[partnerFrom(s, partnerId, market, asOf, ctx).level];
}

/** MPN.PARTNER.TTMREVENUE: counted revenue of the 12-month window, US$. @example liveTtmRevenue(s, "P1", null, null, ctx) === 320000 @throws FunctionError (see partnerFrom). */
export function liveTtmRevenue(s: LiveSnapshot, partnerId: unknown, market: unknown, asOf: unknown, ctx: CallContext): number {
  return partnerFrom(s, partnerId, market, asOf, ctx).ttmRevenueCents / 100;
}

/** MPN.PARTNER.REVENUEGAP: US$ still needed for a level (default: the next level by revenue); 0 when met. @example liveRevenueGap(s, "P2", "Gold", null, null, ctx) === 30000 @throws FunctionError (see partnerFrom, levelArg). */
export function liveRevenueGap(s: LiveSnapshot, partnerId: unknown, level: unknown, market: unknown, asOf: unknown, ctx: CallContext): number {
  const lvl = levelArg(level, false);
  const p = partnerFrom(s, partnerId, market, asOf, ctx);
  return p.revenueGapCents[lvl ?? (p.revenueMet.silver ? 'gold' : 'silver')] / 100;
}

/** MPN.PARTNER.EXAMSMET: whether a level's exam requirement is met. @example liveExamsMet(s, "P1", "Gold", null, null, ctx) === true @throws FunctionError (see partnerFrom, levelArg). */
export function liveExamsMet(s: LiveSnapshot, partnerId: unknown, level: unknown, market: unknown, asOf: unknown, ctx: CallContext): boolean {
  const lvl = levelArg(level, true) as AttainableLevel;
  return partnerFrom(s, partnerId, market, asOf, ctx).examsMet[lvl];
}

/** MPN.PARTNER.EXAMPLAN: the fewest passes, by whom, that meet a level's exams (default: the lowest not met). @example liveExamPlan(s, "P2", "Gold", null, null, ctx) @throws FunctionError (see partnerFrom, levelArg). */
export function liveExamPlan(s: LiveSnapshot, partnerId: unknown, level: unknown, market: unknown, asOf: unknown, ctx: CallContext): string {
  const lvl = levelArg(level, false);
  const p = partnerFrom(s, partnerId, market, asOf, ctx);
  const plan = p.examPlans[lvl ?? (p.examsMet.silver ? 'gold' : 'silver')];
  return plan.length === 0 ? t(ctx.locale, 'plan.none') : planText(plan, ctx.locale);
}

/** MPN.PARTNERS.STATUS: the Competency Status table of the session's workbook, to spill. @example liveStatus(s, null, null, ctx)[0][0] === "Partner ID" @throws FunctionError when a required table is missing. */
export function liveStatus(s: LiveSnapshot, market: unknown, asOf: unknown, ctx: CallContext): (string | number | boolean)[][] {
  const table = evaluationFor(s, market, asOf, ctx).run.status();
  return [table.columns.map((c) => c.header), ...table.rows.map((row) => row.map(plainCell))];
}

/** MPN.PARTNERS.TIMELINE: the Competency Timeline table, of one partner or (no id) all, to spill. @example liveTimeline(s, "P1", null, null, ctx).length === 38 @throws FunctionError (see partnerFrom). */
export function liveTimeline(s: LiveSnapshot, partnerId: unknown, market: unknown, asOf: unknown, ctx: CallContext): (string | number | boolean)[][] {
  const { run } = evaluationFor(s, market, asOf, ctx);
  const only = omitted(cellValue(partnerId)) ? undefined : [partnerFrom(s, partnerId, market, asOf, ctx).partnerId];
  const table = timelineTable(run.timeline(only), ctx.locale);
  return [table.columns.map((c) => c.header), ...table.rows.map((row) => row.map(plainCell))];
}

/** Core's next step for a partner of an evaluation, in one sentence ("" when it has none). */
function nextStepOf(ev: LiveEvaluation, p: PartnerStatus, locale: Locale): string {
  return nextStepText(ev.run.nextSteps([p.partnerId])[0], locale);
}

/**
 * MPN.PARTNER.NEXTSTEP: what keeps the partner's level past holds-until, or reaches the next one,
 * in one sentence (core's next steps, as the Competency Status sheet's Next step column says it).
 * @example liveNextStep(s, "1004", null, "2018-06-30", ctx) === "Book US$ 23,000 of DPOR revenue by 31 Aug 2018 to keep Silver"
 * @throws FunctionError (see partnerFrom).
 */
export function liveNextStep(s: LiveSnapshot, partnerId: unknown, market: unknown, asOf: unknown, ctx: CallContext): string {
  const p = partnerFrom(s, partnerId, market, asOf, ctx);
  return nextStepOf(evaluationFor(s, market, asOf, ctx), p, ctx.locale);
}

/** Each requirement met or not, Silver's then Gold's, as [label, met]. */
function requirementsOf(p: PartnerStatus, locale: Locale): [string, boolean][] {
  return (['silver', 'gold'] as const).flatMap((l): [string, boolean][] => {
    const level = t(locale, `level.${l}`);
    return [[t(locale, 'card.revenueFor', { level }), p.revenueMet[l]], [t(locale, 'card.examsFor', { level }), p.examsMet[l]]];
  });
}

/** An Excel data-types value (ExcelApi 1.16 JSON schema), as a custom function returns it. */
export type CardValue = Readonly<Record<string, unknown>>;

/**
 * MPN.PARTNER.CARD: the partner as an entity value whose card shows the level, TTM revenue
 * against both thresholds, each requirement met or not, holds-until and the next step; as one
 * line of text where Excel has no data types (`entities` false, decided at run time).
 * @example liveCard(s, "P1", null, null, ctx, true).type === "Entity"
 * @throws FunctionError (see partnerFrom).
 */
export function liveCard(s: LiveSnapshot, partnerId: unknown, market: unknown, asOf: unknown, ctx: CallContext, entities: boolean): CardValue | string {
  const p = partnerFrom(s, partnerId, market, asOf, ctx);
  const L = ctx.locale;
  const name = p.name ? `${p.partnerId ?? ''} ${p.name}`.trim() : (p.partnerId ?? '');
  const level = t(L, `level.${p.level}`);
  const holds = p.holdsUntil ?? t(L, 'card.none');
  const reqs = requirementsOf(p, L);
  const next = nextStepOf(evaluationFor(s, market, asOf, ctx), p, L) || t(L, 'card.none');
  if (!entities) {
    const requirements = reqs.map(([label, met]) => `${label}: ${t(L, met ? 'card.met' : 'card.notMet')}`).join(', ');
    return t(L, 'card.text', {
      partner: name, level, ttm: formatUsd(p.ttmRevenueCents, L, 'when-not-whole'), silver: formatUsd(p.thresholdsCents.silver, L, 'when-not-whole'),
      gold: formatUsd(p.thresholdsCents.gold, L, 'when-not-whole'), requirements, holds, next,
    });
  }
  const text = (v: string): CardValue => ({ type: 'String', basicValue: v });
  const usd = (cents: number): CardValue => ({ type: 'FormattedNumber', basicValue: cents / 100, numberFormat: '#,##0.00' });
  const labels = { partner: t(L, 'card.partner'), level: t(L, 'card.level'), ttm: t(L, 'card.ttm'), holds: t(L, 'card.holdsUntil'), next: t(L, 'card.nextStep') };
  const thresholds = (['silver', 'gold'] as const).map((l) => [t(L, 'card.threshold', { level: t(L, `level.${l}`) }), usd(p.thresholdsCents[l])] as const);
  const properties: Record<string, CardValue> = {
    [labels.partner]: text(name), [labels.level]: text(level), [labels.ttm]: usd(p.ttmRevenueCents), ...Object.fromEntries(thresholds),
    ...Object.fromEntries(reqs.map(([label, met]) => [label, text(t(L, met ? 'card.met' : 'card.notMet'))])),
    [labels.holds]: text(holds), [labels.next]: text(next),
  };
  return {
    type: 'Entity', text: `${name}: ${level}`, properties,
    layouts: { card: { title: { property: labels.partner }, sections: [
      { layout: 'List', properties: [labels.level, labels.ttm, ...thresholds.map(([k]) => k)] },
      { layout: 'List', title: t(L, 'card.requirements'), properties: reqs.map(([label]) => label) },
      { layout: 'List', properties: [labels.holds, labels.next] },
    ] } },
  };
}

/** An error value as a cell shows it (CustomFunctions.Error in Excel). */
export interface ErrorValue { readonly message?: string | undefined }

/** What Excel's StreamingInvocation offers (CustomFunctionsRuntime 1.1). */
export interface Invocation<T, E extends ErrorValue> {
  setResult(value: T | E): void;
  onCanceled?: () => void;
}

/**
 * Streams `compute` over the session: a value now (once the first read is done), a new one
 * each time an evaluation changes it (equal values are not pushed again), an error value while
 * the session cannot answer; onCanceled unsubscribes.
 * @example streamFrom(session, invocation, (s) => liveLevel(s, "P1", null, null, ctx), toExcelError)
 * @throws never: errors of `compute` become error values.
 */
export function streamFrom<T, E extends ErrorValue>(session: WorkbookSession, invocation: Invocation<T, E>, compute: (s: LiveSnapshot) => T, toError: (e: unknown) => E): void {
  let last: string | undefined;
  const push = (state: SessionState): void => {
    if (state.kind === 'starting') return; // Excel shows #BUSY! until the first result
    let value: T | E, key: string;
    try {
      if (state.kind === 'error') throw new FunctionError('value', state.message);
      value = compute(state);
      key = `v${JSON.stringify(value)}`;
    } catch (e) {
      value = toError(e);
      key = `e${value.message ?? ''}`;
    }
    if (key === last) return;
    last = key;
    invocation.setResult(value);
  };
  const stop = session.subscribe(push);
  invocation.onCanceled = stop;
  push(session.current());
  void session.start();
}
