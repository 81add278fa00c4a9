/**
 * Phase 4 of an evaluation: one partner's status at the as-of date under the rulebook in force:
 * market, TTM revenue, level, holds-until, who fills which slot, exam plans, and requirement
 * results. Also marks, per person, the slot they fill, for phase 5.
 */
import type { CertificationColumns, PartnerRecord } from '../columns';
import type { IsoDate } from '../dates';
import { requirementsOf, type Requirements } from '../requirements';
import { takeableExams, type AttainableLevel, type ExamRole, type Market, type Rulebook } from '../rulebook';
import { assignSlots, planExams, slotsMet, type PlanScratch, type PlannedExam, type Qualification, type SlotAssignment, type SlotCounts } from '../slots';
import { APPLICATION, CUSTOMIZATION, DEPLOYMENT, ROLES, countPeople, type PassRecord, type PeopleCounts } from './certifications';
import { NO_RANK, SILVER_RANK, holding, rankOf, type LossCause, type ReplayDay } from './holds';
import { marketOf, type MarketSource } from './partners';
import { revenueFrom, type RevenueTotals } from './revenue';
import type { Scope } from './scope';

/** A partner's level. */
export type Level = AttainableLevel | 'none';

const LEVELS: readonly Level[] = ['none', 'silver', 'gold'];

/** Row counts of a partner. `certificationsCounted` is filled in by phase 5. */
export interface PartnerRows {
  readonly revenue: number;
  readonly revenueCounted: number;
  readonly certifications: number;
  certificationsCounted: number;
}

/** The status of one partner at the as-of date. */
export interface PartnerStatus {
  /** null for a workbook without partner ids (one organisation). */
  readonly partnerId: string | null;
  readonly name: string | null;
  readonly market: Market;
  /** Where the market came from: the partners table, the caller's setting, or the default. */
  readonly marketSource: MarketSource;
  readonly rulebook: string;
  readonly level: Level;
  readonly ttmRevenueCents: number;
  readonly thresholdsCents: Readonly<Record<AttainableLevel, number>>;
  readonly revenueMet: Readonly<Record<AttainableLevel, boolean>>;
  readonly examsMet: Readonly<Record<AttainableLevel, boolean>>;
  /**
   * Each level's requirements (revenue, slots of each kind, distinct individuals): required,
   * actual, met. Renderers show these instead of re-deriving any rule.
   */
  readonly requirements: Requirements;
  /** People qualified for each kind of slot (|X|, |Y|) and for either (|X ∪ Y|). */
  readonly qualified: { readonly applicationDeployment: number; readonly customization: number; readonly either: number };
  readonly slotsNeeded: Readonly<Record<AttainableLevel, SlotCounts>>;
  /** Who fills which slot: Silver's slots, then Gold's (or Gold's directly when Gold's exams are met). */
  readonly slots: readonly SlotAssignment[];
  /** The level above the current one; null at Gold. */
  readonly nextLevel: AttainableLevel | null;
  /** US cents still needed for each level (0 when met). */
  readonly revenueGapCents: Readonly<Record<AttainableLevel, number>>;
  /** Exam passes that would meet each level's exam requirement (empty when met). */
  readonly examPlans: Readonly<Record<AttainableLevel, readonly PlannedExam[]>>;
  /** Last day the current level holds with no new revenue or exams; null when there is no level. */
  readonly holdsUntil: IsoDate | null;
  readonly holdsUntilCause: LossCause | null;
  /** True when holdsUntil is within 90 days of the as-of date. */
  readonly atRisk: boolean;
  readonly rows: PartnerRows;
}

/** Slot marks per person, for phase 5: which kind of slot they fill and for which level. */
export const NO_SLOT = 0, AD_SLOT = 1, C_SLOT = 2;
export const SILVER_SLOT = 1, GOLD_SLOT = 2;

