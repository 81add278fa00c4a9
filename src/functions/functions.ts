/**
 * Excel custom functions (namespace MPN, docs/rules.md 13). Each is a one-line wrapper over logic.ts
 * (which reads ranges with src/sheets and evaluates with src/core); this file only turns
 * FunctionError into Excel's #VALUE! / #N/A with a message. The JSDoc tags below are what
 * custom-functions-metadata turns into functions.json, and the build appends the
 * CustomFunctions.associate calls, so the names here must stay top-level functions.
 */
/* global CustomFunctions */
/* eslint-disable @typescript-eslint/no-explicit-any -- custom-functions-metadata reads `any` as Excel type "any"; values are checked in logic.ts */
import { isoFromLocalDate } from '../core';
import { describeError, isLocaleLoaded, loadLocale, LocalizedError, resolveLocale, type Locale } from '../i18n';
import * as logic from './logic';
import * as live from './live';
import type { LiveSnapshot, WorkbookSession } from '../office/session';

function context(): logic.CallContext {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return { locale: resolveLocale(office?.context?.displayLanguage), today: () => isoFromLocalDate(new Date()) };
}

/** Runs a function body, turning our errors into Excel errors and anything unexpected into #VALUE!. */
function run<T>(body: (ctx: logic.CallContext) => T, ctx: logic.CallContext): T {
  try {
    return body(ctx);
  } catch (e) {
    const message = e instanceof LocalizedError ? e.describe(ctx.locale) : e instanceof Error ? e.message : String(e);
    const code = e instanceof logic.FunctionError && e.kind === 'na' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    throw new CustomFunctions.Error(code, message);
  }
}

/**
 * Runs a function body in Excel's display language. In the add-in's page each language but
 * English is a chunk fetched on first use (src/i18n/catalogues.lazy.ts): a call that comes before
 * it arrives waits for it, and so answers "Keine", not "None" (in English if the chunk cannot load). functions.json has no async flag
 * for this; Excel awaits a Promise returned by any custom function, which is how Microsoft's
 * asynchronous custom functions return. Once loaded (and always in Node), the answer is direct.
 */
function call<T>(body: (ctx: logic.CallContext) => T): T {
  const ctx = context();
  if (isLocaleLoaded(ctx.locale)) return run(body, ctx);
  // The declared type stays T so that custom-functions-metadata keeps each result's type and
  // dimensionality (a union with Promise<T> makes it "any", scalar).
  const english: logic.CallContext = { ...ctx, locale: 'en-US' };
  const later: Promise<T> = loadLocale(ctx.locale).then(() => run(body, ctx), () => loadLocale('en-US').then(() => run(body, english)));
  return later as unknown as T;
}

// Fetch the display language as soon as Office knows it, so that few calls (or none) wait.
// Only in Excel: outside it (the pane in a browser) Office's display language is not the pane's.
const office = (globalThis as { Office?: { onReady?: () => Promise<{ host?: unknown } | undefined> } }).Office;
if (typeof office?.onReady === 'function') void office.onReady().then((info) => (info?.host ? loadLocale(context().locale) : undefined)).catch(() => undefined);

/**
 * The Cloud CRM competency level of a partner: Gold, Silver or None.
 * @customfunction LEVEL
 * @param revenue Revenue table with its header row (Product, Date, Amount, DPOR, ...).
 * @param certifications Certification table with its header row (Individual, Exam, Date passed, ...).
 * @param [market] Developed or Developing (default: Developed).
 * @param [asOf] As-of date (default: today).
 * @param [partnerId] Partner to evaluate when the tables hold several.
 * @returns Gold, Silver or None.
 */
export function level(revenue: any[][], certifications: any[][], market?: string, asOf?: any, partnerId?: any): string {
  return call((ctx) => logic.level(revenue, certifications, market, asOf, partnerId, ctx));
}

/**
 * Eligible DPOR revenue in the trailing twelve months to the as-of date, in US$.
 * @customfunction TTMREVENUE
 * @param revenue Revenue table with its header row.
 * @param [asOf] As-of date (default: today).
 * @param [partnerId] Partner to evaluate when the table holds several.
 * @returns TTM revenue in US$.
 */
export function ttmRevenue(revenue: any[][], asOf?: any, partnerId?: any): number {
  return call((ctx) => logic.ttmRevenue(revenue, asOf, partnerId, ctx));
}

