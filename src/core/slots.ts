/**
 * Slots and exam plans (docs/rules.md 7, 8): who fills the "application + deployment" and
 * "customization" slots, whether a level's exam requirement is met, and the fewest additional
 * exam passes that would meet it.
 */
import type { AttainableLevel, ExamRole } from './rulebook';

/** The two kinds of slot. */
export type SlotKind = 'application+deployment' | 'customization';

/** Slots a level needs. */
export interface SlotCounts {
  readonly applicationDeployment: number;
  readonly customization: number;
}

/** What one individual has, as far as slots are concerned (at one as-of date). */
export interface Qualification {
  /** Normalised key: people are ordered and compared by it. */
  readonly key: string;
  readonly name: string;
  readonly application: boolean;
  readonly deployment: boolean;
  readonly customization: boolean;
}

/** One filled slot. */
export interface SlotAssignment {
  readonly individual: string;
  readonly individualKey: string;
  readonly slot: SlotKind;
  /** The level this slot belongs to: Silver's slots are filled first, then Gold's extra ones. */
  readonly level: AttainableLevel;
}

/** One exam pass the plan asks for. */
export interface PlannedExam {
  /** Display name of an existing individual; "" for a new one. */
  readonly individual: string;
  readonly individualKey: string | null;
  /** 1, 2, ... for people the partner would have to add; null for existing people. */
  readonly newIndividual: number | null;
  readonly role: ExamRole;
  readonly slot: SlotKind;
  /** Exams that fill the role and can still be taken under the rulebook. */
  readonly exams: readonly string[];
}

/**
 * Working space of planExams, which runs for every partner of a workbook: one per evaluation
 * (not per module, so concurrent or re-entrant evaluations never share it), grown as needed,
 * so a plan allocates only what it returns.
 * @example const scratch = new PlanScratch(); planExams(people, counts, examsFor, scratch)
 */
export class PlanScratch {
  /** DP table: for each fill state, [exams | new people | picks code], twice (current, next). */
  table = new Float64Array(6 * 9);
  /** Exams each candidate needs for an application+deployment slot and for a customization slot. */
  adCost = new Uint8Array(64);
  cCost = new Uint8Array(64);
  /** The candidates in key order (null: a new person); emptied after each call so it holds no one. */
  readonly candidates: (Qualification | null)[] = [];
  /** How many people of each kind (by what they hold: 3 bits) are kept as candidates. */
  readonly kept = new Int32Array(8);
  /** The decoded picks of the best plan. */
  picks = new Int32Array(8);
}

const qualifiesAD = (q: Qualification): boolean => q.application && q.deployment;

/**
 * The exam requirement with X people qualified for application+deployment, Y for customization
 * and U in their union: met exactly when X >= a, Y >= c and U >= a + c (one person, one slot).
 * @example slotsMet(2, 2, 2, { applicationDeployment: 1, customization: 1 }) === true
 */
export function slotsMet(x: number, y: number, union: number, counts: SlotCounts): boolean {
  return x >= counts.applicationDeployment && y >= counts.customization && union >= counts.applicationDeployment + counts.customization;
}

const ONLY_AD = 1, ONLY_C = 2, SHARED = 3;

/** Index of the first person at or after `from` who is in X \ Y (ONLY_AD), Y \ X (ONLY_C) or both (SHARED); people.length when none. */
function nextOfKind(people: readonly Qualification[], from: number, kind: number): number {
  let i = from;
  for (; i < people.length; i++) {
    const p = people[i] as Qualification;
    if ((qualifiesAD(p) ? ONLY_AD : 0) + (p.customization ? ONLY_C : 0) === kind) break;
  }
  return i;
}

/**
 * The assignment shown to users, filled stage by stage (Silver's counts, then Gold's): in each
 * stage application+deployment slots take people from X \ Y first, customization slots from
 * Y \ X first, then the shared people, each in key order. `people` must be sorted by key.
 * @example assignSlots(people, [{ level: "silver", counts: rulebook.slots.silver }])
 */