/** Everything the per-partner phase reads, built once per evaluation. */
export interface StatusInputs {
  readonly scope: Scope;
  readonly days: readonly ReplayDay[];
  readonly revenue: RevenueTotals;
  readonly passes: PassRecord;
  readonly certifications: CertificationColumns;
  readonly defaultMarket: Market | undefined;
  /** Exams that fill each role and can still be taken at the as-of date (for plans). */
  readonly examsFor: (role: ExamRole) => readonly string[];
  /** Per person: the slot kind and level they fill (written here). */
  readonly slotOf: Int8Array;
  readonly slotLevelOf: Uint8Array;
  /** Scratch counts, reused for every partner. */
  readonly people: PeopleCounts;
  /** Working space of the exam plans, one per evaluation. */
  readonly planScratch: PlanScratch;
  /** Slot stages: Gold's directly (when its exams are met), else Silver's then Gold's. */
  readonly goldStages: readonly SlotStage[];
  readonly silverThenGoldStages: readonly SlotStage[];
}

/** One stage of the slot assignment. */
export interface SlotStage { readonly level: AttainableLevel; readonly counts: SlotCounts }

/**
 * The two ways slots are assigned under a rulebook (built once per evaluation).
 * @example slotStagesOf(rulebook).silverThenGoldStages.length === 2
 */
export function slotStagesOf(book: Rulebook): { goldStages: readonly SlotStage[]; silverThenGoldStages: readonly SlotStage[] } {
  const goldStages: SlotStage[] = [{ level: 'gold', counts: book.slots.gold }];
  return { goldStages, silverThenGoldStages: [{ level: 'silver', counts: book.slots.silver }, ...goldStages] };
}

/**
 * The exam lists of a rulebook at a day, per role, computed once (plans ask for them per partner).
 * @example examListsOf(rulebook, asOfDay)("customization") // ["MB2-712", "MB2-707", "MB2-716"]
 */
export function examListsOf(book: Rulebook, asOfDay: number): (role: ExamRole) => readonly string[] {
  const lists: Readonly<Record<ExamRole, readonly string[]>> = {
    application: takeableExams(book, 'application', asOfDay),
    deployment: takeableExams(book, 'deployment', asOfDay),
    customization: takeableExams(book, 'customization', asOfDay),
  };
  return (role) => lists[role];
}

/** Sorts a partner's people by key in place: insertion sort for the usual handful, no comparator calls. */
const INSERTION_SORT_UP_TO = 32;
function sortByKey(people: Qualification[]): void {
  if (people.length > INSERTION_SORT_UP_TO) {
    people.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return;
  }
  for (let i = 1; i < people.length; i++) {
    const person = people[i] as Qualification;
    let j = i - 1;
    for (; j >= 0 && (people[j] as Qualification).key > person.key; j--) people[j + 1] = people[j] as Qualification;
    people[j + 1] = person;
  }
}

const isQualified = (q: Qualification): boolean => q.application || q.deployment || q.customization;

/** Records each slot holder's slot and its level (for the certification status columns). */
function markSlots(inputs: StatusInputs, first: number, end: number, slots: PartnerStatus['slots']): void {
  const { passes, certifications: cert } = inputs;
  for (const s of slots) {
    // Keys are unique within a partner (and the very same strings), so this finds one person.
    for (let k = first; k < end; k++) {
      const who = passes.peopleOrder[k] as number;
      if (cert.individualKeys[who] !== s.individualKey) continue;
      inputs.slotOf[who] = s.slot === 'application+deployment' ? AD_SLOT : C_SLOT;
      inputs.slotLevelOf[who] = s.level === 'silver' ? SILVER_SLOT : GOLD_SLOT;
      break;
    }
  }
}

/**
 * One partner's status. A function of its own rather than the body of a loop in evaluate, so V8
 * optimises it after a few hundred partners with full type feedback (a first evaluation spent
 * 3x longer in a loop body than later ones).
 * @example partnerStatus(inputs, 0, "P1", partners.info.get("P1"))
 */
