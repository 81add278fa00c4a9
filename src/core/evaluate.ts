/**
 * The evaluator (docs/rules.md): from revenue and certification rows to a competency status per
 * partner, with a reason for every row. Pure: no clock, no I/O, inputs are not mutated, and no
 * record the types allow makes it throw (unreadable values become reasons on their rows).
 *
 * The work is done in phases (src/core/phases), chosen so a million rows take milliseconds:
 * 0. partners: the union of every table's partner ids, in natural order (phases/partners);
 * 1. one pass over revenue rows adds counted cents into per-partner, per-month buckets (the TTM
 *    window is always whole months plus the as-of month), for the rulebook in force and for any
 *    rulebook that comes into force in the next 12 months (phases/revenue);
 * 2. one pass over certification rows records, per person and role, until when their passes
 *    keep counting (phases/certifications);
 * 3. the days of the next 12 months on which a level can change, replayed per partner for
 *    holds-until with no new rows (phases/holds);
 * 4. per partner: level, slots, gaps, exam plans and requirement results (phases/status);
 * 5. per certification row: the slot it fills, now that slots are known (phases/counts-as).
 */
import { dayFromIso, isoFromDay, type IsoDate } from './dates';
import { InvalidArgumentError } from './errors';
import { builtInRulebooks, chooseRulebook, type Market, type Rulebook } from './rulebook';
import {
  certificationColumns, revenueColumns, type CertificationColumns, type CertificationRecord, type PartnerRecord,
  type RevenueColumns, type RevenueRecord,
} from './columns';
import { latestCountableDay } from './hints';
import { PlanScratch } from './slots';
import { unacceptedAttributionTotals, type UnacceptedAttribution } from './attributions';
import { unknownProductTotals, type ProductMapping, type UnknownProduct } from './products';
import { recordPasses } from './phases/certifications';
import { countsAsOf } from './phases/counts-as';
import { replayDays } from './phases/holds';
import { indexPartners } from './phases/partners';
import { sumRevenue } from './phases/revenue';
import { scopeOf } from './phases/scope';
import { examListsOf, partnerStatus, slotStagesOf, type PartnerStatus } from './phases/status';

export type { LossCause } from './phases/holds';
export type { Level, PartnerRows, PartnerStatus } from './phases/status';
export type { MarketSource } from './phases/partners';

/** Everything the evaluator needs. */
export interface EvaluationInput {
  /** The as-of date T, "YYYY-MM-DD". There is no default: core has no clock. */
  readonly asOf: IsoDate;
  readonly revenue: RevenueColumns | readonly RevenueRecord[];
  readonly certifications: CertificationColumns | readonly CertificationRecord[];
  readonly partners?: readonly PartnerRecord[] | undefined;
  /** The market setting for partners the partners table does not place. */
  readonly defaultMarket?: Market | undefined;
  /** Force a rulebook by id instead of choosing by date. */
  readonly rulebook?: string | undefined;
  /** Rulebooks to choose from (default: the built-in ones). */
  readonly rulebooks?: readonly Rulebook[] | undefined;
  /** The user's own product mapping (a Products table, --products): overrides the catalogue. */
  readonly productMapping?: readonly ProductMapping[] | undefined;
}

/** Something about the evaluation as a whole that the user should know. */
export type EvaluationNote =
  | { readonly code: 'rulebook.before-first'; readonly rulebook: string; readonly effectiveFrom: IsoDate }
  | { readonly code: 'market.assumed-developed'; readonly partners: number; readonly example: string | null }
  /**
   * No revenue row counts, and the latest row that would count but for its date is dated
   * `latest`: the as-of date is probably far from the data ("evaluate as of `latest`?").
   */
  | { readonly code: 'as-of.no-counted-revenue'; readonly asOf: IsoDate; readonly windowStart: IsoDate; readonly latest: IsoDate };

/** The result of one evaluation. Row arrays line up with the input rows. */
export interface Evaluation {
  readonly asOf: IsoDate;
  readonly rulebook: string;
  readonly partners: readonly PartnerStatus[];
  readonly notes: readonly EvaluationNote[];
  /** Products neither the rulebook's catalogue nor the user's mapping places, with their revenue. */
  readonly unknownProducts: readonly UnknownProduct[];
  /** Attribution values the rulebook in force does not accept (CPOR, ...), with their revenue. */
  readonly unacceptedAttributions: readonly UnacceptedAttribution[];
  /** Per revenue row: an index into REVENUE_REASONS. */
  readonly revenueReasons: Uint8Array;
  /** Per certification row: an index into CERTIFICATION_REASONS. */
  readonly certificationReasons: Uint8Array;
  /** Per certification row: an index into COUNTS_AS. */
  readonly certificationCountsAs: Uint8Array;
  /** Per certification row: 0, or 1/2 when it fills a Silver/Gold slot. */
  readonly certificationSlotLevel: Uint8Array;
  /**
   * Where rows belong: index into `partners` of each partner id of the input columns, so the
   * partner of revenue row i is `revenuePartnerOf[columns.partner[i]]` (no per-row array).
   */
  readonly revenuePartnerOf: Int32Array;
  readonly certificationPartnerOf: Int32Array;
}