/**
 * US$ of revenue still needed for a level (0 when met).
 * @customfunction REVENUEGAP
 * @param revenue Revenue table with its header row.
 * @param [level] Silver or Gold (default: the next level by revenue).
 * @param [market] Developed or Developing (default: Developed).
 * @param [asOf] As-of date (default: today).
 * @param [partnerId] Partner to evaluate when the table holds several.
 * @returns Revenue still needed, in US$.
 */
export function revenueGap(revenue: any[][], level?: string, market?: string, asOf?: any, partnerId?: any): number {
  return call((ctx) => logic.revenueGap(revenue, level, market, asOf, partnerId, ctx));
}

/**
 * Whether a level's exam requirement is met by distinct individuals.
 * @customfunction EXAMSMET
 * @param certifications Certification table with its header row.
 * @param level Silver or Gold.
 * @param [asOf] As-of date (default: today).
 * @param [partnerId] Partner to evaluate when the table holds several.
 * @returns TRUE when the exam requirement is met.
 */
export function examsMet(certifications: any[][], level: string, asOf?: any, partnerId?: any): boolean {
  return call((ctx) => logic.examsMet(certifications, level, asOf, partnerId, ctx));
}

/**
 * The fewest exam passes, and by whom, that would meet a level's exam requirement.
 * @customfunction EXAMPLAN
 * @param certifications Certification table with its header row.
 * @param [level] Silver or Gold (default: the lowest level not met).
 * @param [asOf] As-of date (default: today).
 * @param [partnerId] Partner to evaluate when the table holds several.
 * @returns The exam plan as text.
 */
export function examPlan(certifications: any[][], level?: string, asOf?: any, partnerId?: any): string {
  return call((ctx) => logic.examPlan(certifications, level, asOf, partnerId, ctx));
}

/**
 * The partner's next step in one sentence: what keeps its level, or what reaches the next one.
 * @customfunction NEXTSTEP
 * @param revenue Revenue table with its header row.
 * @param certifications Certification table with its header row.
 * @param [market] Developed or Developing (default: Developed).
 * @param [asOf] As-of date (default: today).
 * @param [partnerId] Partner to evaluate when the tables hold several.
 * @returns One sentence, e.g. "Book US$ 23,000 of DPOR revenue by 31 Aug 2018 to keep Silver".
 */
export function nextStep(revenue: any[][], certifications: any[][], market?: string, asOf?: any, partnerId?: any): string {
  return call((ctx) => logic.nextStep(revenue, certifications, market, asOf, partnerId, ctx));
}

/**
 * The competency status of every partner, as a table that spills (same columns as the Competency Status sheet).
 * @customfunction STATUS
 * @param revenue Revenue table with its header row.
 * @param certifications Certification table with its header row.
 * @param [partners] Partners table with its header row (Partner ID, Name, Market).
 * @param [asOf] As-of date (default: today).
 * @returns A header row and one row per partner.
 */
export function status(revenue: any[][], certifications: any[][], partners?: any[][], asOf?: any): any[][] {
  return call((ctx) => logic.status(revenue, certifications, partners, asOf, ctx));
}

/**
 * A partner's competency month by month, as a table that spills (same columns as the Competency Timeline sheet).
 * @customfunction TIMELINE
 * @param revenue Revenue table with its header row.
 * @param certifications Certification table with its header row.
 * @param [partnerId] Partner to show (default: every partner).
 * @param [asOf] As-of date (default: today).
 * @returns A header row and one row per partner and month: 24 months back, the as-of month, 12 ahead.
 */
export function timeline(revenue: any[][], certifications: any[][], partnerId?: any, asOf?: any): any[][] {
  return call((ctx) => logic.timeline(revenue, certifications, partnerId, asOf, ctx));
}

/**
 * The role an exam fills for the competency: application, deployment or customization.
 * @customfunction EXAMROLE
 * @param exam Exam code or title, such as MB2-714.
 * @param [asOf] As-of date (default: today).
 * @returns application, deployment or customization.
 */
export function examRole(exam: string, asOf?: any): string {
  return call((ctx) => logic.examRoleOf(exam, asOf, ctx));
}

// --- MPN.PARTNER.* and MPN.PARTNERS.*: answers from the workbook session (src/functions/live.ts).