export function assignSlots(
  people: readonly Qualification[],
  stages: readonly { readonly level: AttainableLevel; readonly counts: SlotCounts }[],
): SlotAssignment[] {
  // Three queues over `people` in key order, X \ Y, Y \ X and X ∩ Y, each a cursor on its next
  // member (no copies: this runs for every partner).
  const n = people.length;
  const out: SlotAssignment[] = [];
  let ad = 0, c = 0;
  let iAD = nextOfKind(people, 0, ONLY_AD), iC = nextOfKind(people, 0, ONLY_C), iS = nextOfKind(people, 0, SHARED);
  for (const { level, counts } of stages) {
    for (; ad < counts.applicationDeployment && iAD < n; ad++, iAD = nextOfKind(people, iAD + 1, ONLY_AD)) out.push(slotAssignment(people[iAD] as Qualification, 'application+deployment', level));
    for (; c < counts.customization && iC < n; c++, iC = nextOfKind(people, iC + 1, ONLY_C)) out.push(slotAssignment(people[iC] as Qualification, 'customization', level));
    for (; ad < counts.applicationDeployment && iS < n; ad++, iS = nextOfKind(people, iS + 1, SHARED)) out.push(slotAssignment(people[iS] as Qualification, 'application+deployment', level));
    for (; c < counts.customization && iS < n; c++, iS = nextOfKind(people, iS + 1, SHARED)) out.push(slotAssignment(people[iS] as Qualification, 'customization', level));
  }
  return out;
}

/** A module-level function, not a closure per call: assignSlots runs for every partner. */
function slotAssignment(p: Qualification, slot: SlotKind, level: AttainableLevel): SlotAssignment {
  return { individual: p.name, individualKey: p.key, slot, level };
}

/**
 * The candidates of a plan into `scratch` (candidates, and each one's cost of an
 * application+deployment and of a customization slot). Only the first `need` people of each kind
 * (by what they hold) can matter: any later one is interchangeable with an earlier one and loses
 * the key-order tie. New people (null) come last.
 */
function gatherCandidates(people: readonly Qualification[], need: number, scratch: PlanScratch): void {
  const { kept, candidates } = scratch;
  kept.fill(0);
  candidates.length = 0;
  const most = people.length + need;
  if (scratch.adCost.length < most) { scratch.adCost = new Uint8Array(2 * most); scratch.cCost = new Uint8Array(2 * most); }
  const { adCost, cCost } = scratch;
  for (const q of people) {
    const kind = (q.application ? 4 : 0) + (q.deployment ? 2 : 0) + (q.customization ? 1 : 0);
    if ((kept[kind] as number) >= need) continue;
    kept[kind]!++;
    adCost[candidates.length] = (q.application ? 0 : 1) + (q.deployment ? 0 : 1);
    cCost[candidates.length] = q.customization ? 0 : 1;
    candidates.push(q);
  }
  for (let k = 0; k < need; k++) {
    adCost[candidates.length] = 2;
    cCost[candidates.length] = 1;
    candidates.push(null);
  }
}

/**
 * The fewest additional exam passes after which the level's slots can all be filled. Existing
 * people are used first (one exam for someone with an application exam but no deployment exam);
 * a new person costs two exams for application+deployment and one for customization. Ties go to
 * fewer new people, then to people earlier in key order. `people` are those still with the
 * organisation, sorted by key; `examsFor` lists the exams that fill a role; `scratch` is working
 * space (pass one per evaluation to avoid allocating it per call).
 * @example planExams([{ key: "ana", name: "Ana", application: true, deployment: false, customization: false }], silver, listExams)
 *   // [{ individual: "Ana", role: "deployment", ... }, { newIndividual: 1, role: "customization", ... }]
 */