export function partnerStatus(inputs: StatusInputs, partner: number, id: string, info: PartnerRecord | undefined): PartnerStatus {
  // Imported constants as locals: see sumRevenue.
  const roles = ROLES, application = APPLICATION, deployment = DEPLOYMENT, customization = CUSTOMIZATION;
  const { scope, revenue, passes, certifications: cert, people: counts } = inputs;
  const { asOfDay } = scope;
  const book = scope.rulebooks[0] as Rulebook;
  const { market, source: marketSource } = marketOf(info, inputs.defaultMarket);

  const ttm = revenueFrom(revenue, 0, partner, 0);
  countPeople(passes, 0, partner, asOfDay, counts);
  const qualified = { applicationDeployment: counts.applicationDeployment, customization: counts.customization, either: counts.either };
  const thresholds = { silver: book.thresholdsCents.silver[market], gold: book.thresholdsCents.gold[market] };
  const revenueMet = { silver: ttm >= thresholds.silver, gold: ttm >= thresholds.gold };
  const examsMet = {
    silver: slotsMet(qualified.applicationDeployment, qualified.customization, qualified.either, book.slots.silver),
    gold: slotsMet(qualified.applicationDeployment, qualified.customization, qualified.either, book.slots.gold),
  };
  const rank = rankOf(book, market, ttm, counts);
  const level = LEVELS[rank] as Level;
  const held = rank === NO_RANK ? null : holding(scope, inputs.days, revenue, passes, partner, market, level as AttainableLevel, rank, counts);

  // Slots and plans at the as-of date. Candidates for a plan are the people still with the
  // organisation (an active row); those qualified for a slot are among them.
  const holds = passes.until[0] as Float64Array;
  const first = passes.peopleStart[partner] as number, end = passes.peopleStart[partner + 1] as number;
  const candidates: Qualification[] = [];
  let qualifiedCount = 0;
  for (let k = first; k < end; k++) {
    const who = passes.peopleOrder[k] as number;
    if (!passes.hasActiveRow[who]) continue;
    const base = who * roles;
    const q: Qualification = {
      key: cert.individualKeys[who] as string,
      name: cert.individualNames[who] as string,
      application: (holds[base + application] as number) >= asOfDay,
      deployment: (holds[base + deployment] as number) >= asOfDay,
      customization: (holds[base + customization] as number) >= asOfDay,
    };
    if (isQualified(q)) qualifiedCount++;
    candidates.push(q);
  }
  sortByKey(candidates);
  const slotPeople = qualifiedCount < candidates.length ? candidates.filter(isQualified) : candidates;
  const slots = slotPeople.length === 0 ? [] : assignSlots(slotPeople, examsMet.gold ? inputs.goldStages : inputs.silverThenGoldStages);
  const examPlans = {
    silver: examsMet.silver ? [] : planExams(candidates, book.slots.silver, inputs.examsFor, inputs.planScratch),
    gold: examsMet.gold ? [] : planExams(candidates, book.slots.gold, inputs.examsFor, inputs.planScratch),
  };
  markSlots(inputs, first, end, slots);

  return {
    partnerId: id === '' ? null : id,
    name: info?.name ?? null,
    market,
    marketSource,
    rulebook: book.id,
    level,
    ttmRevenueCents: ttm,
    thresholdsCents: thresholds,
    revenueMet,
    examsMet,
    requirements: requirementsOf(book, market, ttm, slots),
    qualified,
    slotsNeeded: book.slots,
    slots,
    nextLevel: rank === NO_RANK ? 'silver' : rank === SILVER_RANK ? 'gold' : null,
    revenueGapCents: { silver: Math.max(0, thresholds.silver - ttm), gold: Math.max(0, thresholds.gold - ttm) },
    examPlans,
    holdsUntil: held?.holdsUntil ?? null,
    holdsUntilCause: held?.cause ?? null,
    atRisk: held?.atRisk ?? false,
    rows: {
      revenue: revenue.rows[partner] as number,
      revenueCounted: revenue.counted[partner] as number,
      certifications: passes.rows[partner] as number,
      certificationsCounted: 0,
    },
  };
}