/** Office's requirement-set check, where office.js is loaded (false elsewhere). */
function supports(set: string, version: string): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (s: string, v: string) => boolean } } } }).Office;
  return office?.context?.requirements?.isSetSupported?.(set, version) === true;
}

/**
 * The workbook's session, shared with the task pane (made on the first live call). Loaded on first
 * use: the Office adapter and the session stay out of the JavaScript Excel loads at start.
 */
async function session(): Promise<WorkbookSession> {
  const { WorkbookSession: Session, sharedSession } = await import(/* webpackChunkName: "excel" */ '../office/session');
  return sharedSession(() => new Session({ run: (batch) => Excel.run(batch), locale: context().locale, supports }));
}

/** Our errors as Excel's error values (#N/A for "no such partner", #VALUE! otherwise), in the display language. */
function excelError(e: unknown, locale: Locale): CustomFunctions.Error {
  const message = describeError(e, locale);
  const code = e instanceof logic.FunctionError && e.kind === 'na' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, message);
}

/** Streams one answer from the session to a cell (see live.streamFrom). */
function streamLive<T>(invocation: live.Invocation<T, CustomFunctions.Error>, compute: (s: LiveSnapshot, ctx: logic.CallContext) => T): void {
  const ctx = context();
  // As call(): the display language's messages first (a chunk of their own in the add-in's page).
  const language = isLocaleLoaded(ctx.locale) ? undefined : loadLocale(ctx.locale).catch(() => loadLocale('en-US')).catch(() => undefined);
  void Promise.all([session(), language]).then(([shared]) => live.streamFrom(shared, invocation, (s) => compute(s, ctx), (e) => excelError(e, ctx.locale)));
}

/**
 * A partner's Cloud CRM competency level, from the tables found in this workbook; updates itself when they change.
 * @customfunction PARTNER.LEVEL
 * @param partnerId Partner ID, as in the revenue table.
 * @param [market] Developed or Developing (default: the partners table, else Developed).
 * @param [asOf] As-of date (default: today).
 * @param {CustomFunctions.StreamingInvocation<string>} invocation Excel's invocation.
 * @returns Gold, Silver or None.
 */
export function partnerLevel(partnerId: any, market: any, asOf: any, invocation: CustomFunctions.StreamingInvocation<string>): void {
  streamLive(invocation, (s, ctx) => live.liveLevel(s, partnerId, market, asOf, ctx));
}

/**
 * A partner's eligible DPOR revenue in the trailing twelve months, in US$, from this workbook's tables; updates itself.
 * @customfunction PARTNER.TTMREVENUE
 * @param partnerId Partner ID, as in the revenue table.
 * @param [market] Developed or Developing (default: the partners table, else Developed).
 * @param [asOf] As-of date (default: today).
 * @param {CustomFunctions.StreamingInvocation<number>} invocation Excel's invocation.
 * @returns TTM revenue in US$.
 */
export function partnerTtmRevenue(partnerId: any, market: any, asOf: any, invocation: CustomFunctions.StreamingInvocation<number>): void {
  streamLive(invocation, (s, ctx) => live.liveTtmRevenue(s, partnerId, market, asOf, ctx));
}

/**
 * US$ of revenue a partner still needs for a level (0 when met), from this workbook's tables; updates itself.
 * @customfunction PARTNER.REVENUEGAP
 * @param partnerId Partner ID, as in the revenue table.
 * @param [level] Silver or Gold (default: the next level by revenue).
 * @param [market] Developed or Developing (default: the partners table, else Developed).
 * @param [asOf] As-of date (default: today).
 * @param {CustomFunctions.StreamingInvocation<number>} invocation Excel's invocation.
 * @returns Revenue still needed, in US$.
 */
export function partnerRevenueGap(partnerId: any, level: any, market: any, asOf: any, invocation: CustomFunctions.StreamingInvocation<number>): void {
  streamLive(invocation, (s, ctx) => live.liveRevenueGap(s, partnerId, level, market, asOf, ctx));
}

/**
 * Whether a partner meets a level's exam requirement, from this workbook's tables; updates itself.
 * @customfunction PARTNER.EXAMSMET
 * @param partnerId Partner ID, as in the certification table.
 * @param level Silver or Gold.
 * @param [market] Developed or Developing (default: the partners table, else Developed).
 * @param [asOf] As-of date (default: today).
 * @param {CustomFunctions.StreamingInvocation<boolean>} invocation Excel's invocation.
 * @returns TRUE when the exam requirement is met.
 */
