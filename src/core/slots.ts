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

/** Reused DP buffer of planExams. */
let scratch = new Float64Array(6 * 9);

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
  const kept = new Int32Array(8);
  const candidates: { q: Qualification | null; adCost: number; cCost: number }[] = [];
  for (const q of people) {
    const kind = (q.application ? 4 : 0) + (q.deployment ? 2 : 0) + (q.customization ? 1 : 0);
    if ((kept[kind] as number) >= need) continue;
    kept[kind]!++;
    candidates.push({ q, adCost: (q.application ? 0 : 1) + (q.deployment ? 0 : 1), cCost: q.customization ? 0 : 1 });
  }
  for (let k = 0; k < need; k++) candidates.push({ q: null, adCost: 2, cCost: 1 });

  // DP over candidates in key order; state = slots of each kind filled so far. A state's picks
  // are encoded as one number (each pick is candidate * 2 + slot, in base B): states with the
  // same fill have the same number of picks, so comparing the codes compares the pick lists in
  // key order, which is the tie-break the rules ask for. Scratch buffers are reused: no
  // allocation per step, which matters over thousands of partners.
  const B = candidates.length * 2;
  const width = c + 1, S = (a + 1) * width;
  if (scratch.length < 6 * S) scratch = new Float64Array(6 * S);
  const buf = scratch;
  let cur = 0, nxt = 3 * S; // [exams | news | code] blocks
  buf.fill(Infinity, cur, cur + S);
  buf[cur] = 0; buf[cur + S] = 0; buf[cur + 2 * S] = 0;
  for (let ci = 0; ci < candidates.length; ci++) {
    const cand = candidates[ci] as { q: Qualification | null; adCost: number; cCost: number };
    buf.copyWithin(nxt, cur, cur + 3 * S);
    const isNew = cand.q === null ? 1 : 0;
    for (let idx = 0; idx < S; idx++) {
      const e = buf[cur + idx] as number;
      if (e === Infinity) continue;
      const fa = Math.floor(idx / width), fc = idx - fa * width;
      const nw = (buf[cur + S + idx] as number) + isNew, cd = (buf[cur + 2 * S + idx] as number) * B;
      for (let slot = 0; slot < 2; slot++) {
        if (slot === 0 ? fa >= a : fc >= c) continue;
        const j = nxt + idx + (slot === 0 ? width : 1);
        const ne = e + (slot === 0 ? cand.adCost : cand.cCost), ncd = cd + ci * 2 + slot;
        const ce = buf[j] as number, cn = buf[j + S] as number;
        if (ne < ce || (ne === ce && (nw < cn || (nw === cn && ncd < (buf[j + 2 * S] as number))))) {
          buf[j] = ne; buf[j + S] = nw; buf[j + 2 * S] = ncd;
        }
      }
    }
    [cur, nxt] = [nxt, cur];
  }
  const best = cur + S - 1;
  if ((buf[best] as number) === Infinity) return [];
  const picks: [number, 0 | 1][] = [];
  for (let cd = buf[best + 2 * S] as number, k = 0; k < need; k++) {
    const v = cd % B;
    picks.unshift([Math.floor(v / 2), (v % 2) as 0 | 1]);
    cd = Math.floor(cd / B);
  }
  const plan: PlannedExam[] = [];
  let newCount = 0;
  for (const [ci, slot] of picks) {
    const cand = candidates[ci];
    if (!cand) continue;
    const q = cand.q;
    const individual = q ? q.name : '', individualKey = q ? q.key : null, newIndividual = q ? null : ++newCount;
    // A plain literal, not a spread: this runs for thousands of partners.
    const add = (role: ExamRole, s: SlotKind): void => { plan.push({ individual, individualKey, newIndividual, role, slot: s, exams: examsFor(role) }); };
    if (slot === 0) {
      if (!q?.application) add('application', 'application+deployment');
      if (!q?.deployment) add('deployment', 'application+deployment');
    } else if (!q?.customization) {
      add('customization', 'customization');
    }
  }
  return plan;
}
