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
import { resolveLocale } from '../i18n';
import * as logic from './logic';

function context(): logic.CallContext {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return { locale: resolveLocale(office?.context?.displayLanguage), today: () => isoFromLocalDate(new Date()) };
}

/** Runs a function body, turning our errors into Excel errors and anything unexpected into #VALUE!. */
function call<T>(body: (ctx: logic.CallContext) => T): T {
  try {
    return body(context());
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const code = e instanceof logic.FunctionError && e.kind === 'na' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    throw new CustomFunctions.Error(code, message);
  }
}

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