export function partnerExamsMet(partnerId: any, level: any, market: any, asOf: any, invocation: CustomFunctions.StreamingInvocation<boolean>): void {
  streamLive(invocation, (s, ctx) => live.liveExamsMet(s, partnerId, level, market, asOf, ctx));
}

/**
 * The fewest exam passes, and by whom, that would meet a level's exams for a partner, from this workbook's tables; updates itself.
 * @customfunction PARTNER.EXAMPLAN
 * @param partnerId Partner ID, as in the certification table.
 * @param [level] Silver or Gold (default: the lowest level not met).
 * @param [market] Developed or Developing (default: the partners table, else Developed).
 * @param [asOf] As-of date (default: today).
 * @param {CustomFunctions.StreamingInvocation<string>} invocation Excel's invocation.
 * @returns The exam plan as text.
 */
export function partnerExamPlan(partnerId: any, level: any, market: any, asOf: any, invocation: CustomFunctions.StreamingInvocation<string>): void {
  streamLive(invocation, (s, ctx) => live.liveExamPlan(s, partnerId, level, market, asOf, ctx));
}

/**
 * What keeps a partner's level past holds-until, or reaches the next level, in one sentence, from this workbook's tables; updates itself.
 * @customfunction PARTNER.NEXTSTEP
 * @param partnerId Partner ID, as in the revenue table.
 * @param [market] Developed or Developing (default: the partners table, else Developed).
 * @param [asOf] As-of date (default: today).
 * @param {CustomFunctions.StreamingInvocation<string>} invocation Excel's invocation.
 * @returns The next step as text.
 */
export function partnerNextStep(partnerId: any, market: any, asOf: any, invocation: CustomFunctions.StreamingInvocation<string>): void {
  streamLive(invocation, (s, ctx) => live.liveNextStep(s, partnerId, market, asOf, ctx));
}

/**
 * A partner as a card in the cell: level, TTM revenue against both thresholds, each requirement, holds-until and the next step (text where Excel has no data types).
 * @customfunction PARTNER.CARD
 * @param partnerId Partner ID, as in the revenue table.
 * @param [market] Developed or Developing (default: the partners table, else Developed).
 * @param [asOf] As-of date (default: today).
 * @param {CustomFunctions.StreamingInvocation<any>} invocation Excel's invocation.
 * @returns The partner's card.
 */
export function partnerCard(partnerId: any, market: any, asOf: any, invocation: CustomFunctions.StreamingInvocation<any>): void {
  // Data types in custom functions: ExcelApi 1.16 values, CustomFunctionsRuntime 1.4 (checked now, not assumed).
  const entities = supports('ExcelApi', '1.16') && supports('CustomFunctionsRuntime', '1.4');
  streamLive(invocation, (s, ctx) => live.liveCard(s, partnerId, market, asOf, ctx, entities));
}

/**
 * The competency status of every partner in this workbook, as a table that spills; updates itself.
 * @customfunction PARTNERS.STATUS
 * @param [market] Developed or Developing (default: the partners table, else Developed).
 * @param [asOf] As-of date (default: today).
 * @param {CustomFunctions.StreamingInvocation<any[][]>} invocation Excel's invocation.
 * @returns A header row and one row per partner.
 */
export function partnersStatus(market: any, asOf: any, invocation: CustomFunctions.StreamingInvocation<any[][]>): void {
  streamLive(invocation, (s, ctx) => live.liveStatus(s, market, asOf, ctx));
}

/**
 * Month by month, one partner's competency (or every partner's), from this workbook's tables, as a table that spills; updates itself.
 * @customfunction PARTNERS.TIMELINE
 * @param [partnerId] Partner to show (default: every partner).
 * @param [market] Developed or Developing (default: the partners table, else Developed).
 * @param [asOf] As-of date (default: today).
 * @param {CustomFunctions.StreamingInvocation<any[][]>} invocation Excel's invocation.
 * @returns A header row and one row per partner and month: 24 months back, the as-of month, 12 ahead.
 */
export function partnersTimeline(partnerId: any, market: any, asOf: any, invocation: CustomFunctions.StreamingInvocation<any[][]>): void {
  streamLive(invocation, (s, ctx) => live.liveTimeline(s, partnerId, market, asOf, ctx));
}
