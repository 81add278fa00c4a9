/**
 * The overview's rows, apart from how they look: which partners the filters keep and in what
 * order. Everything is read from core's results (level, at risk, holds-until, requirement
 * results, exam plans, revenue gaps); nothing here re-derives a rule.
 */
import type { Level, PartnerStatus } from '../core';

/** What the overview shows. */
export interface OverviewFilter {
  /** One level, or every level. */
  readonly level: Level | 'all';
  readonly atRiskOnly: boolean;
  /** Only partners close to their next level (see isCloseToNextLevel). */
  readonly closeOnly: boolean;
  /** Text searched in the partner id and name (case-insensitive). */
  readonly query: string;
  readonly sort: OverviewSort;
}

/** The overview's orders. */
export type OverviewSort = 'holds-until' | 'revenue-gap' | 'name';

/** Nothing filtered, soonest holds-until first. */
export const NO_FILTER: OverviewFilter = { level: 'all', atRiskOnly: false, closeOnly: false, query: '', sort: 'holds-until' };

/** Counts per level and at risk (the overview's filter buttons). */
export interface OverviewCounts {
  readonly gold: number;
  readonly silver: number;
  readonly none: number;
  readonly risk: number;
}

/**
 * Partners per level, and how many are at risk.
 * @example countPartners(evaluation.partners).risk
 */
export function countPartners(partners: readonly PartnerStatus[]): OverviewCounts {
  let gold = 0, silver = 0, none = 0, risk = 0;
  for (const p of partners) {
    if (p.level === 'gold') gold++; else if (p.level === 'silver') silver++; else none++;
    if (p.atRisk) risk++;
  }
  return { gold, silver, none, risk };
}

/**
 * Close to the next level: what is missing is at most a tenth of its revenue threshold and at
 * most one exam (core's exam plan for that level has at most one pass in it).
 * @example isCloseToNextLevel(partner) // true for a Silver partner US$ 5,000 short of Gold with its exams met
 */
export function isCloseToNextLevel(p: PartnerStatus): boolean {
  const next = p.nextLevel;
  if (next === null) return false;
  const revenue = p.requirements[next].revenue;
  const revenueClose = revenue.met || (revenue.required - revenue.actual) * 10 <= revenue.required;
  return revenueClose && p.examPlans[next].length <= 1;
}

/** A partner's gap to its next level's revenue in cents; at Gold (no next level) after everyone. */
const gapOf = (p: PartnerStatus): number => (p.nextLevel === null ? Number.POSITIVE_INFINITY : p.revenueGapCents[p.nextLevel]);

/** What a partner is sorted and searched by: its name, else its id. */
const labelOf = (p: PartnerStatus): string => p.name ?? p.partnerId ?? '';

/**
 * The indexes (into `partners`) the filter keeps, in its order. Ties keep the workbook's order.
 * @example visiblePartners(evaluation.partners, { ...NO_FILTER, atRiskOnly: true })
 */
export function visiblePartners(partners: readonly PartnerStatus[], filter: OverviewFilter): number[] {
  const q = filter.query.trim().toLowerCase();
  const kept: number[] = [];
  partners.forEach((p, i) => {
    if (filter.level !== 'all' && p.level !== filter.level) return;
    if (filter.atRiskOnly && !p.atRisk) return;
    if (filter.closeOnly && !isCloseToNextLevel(p)) return;
    if (q !== '' && !(p.partnerId ?? '').toLowerCase().includes(q) && !(p.name ?? '').toLowerCase().includes(q)) return;
    kept.push(i);
  });
  const at = (i: number): PartnerStatus => partners[i] as PartnerStatus;
  if (filter.sort === 'name') {
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    kept.sort((a, b) => collator.compare(labelOf(at(a)), labelOf(at(b))) || a - b);
  } else if (filter.sort === 'revenue-gap') {
    kept.sort((a, b) => gapOf(at(a)) - gapOf(at(b)) || a - b);
  } else {
    // ISO dates compare as text; no level (no date) last.
    kept.sort((a, b) => {
      const x = at(a).holdsUntil, y = at(b).holdsUntil;
      if (x === y) return a - b;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    });
  }
  return kept;
}

/**
 * How many data issues each partner has, from the run's issue-to-partner index (-1: none).
 * @example issueCounts(run.issuePartners, run.evaluation.partners.length)[0]
 */
export function issueCounts(issuePartners: Int32Array, partners: number): Uint32Array {
  const counts = new Uint32Array(partners);
  for (const k of issuePartners) if (k >= 0 && k < partners) counts[k] = (counts[k] as number) + 1;
  return counts;
}
