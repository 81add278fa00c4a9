/**
 * Slots and exam plans (DESIGN.md 2.3, 2.4): who fills the "application + deployment" and
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

const qualifiesAD = (q: Qualification): boolean => q.application && q.deployment;

/**
 * The exam requirement with X people qualified for application+deployment, Y for customization
 * and U in their union: met exactly when X >= a, Y >= c and U >= a + c (one person, one slot).
 * @example slotsMet(2, 2, 2, { applicationDeployment: 1, customization: 1 }) === true
 */
export function slotsMet(x: number, y: number, union: number, counts: SlotCounts): boolean {
  return x >= counts.applicationDeployment && y >= counts.customization && union >= counts.applicationDeployment + counts.customization;
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
  const onlyAD: Qualification[] = [];
  const onlyC: Qualification[] = [];
  const shared: Qualification[] = [];
  for (const p of people) {
    const ad = qualifiesAD(p);
    if (ad && p.customization) shared.push(p);
    else if (ad) onlyAD.push(p);
    else if (p.customization) onlyC.push(p);
  }
  const out: SlotAssignment[] = [];
  let ad = 0, c = 0, iAD = 0, iC = 0, iS = 0;
  const put = (p: Qualification, slot: SlotKind, level: AttainableLevel): void => {
    out.push({ individual: p.name, individualKey: p.key, slot, level });
  };
  for (const { level, counts } of stages) {
    while (ad < counts.applicationDeployment && iAD < onlyAD.length) { put(onlyAD[iAD++] as Qualification, 'application+deployment', level); ad++; }
    while (c < counts.customization && iC < onlyC.length) { put(onlyC[iC++] as Qualification, 'customization', level); c++; }
    while (ad < counts.applicationDeployment && iS < shared.length) { put(shared[iS++] as Qualification, 'application+deployment', level); ad++; }
    while (c < counts.customization && iS < shared.length) { put(shared[iS++] as Qualification, 'customization', level); c++; }
  }
  return out;
}

interface PlanState {
  readonly exams: number;
  readonly news: number;
  /** Candidate indices and the slot each takes, in candidate order. */
  readonly picks: readonly (readonly [number, 0 | 1])[];
}

function better(a: PlanState, b: PlanState | undefined): boolean {
  if (!b) return true;
  if (a.exams !== b.exams) return a.exams < b.exams;
  if (a.news !== b.news) return a.news < b.news;
  const n = Math.min(a.picks.length, b.picks.length);
  for (let i = 0; i < n; i++) {
    const pa = a.picks[i] as readonly [number, 0 | 1], pb = b.picks[i] as readonly [number, 0 | 1];
    if (pa[0] !== pb[0]) return pa[0] < pb[0];
    if (pa[1] !== pb[1]) return pa[1] < pb[1];
  }
  return a.picks.length < b.picks.length;
}

/**
 * The fewest additional exam passes after which the level's slots can all be filled. Existing
 * people are used first (one exam for someone with an application exam but no deployment exam);
 * a new person costs two exams for application+deployment and one for customization. Ties go to
 * fewer new people, then to people earlier in key order. `people` are those still with the
 * organisation, sorted by key; `examsFor` lists the exams that fill a role.
 * @example planExams([{ key: "ana", name: "Ana", application: true, deployment: false, customization: false }], silver, listExams)
 *   // [{ individual: "Ana", role: "deployment", ... }, { newIndividual: 1, role: "customization", ... }]
 */
export function planExams(
  people: readonly Qualification[],
  counts: SlotCounts,
  examsFor: (role: ExamRole) => readonly string[],
): PlannedExam[] {
  const a = counts.applicationDeployment, c = counts.customization;
  const need = a + c;
  if (need === 0) return [];
  // Only the first `need` people of each kind (by what they hold) can matter: any later one is
  // interchangeable with an earlier one and loses the key-order tie.
  const kept = new Map<number, number>();
  const candidates: { q: Qualification | null; adCost: number; cCost: number }[] = [];
  for (const q of people) {
    const kind = (q.application ? 4 : 0) + (q.deployment ? 2 : 0) + (q.customization ? 1 : 0);
    const seen = kept.get(kind) ?? 0;
    if (seen >= need) continue;
    kept.set(kind, seen + 1);
    candidates.push({ q, adCost: (q.application ? 0 : 1) + (q.deployment ? 0 : 1), cCost: q.customization ? 0 : 1 });
  }
  for (let k = 0; k < need; k++) candidates.push({ q: null, adCost: 2, cCost: 1 });

  // DP over candidates; state = (slots of each kind filled).
  const width = c + 1;
  let states: (PlanState | undefined)[] = new Array<PlanState | undefined>((a + 1) * width);
  states[0] = { exams: 0, news: 0, picks: [] };
  candidates.forEach((cand, ci) => {
    const next = states.slice();
    states.forEach((s, idx) => {
      if (!s) return;
      const fa = Math.floor(idx / width), fc = idx % width;
      const isNew = cand.q === null ? 1 : 0;
      if (fa < a) {
        const t: PlanState = { exams: s.exams + cand.adCost, news: s.news + isNew, picks: [...s.picks, [ci, 0]] };
        const j = (fa + 1) * width + fc;
        if (better(t, next[j])) next[j] = t;
      }
      if (fc < c) {
        const t: PlanState = { exams: s.exams + cand.cCost, news: s.news + isNew, picks: [...s.picks, [ci, 1]] };
        const j = fa * width + fc + 1;
        if (better(t, next[j])) next[j] = t;
      }
    });
    states = next;
  });
  const best = states[a * width + c];
  if (!best) return [];
  const plan: PlannedExam[] = [];
  let newCount = 0;
  for (const [ci, slot] of best.picks) {
    const cand = candidates[ci];
    if (!cand) continue;
    const q = cand.q;
    const who = q
      ? { individual: q.name, individualKey: q.key, newIndividual: null }
      : { individual: '', individualKey: null, newIndividual: ++newCount };
    const add = (role: ExamRole, s: SlotKind): void => { plan.push({ ...who, role, slot: s, exams: examsFor(role) }); };
    if (slot === 0) {
      if (!q?.application) add('application', 'application+deployment');
      if (!q?.deployment) add('deployment', 'application+deployment');
    } else if (!q?.customization) {
      add('customization', 'customization');
    }
  }
  return plan;
}