/**
 * Evaluates the Cloud CRM competency for every partner in the input at the as-of date.
 * Throws only on programmer errors (an as-of that is not a date, an unknown forced rulebook).
 * @example
 * const result = evaluate({ asOf: "2018-03-15", revenue: [{ product: "CRM Online", date: "2018-01-10", amountCents: 120_000_00, attribution: "DPOR" }], certifications: [] });
 * result.partners[0].ttmRevenueCents === 120_000_00; result.partners[0].level === "none"
 */
export function evaluate(input: EvaluationInput): Evaluation {
  const asOfDay = dayFromIso(input.asOf);
  if (asOfDay === undefined) throw new InvalidArgumentError('asOf', `"${String(input.asOf)}" is not a date of the form YYYY-MM-DD`);
  const books = input.rulebooks ?? builtInRulebooks();
  const choice = chooseRulebook(asOfDay, input.rulebook, books);
  const scope = scopeOf(asOfDay, choice.rulebook, choice.forced, books);
  const inForce: Rulebook = choice.rulebook;

  const rev = Array.isArray(input.revenue) ? revenueColumns(input.revenue as readonly RevenueRecord[]) : (input.revenue as RevenueColumns);
  const cert = Array.isArray(input.certifications)
    ? certificationColumns(input.certifications as readonly CertificationRecord[])
    : (input.certifications as CertificationColumns);

  const partnerIndex = indexPartners(rev, cert, input.partners ?? []);
  const partnerCount = partnerIndex.ids.length;
  const revenue = sumRevenue(rev, partnerIndex.revenuePartnerOf, partnerCount, scope, input.productMapping);
  const passes = recordPasses(cert, partnerIndex.certificationPartnerOf, partnerCount, scope);

  const people = cert.individualKeys.length;
  const statusInputs = {
    scope,
    days: replayDays(scope),
    revenue,
    passes,
    certifications: cert,
    defaultMarket: input.defaultMarket,
    examsFor: examListsOf(inForce, asOfDay),
    slotOf: new Int8Array(people),
    slotLevelOf: new Uint8Array(people),
    people: { applicationDeployment: 0, customization: 0, either: 0 },
    planScratch: new PlanScratch(),
    ...slotStagesOf(inForce),
  };
  const partners: PartnerStatus[] = new Array<PartnerStatus>(partnerCount);
  let assumedMarkets = 0;
  let assumedExample: string | null = null;
  for (let p = 0; p < partnerCount; p++) {
    const id = partnerIndex.ids[p] as string;
    const status = partnerStatus(statusInputs, p, id, partnerIndex.info.get(id));
    if (status.marketSource === 'default') { assumedMarkets++; assumedExample ??= status.partnerId; }
    partners[p] = status;
  }

  const counted = countsAsOf(cert, passes, partnerIndex.certificationPartnerOf, partnerCount, asOfDay, statusInputs.slotOf, statusInputs.slotLevelOf, passes.reasons);
  partners.forEach((status, p) => { status.rows.certificationsCounted = counted.countedPerPartner[p] as number; });

  const notes: EvaluationNote[] = [];
  if (choice.beforeFirst) notes.push({ code: 'rulebook.before-first', rulebook: inForce.id, effectiveFrom: inForce.effectiveFrom });
  // A workbook without a single row still gets its one organisation evaluated (what it lacks),
  // but no partner of its has a market to miss: no note then.
  const noRows = rev.length === 0 && cert.length === 0 && (input.partners ?? []).length === 0;
  if (assumedMarkets > 0 && !noRows) notes.push({ code: 'market.assumed-developed', partners: assumedMarkets, example: assumedExample });
  const latest = latestCountableDay(rev, revenue.reasons);
  if (latest !== undefined) notes.push({ code: 'as-of.no-counted-revenue', asOf: isoFromDay(asOfDay), windowStart: isoFromDay(revenue.windowStart), latest: isoFromDay(latest) });

  return {
    asOf: isoFromDay(asOfDay),
    rulebook: inForce.id,
    partners,
    notes,
    unknownProducts: unknownProductTotals(rev, revenue.unknownProduct, revenue.windowStart, asOfDay),
    unacceptedAttributions: unacceptedAttributionTotals(rev, inForce, revenue.windowStart, asOfDay),
    revenueReasons: revenue.reasons,
    certificationReasons: passes.reasons,
    certificationCountsAs: counted.countsAs,
    certificationSlotLevel: counted.slotLevel,
    revenuePartnerOf: partnerIndex.revenuePartnerOf,
    certificationPartnerOf: partnerIndex.certificationPartnerOf,
  };
}