export function planExams(
  people: readonly Qualification[],
  counts: SlotCounts,
  examsFor: (role: ExamRole) => readonly string[],
  scratch: PlanScratch = new PlanScratch(),
): PlannedExam[] {
  const a = counts.applicationDeployment, c = counts.customization;
  const need = a + c;
  if (need === 0) return [];
  // Asked first, before the scratch buffers below are in use, so a callback cannot disturb them.
  const applicationExams = examsFor('application'), deploymentExams = examsFor('deployment'), customizationExams = examsFor('customization');
  gatherCandidates(people, need, scratch);
  const { candidates: candidateQ, adCost, cCost } = scratch;
  const C = candidateQ.length;

  // DP over candidates in key order; state = slots of each kind filled so far. A state's picks
  // are encoded as one number (each pick is candidate * 2 + slot, in base B): states with the
  // same fill have the same number of picks, so comparing the codes compares the pick lists in
  // key order, which is the tie-break the rules ask for.
  const B = C * 2;
  const width = c + 1, S = (a + 1) * width;
  if (scratch.table.length < 6 * S) scratch.table = new Float64Array(6 * S);
  const buf = scratch.table;
  let cur = 0, nxt = 3 * S; // [exams | news | code] blocks
  buf.fill(Infinity, cur, cur + S);
  buf[cur] = 0; buf[cur + S] = 0; buf[cur + 2 * S] = 0;
  for (let ci = 0; ci < C; ci++) {
    buf.copyWithin(nxt, cur, cur + 3 * S);
    const isNew = candidateQ[ci] === null ? 1 : 0;
    const ad = adCost[ci] as number, cu = cCost[ci] as number;
    for (let idx = 0; idx < S; idx++) {
      const e = buf[cur + idx] as number;
      if (e === Infinity) continue;
      const fa = Math.floor(idx / width), fc = idx - fa * width;
      const nw = (buf[cur + S + idx] as number) + isNew, cd = (buf[cur + 2 * S + idx] as number) * B;
      for (let slot = 0; slot < 2; slot++) {
        if (slot === 0 ? fa >= a : fc >= c) continue;
        const j = nxt + idx + (slot === 0 ? width : 1);
        const ne = e + (slot === 0 ? ad : cu), ncd = cd + ci * 2 + slot;
        const ce = buf[j] as number, cn = buf[j + S] as number;
        if (ne < ce || (ne === ce && (nw < cn || (nw === cn && ncd < (buf[j + 2 * S] as number))))) {
          buf[j] = ne; buf[j + S] = nw; buf[j + 2 * S] = ncd;
        }
      }
    }
    const swap = cur; cur = nxt; nxt = swap;
  }
  const best = cur + S - 1;
  const plan: PlannedExam[] = [];
  if ((buf[best] as number) !== Infinity) {
    // Decode the picks (last pick in the lowest digit), then list their exams in pick order.
    if (scratch.picks.length < need) scratch.picks = new Int32Array(need);
    const picks = scratch.picks;
    for (let cd = buf[best + 2 * S] as number, k = need - 1; k >= 0; k--) {
      picks[k] = cd % B;
      cd = Math.floor(cd / B);
    }
    let newCount = 0;
    for (let k = 0; k < need; k++) {
      const ci = Math.floor((picks[k] as number) / 2), slot = (picks[k] as number) % 2;
      const q = candidateQ[ci] ?? null;
      const newIndividual = q ? null : ++newCount;
      if (slot === 0) {
        if (!q?.application) plan.push(plannedExam(q, newIndividual, 'application', 'application+deployment', applicationExams));
        if (!q?.deployment) plan.push(plannedExam(q, newIndividual, 'deployment', 'application+deployment', deploymentExams));
      } else if (!q?.customization) {
        plan.push(plannedExam(q, newIndividual, 'customization', 'customization', customizationExams));
      }
    }
  }
  candidateQ.length = 0;
  return plan;
}

/** One planned exam pass, as a plain literal (this runs for thousands of partners). */
function plannedExam(q: Qualification | null, newIndividual: number | null, role: ExamRole, slot: SlotKind, exams: readonly string[]): PlannedExam {
  return { individual: q ? q.name : '', individualKey: q ? q.key : null, newIndividual, role, slot, exams };
}
