/**
 * The evaluator (DESIGN.md 2): from revenue and certification rows to a competency status per
 * partner, with a reason for every row. Pure: no clock, no I/O, inputs are not mutated, and no
 * record the types allow makes it throw (unreadable values become reasons on their rows).
 *
 * Shape of the work, chosen so a million rows take milliseconds:
 * 1. one pass over revenue rows adds counted cents into per-partner, per-month buckets (the TTM
 *    window is always whole months plus the as-of month), for the rulebook in force and for any
 *    rulebook that comes into force in the next 12 months;
 * 2. one pass over certification rows records, per person and role, until when their passes
 *    keep counting;
 * 3. per partner: level, slots, gaps, exam plan, and holds-until by replaying the event dates of
 *    the next 12 months against those buckets and dates (no new rows are assumed).
 */
import {
  addMonths, dayFromIso, firstDayOfMonth, isoFromDay, monthOfDay, ttmWindowStart, type IsoDate,
} from './dates';
import { InvalidArgumentError } from './errors';
import {
  builtInRulebooks, chooseRulebook, normalizeExamCode, takeableExams, type AttainableLevel, type ExamRole, type Market, type Rulebook,
} from './rulebook';
import {
  certificationColumns, revenueColumns, type CertificationColumns, type CertificationRecord, type PartnerRecord,
  type RevenueColumns, type RevenueRecord,
} from './columns';
import {
  assignSlots, planExams, slotsMet, type PlannedExam, type Qualification, type SlotAssignment, type SlotCounts,
} from './slots';
import { CC, RC } from './reasons';
import { latestCountableDay } from './hints';
import { productClasses, unknownProductTotals, type ProductMapping, type UnknownProduct } from './products';
import { requirementsOf, type Requirements } from './requirements';

/** A partner's level. */
export type Level = AttainableLevel | 'none';

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

/** Why a level would be lost. */
export type LossCause = 'revenue' | 'exams' | 'revenue-and-exams';

/** The status of one partner at the as-of date. */
export interface PartnerStatus {
  /** null for a workbook without partner ids (one organisation). */
  readonly partnerId: string | null;
  readonly name: string | null;
  readonly market: Market;
  /** Where the market came from: the partners table, the caller's setting, or the default. */
  readonly marketSource: 'partners' | 'setting' | 'default';
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
  readonly rows: { readonly revenue: number; readonly revenueCounted: number; readonly certifications: number; readonly certificationsCounted: number };
}

/** The result of one evaluation. Row arrays line up with the input rows. */
export interface Evaluation {
  readonly asOf: IsoDate;
  readonly rulebook: string;
  readonly partners: readonly PartnerStatus[];
  readonly notes: readonly EvaluationNote[];
  /** Products neither the rulebook's catalogue nor the user's mapping places, with their revenue. */
  readonly unknownProducts: readonly UnknownProduct[];
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

const ROLE_INDEX: Readonly<Record<ExamRole, number>> = { application: 0, deployment: 1, customization: 2 };
const AT_RISK_DAYS = 90;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * The id with each run of digits, leading zeros dropped, padded to `width`: under plain string
 * order such keys compare numbers as numbers.
 */
function naturalKey(id: string, width: number): string {
  let key = '';
  for (let i = 0; i < id.length;) {
    let j = i;
    if (!isDigit(id.charCodeAt(i))) {
      while (j < id.length && !isDigit(id.charCodeAt(j))) j++;
      key += id.slice(i, j);
    } else {
      while (j < id.length && id.charCodeAt(j) === 48) j++;
      const from = j;
      while (j < id.length && isDigit(id.charCodeAt(j))) j++;
      key += (from === j ? '0' : id.slice(from, j)).padStart(width, '0');
    }
    i = j;
  }
  return key;
}

/**
 * Sorts partner ids in natural order ("P2" before "P10", "2" before "10") without a locale, so
 * the order is the same on every machine; ids that differ only in leading zeros go by plain order.
 * Keys are built once per id by a character scan, padded only as wide as the longest number
 * (short keys compare fast: this sort ran over every partner of a distributor's workbook).
 */
function sortPartnerIds(ids: Iterable<string>): string[] {
  const list = [...ids];
  let width = 1;
  for (const id of list) {
    for (let i = 0; i < id.length;) {
      while (i < id.length && (!isDigit(id.charCodeAt(i)) || id.charCodeAt(i) === 48)) i++;
      const from = i;
      while (i < id.length && isDigit(id.charCodeAt(i))) i++;
      width = Math.max(width, i - from);
    }
  }
  const keyed = list.map((id) => ({ id, key: naturalKey(id, width) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.id);
}

/** Sorts a partner's people by key in place: insertion sort for the usual handful, no comparator calls. */
function sortByKey(people: Qualification[]): void {
  if (people.length > 32) {
    people.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return;
  }
  for (let i = 1; i < people.length; i++) {
    const q = people[i] as Qualification;
    let j = i - 1;
    for (; j >= 0 && (people[j] as Qualification).key > q.key; j--) people[j + 1] = people[j] as Qualification;
    people[j + 1] = q;
  }
}

/**
 * Evaluates the Cloud CRM competency for every partner in the input at the as-of date.
 * Throws only on programmer errors (an as-of that is not a date, an unknown forced rulebook).
 * @example
 * const result = evaluate({ asOf: "2018-03-15", revenue: [{ product: "CRM Online", date: "2018-01-10", amountCents: 120_000_00, attribution: "DPOR" }], certifications: [] });
 * result.partners[0].ttmRevenueCents === 120_000_00; result.partners[0].level === "none"
 */
export function evaluate(input: EvaluationInput): Evaluation {
  // Reason codes as locals: run through tsx (as the CLI is), every use of an imported binding is
  // a getter call, and these are used once per row.
  const rc = RC, cc = CC;
  const T = dayFromIso(input.asOf);
  if (T === undefined) throw new InvalidArgumentError('asOf', `"${String(input.asOf)}" is not a date of the form YYYY-MM-DD`);
  const books = input.rulebooks ?? builtInRulebooks();
  const choice = chooseRulebook(T, input.rulebook, books);
  const horizon = addMonths(T, 12);
  // Rulebooks that matter: the one in force, then (unless forced) those starting within 12 months.
  const rbs: Rulebook[] = [choice.rulebook];
  if (!choice.forced) for (const b of books) if (b.effectiveFromDay > T && b.effectiveFromDay <= horizon) rbs.push(b);
  const R = rbs.length;

  const rev = Array.isArray(input.revenue) ? revenueColumns(input.revenue as readonly RevenueRecord[]) : (input.revenue as RevenueColumns);
  const cert = Array.isArray(input.certifications)
    ? certificationColumns(input.certifications as readonly CertificationRecord[])
    : (input.certifications as CertificationColumns);

  // --- Partners: the union of every table's ids, in a stable order.
  const partnerInfo = new Map<string, PartnerRecord>();
  for (const p of input.partners ?? []) {
    const id = typeof p.partnerId === 'string' ? p.partnerId : '';
    if (!partnerInfo.has(id)) partnerInfo.set(id, p);
  }
  const ids = new Set<string>([...rev.partnerIds, ...cert.partnerIds, ...partnerInfo.keys()]);
  // A workbook with no rows at all is still one organisation, with no level and a plan.
  if (ids.size === 0) ids.add('');
  const sortedIds = sortPartnerIds(ids);
  const P = sortedIds.length;
  const pIndex = new Map<string, number>();
  sortedIds.forEach((id, i) => pIndex.set(id, i));
  const revP = new Int32Array(rev.partnerIds.length);
  rev.partnerIds.forEach((id, k) => { revP[k] = pIndex.get(id) ?? 0; });
  const certP = new Int32Array(cert.partnerIds.length);
  cert.partnerIds.forEach((id, k) => { certP[k] = pIndex.get(id) ?? 0; });

  // --- Revenue: one pass into month buckets.
  const start = ttmWindowStart(T);
  const startMonth = monthOfDay(T) - 11;
  const monthSlot = new Uint8Array(T - start + 1);
  for (let d = start; d <= T; d++) monthSlot[d - start] = monthOfDay(d) - startMonth;
  const { mask: productMask, unknown: unknownProduct } = productClasses(rev.products, rbs, input.productMapping);
  const attributionMask = Int32Array.from(rev.attributions, (a) => rbs.reduce((m, b, r) => (a === '' || b.isAcceptedAttribution(a) ? m | (1 << r) : m), 0));
  const buckets = rbs.map(() => new Float64Array(P * 12));
  const bucket0 = buckets[0] as Float64Array;
  const n = rev.length;
  const revenueReasons = new Uint8Array(n);
  const revRows = new Int32Array(P), revCounted = new Int32Array(P);
  const { partner: rPartner, product: rProduct, attribution: rAttr, day: rDay, amountCents: rAmount } = rev;
  for (let i = 0; i < n; i++) {
    const p = revP[rPartner[i] as number] as number;
    revRows[p]!++;
    const d = rDay[i] as number;
    const a = rAmount[i] as number;
    const pm = productMask[rProduct[i] as number] as number;
    const m = pm & (attributionMask[rAttr[i] as number] as number);
    const valid = a === a; // NaN marks an unreadable amount
    if (d >= start && d <= T && valid) {
      const k = p * 12 + (monthSlot[d - start] as number);
      if (m & 1) {
        bucket0[k]! += a;
        revCounted[p]!++;
        // revenueReasons[i] is already rc.Counted (0)
      } else {
        revenueReasons[i] = pm & 1 ? rc.Attribution : unknownProduct[rProduct[i] as number] ? rc.UnknownProduct : rc.Product;
      }
      if (m > 1) for (let r = 1; r < R; r++) if (m & (1 << r)) (buckets[r] as Float64Array)[k]! += a;
    } else {
      revenueReasons[i] = !valid ? rc.InvalidAmount
        : d < -1e8 ? rc.InvalidDate
        : !(pm & 1) ? (unknownProduct[rProduct[i] as number] ? rc.UnknownProduct : rc.Product)
        : !(m & 1) ? rc.Attribution
        : d > T ? rc.After : rc.Outside;
    }
  }

  // --- Certifications: per person and role, the last as-of day their passes count (per rulebook).
  const E = cert.exams.length;
  const examCode = cert.exams.map((raw) => normalizeExamCode(raw, books));
  const known = new Uint8Array(E);
  const examRole = rbs.map(() => new Int8Array(E).fill(-1));
  const examFrom = rbs.map(() => new Float64Array(E));
  const examUntil = rbs.map(() => new Float64Array(E));
  examCode.forEach((code, e) => {
    if (code === undefined) return;
    if (books.some((b) => b.exams.has(code))) known[e] = 1;
    rbs.forEach((b, r) => {
      const exam = b.exams.get(code);
      if (!exam) return;
      (examRole[r] as Int8Array)[e] = ROLE_INDEX[exam.role];
      (examFrom[r] as Float64Array)[e] = exam.availableFromDay;
      (examUntil[r] as Float64Array)[e] = exam.acceptedUntilDay;
    });
  });
  const I = cert.individualKeys.length;
  const until = rbs.map(() => new Float64Array(I * 3).fill(-Infinity));
  const hasActiveRow = new Uint8Array(I);
  const m2 = cert.length;
  const certificationReasons = new Uint8Array(m2);
  const certRows = new Int32Array(P);
  const { partner: cPartner, individual: cInd, exam: cExam, day: cDay, active: cActive } = cert;
  for (let i = 0; i < m2; i++) {
    const p = certP[cPartner[i] as number] as number;
    certRows[p]!++;
    const who = cInd[i] as number;
    const e = cExam[i] as number;
    const d = cDay[i] as number;
    if (cert.individualKeys[who] === '') { certificationReasons[i] = cc.InvalidIndividual; continue; }
    if (d < -1e8) { certificationReasons[i] = cc.InvalidDate; continue; }
    if (!cActive[i]) { certificationReasons[i] = cc.Left; continue; }
    hasActiveRow[who] = 1;
    for (let r = 0; r < R; r++) {
      const role = (examRole[r] as Int8Array)[e] as number;
      if (role >= 0 && d <= T && d >= ((examFrom[r] as Float64Array)[e] as number)) {
        const u = until[r] as Float64Array;
        const k = who * 3 + role;
        const acc = (examUntil[r] as Float64Array)[e] as number;
        if (acc > (u[k] as number)) u[k] = acc;
      }
    }
    const role0 = (examRole[0] as Int8Array)[e] as number;
    certificationReasons[i] = !known[e] ? cc.Unknown
      : role0 < 0 ? cc.NotAccepted
      : d > T ? cc.After
      : d < ((examFrom[0] as Float64Array)[e] as number) ? cc.BeforeAvailable
      : T > ((examUntil[0] as Float64Array)[e] as number) ? cc.NoLongerAccepted
      : cc.Counted;
  }

  // People of each partner (by unified partner index).
  const peopleStart = new Int32Array(P + 1);
  const personPartner = new Int32Array(I);
  for (let who = 0; who < I; who++) personPartner[who] = certP[cert.individualPartner[who] as number] as number;
  for (let who = 0; who < I; who++) peopleStart[(personPartner[who] as number) + 1]!++;
  for (let p = 0; p < P; p++) peopleStart[p + 1]! += peopleStart[p] as number;
  const peopleOrder = new Int32Array(I);
  {
    const fill = peopleStart.slice(0, P);
    for (let who = 0; who < I; who++) { const p = personPartner[who] as number; peopleOrder[fill[p]!++] = who; }
  }
  const keys = cert.individualKeys;

  // --- Events of the next 12 months, each with the rulebook in force and the first month
  // bucket still in the window then. Exams are recounted only when passes stop counting or the
  // rulebook changes; revenue changes only on the first of a month.
  const monthOfT = monthOfDay(T);
  const examEventDays = new Set<number>();
  for (const b of rbs) for (const ex of b.exams.values()) if (ex.acceptedUntilDay + 1 > T && ex.acceptedUntilDay + 1 <= horizon) examEventDays.add(ex.acceptedUntilDay + 1);
  const eventDays = new Set<number>(examEventDays);
  for (let j = 1; j <= 12; j++) eventDays.add(firstDayOfMonth(monthOfT + j));
  for (let r = 1; r < R; r++) eventDays.add((rbs[r] as Rulebook).effectiveFromDay);
  const bookAt = (day: number): number => { let r = 0; for (let k = 1; k < R; k++) if ((rbs[k] as Rulebook).effectiveFromDay <= day) r = k; return r; };
  const events = [...eventDays].filter((d) => d > T && d <= horizon).sort((x, y) => x - y).map((day, k, all) => {
    const r = bookAt(day);
    return { day, r, slot: Math.max(0, monthOfDay(day) - monthOfT), recount: examEventDays.has(day) || r !== (k === 0 ? 0 : bookAt(all[k - 1] as number)) };
  });
  const rb0 = choice.rulebook;
  const examListCache = new Map<ExamRole, readonly string[]>();
  const examsFor = (role: ExamRole): readonly string[] => {
    let list = examListCache.get(role);
    if (!list) {
      list = takeableExams(rb0, role, T);
      examListCache.set(role, list);
    }
    return list;
  };

  // Revenue still in the window from a month bucket on, under rulebook r.
  const revenueFrom = (r: number, p: number, fromSlot: number): number => {
    const b = buckets[r] as Float64Array;
    let sum = 0;
    for (let k = p * 12 + fromSlot, end = p * 12 + 12; k < end; k++) sum += b[k] as number;
    return sum;
  };
  // |X|, |Y| and |X ∪ Y| of a partner's people on a day, under rulebook r.
  const counts = new Int32Array(3);
  const countPeople = (r: number, p: number, day: number): void => {
    const u = until[r] as Float64Array;
    let x = 0, y = 0, either = 0;
    for (let k = peopleStart[p] as number, end = peopleStart[p + 1] as number; k < end; k++) {
      const who = (peopleOrder[k] as number) * 3;
      const ad = (u[who] as number) >= day && (u[who + 1] as number) >= day;
      const c = (u[who + 2] as number) >= day;
      if (ad) x++;
      if (c) y++;
      if (ad || c) either++;
    }
    counts[0] = x; counts[1] = y; counts[2] = either;
  };
  // Level rank (0 none, 1 silver, 2 gold) from revenue and the current counts, under rulebook r.
  const rankOf = (r: number, market: Market, revenue: number): number => {
    const b = rbs[r] as Rulebook;
    const x = counts[0] as number, y = counts[1] as number, u = counts[2] as number;
    if (revenue >= b.thresholdsCents.gold[market] && slotsMet(x, y, u, b.slots.gold)) return 2;
    if (revenue >= b.thresholdsCents.silver[market] && slotsMet(x, y, u, b.slots.silver)) return 1;
    return 0;
  };
  const LEVELS: readonly Level[] = ['none', 'silver', 'gold'];

  // --- Per partner.
  let assumedMarkets = 0;
  let assumedExample: string | null = null;
  const partners: PartnerStatus[] = [];
  const partnerRows: { revenue: number; revenueCounted: number; certifications: number; certificationsCounted: number }[] = [];
  const certCounted = new Int32Array(P);
  const certificationCountsAs = new Uint8Array(m2);
  const certificationSlotLevel = new Uint8Array(m2);
  const slotOf = new Int8Array(I); // 0 none, 1 a+d, 2 customization
  const slotLevelOf = new Uint8Array(I);
  const u0 = until[0] as Float64Array;
  const goldStages = [{ level: 'gold' as const, counts: rb0.slots.gold }];
  const silverThenGold = [{ level: 'silver' as const, counts: rb0.slots.silver }, ...goldStages];
  // One partner's status: a function of its own rather than the body of a loop in evaluate, so
  // V8 optimises it after a few hundred partners with full type feedback instead of recompiling
  // all of evaluate when the loop gets hot (a first evaluation spent 3x longer here than later ones).
  const statusOf = (p: number): void => {
    const id = sortedIds[p] as string;
    const info = partnerInfo.get(id);
    let market: Market, marketSource: PartnerStatus['marketSource'];
    if (info?.market === 'developed' || info?.market === 'developing') { market = info.market; marketSource = 'partners'; }
    else if (input.defaultMarket === 'developed' || input.defaultMarket === 'developing') { market = input.defaultMarket; marketSource = 'setting'; }
    else { market = 'developed'; marketSource = 'default'; assumedMarkets++; assumedExample ??= id === '' ? null : id; }

    const ttm = revenueFrom(0, p, 0);
    countPeople(0, p, T);
    const x0 = counts[0] as number, y0 = counts[1] as number, e0 = counts[2] as number;
    const revOk = { silver: ttm >= rb0.thresholdsCents.silver[market], gold: ttm >= rb0.thresholdsCents.gold[market] };
    const exOk = { silver: slotsMet(x0, y0, e0, rb0.slots.silver), gold: slotsMet(x0, y0, e0, rb0.slots.gold) };
    const rank = rankOf(0, market, ttm);
    const level = LEVELS[rank] as Level;

    // Holds-until: replay the next 12 months' events with no new rows.
    let holdsUntil: IsoDate | null = null;
    let cause: LossCause | null = null;
    let atRisk = false;
    if (rank > 0) {
      for (const ev of events) {
        if (ev.recount) countPeople(ev.r, p, ev.day);
        const revenue = revenueFrom(ev.r, p, ev.slot);
        if (rankOf(ev.r, market, revenue) < rank) {
          holdsUntil = isoFromDay(ev.day - 1);
          atRisk = ev.day - 1 - T <= AT_RISK_DAYS;
          const b = rbs[ev.r] as Rulebook;
          const lvl = level as AttainableLevel;
          const revLost = revenue < b.thresholdsCents[lvl][market];
          const exLost = !slotsMet(counts[0] as number, counts[1] as number, counts[2] as number, b.slots[lvl]);
          cause = revLost && exLost ? 'revenue-and-exams' : revLost ? 'revenue' : 'exams';
          break;
        }
      }
    }

    // Slots and plans at T (under the rulebook in force). Candidates for a plan are the people
    // still with the organisation (an active row); those qualified for a slot are among them.
    const candidates: Qualification[] = [];
    const p0 = peopleStart[p] as number, p1 = peopleStart[p + 1] as number;
    let qualifiedCount = 0;
    for (let k = p0; k < p1; k++) {
      const who = peopleOrder[k] as number;
      if (!hasActiveRow[who]) continue;
      const q: Qualification = {
        key: keys[who] as string,
        name: cert.individualNames[who] as string,
        application: (u0[who * 3] as number) >= T,
        deployment: (u0[who * 3 + 1] as number) >= T,
        customization: (u0[who * 3 + 2] as number) >= T,
      };
      if (q.application || q.deployment || q.customization) qualifiedCount++;
      candidates.push(q);
    }
    sortByKey(candidates);
    let people = candidates;
    if (qualifiedCount < candidates.length) {
      people = [];
      for (const q of candidates) if (q.application || q.deployment || q.customization) people.push(q);
    }
    const slots = people.length === 0 ? [] : assignSlots(people, exOk.gold ? goldStages : silverThenGold);
    const plans = {
      silver: exOk.silver ? [] : planExams(candidates, rb0.slots.silver, examsFor),
      gold: exOk.gold ? [] : planExams(candidates, rb0.slots.gold, examsFor),
    };
    for (const s of slots) {
      // Keys are unique within a partner (and the very same strings), so this finds one person.
      for (let k = p0; k < p1; k++) {
        const who = peopleOrder[k] as number;
        if (keys[who] !== s.individualKey) continue;
        slotOf[who] = s.slot === 'application+deployment' ? 1 : 2;
        slotLevelOf[who] = s.level === 'silver' ? 1 : 2;
        break;
      }
    }

    const t = { silver: rb0.thresholdsCents.silver[market], gold: rb0.thresholdsCents.gold[market] };
    const rows = { revenue: revRows[p] as number, revenueCounted: revCounted[p] as number, certifications: certRows[p] as number, certificationsCounted: 0 };
    partnerRows.push(rows);
    partners.push({
      partnerId: id === '' ? null : id,
      name: info?.name ?? null,
      market,
      marketSource,
      rulebook: rb0.id,
      level,
      ttmRevenueCents: ttm,
      thresholdsCents: t,
      revenueMet: revOk,
      examsMet: exOk,
      requirements: requirementsOf(rb0, market, ttm, slots),
      qualified: { applicationDeployment: x0, customization: y0, either: e0 },
      slotsNeeded: rb0.slots,
      slots,
      nextLevel: rank === 0 ? 'silver' : rank === 1 ? 'gold' : null,
      revenueGapCents: { silver: Math.max(0, t.silver - ttm), gold: Math.max(0, t.gold - ttm) },
      examPlans: plans,
      holdsUntil,
      holdsUntilCause: cause,
      atRisk,
      rows,
    });
  };
  for (let p = 0; p < P; p++) statusOf(p);

  // --- What each certification row does, now that slots are known.
  for (let i = 0; i < m2; i++) {
    if (certificationReasons[i] !== cc.Counted) continue;
    const who = cInd[i] as number;
    const role = (examRole[0] as Int8Array)[cExam[i] as number] as number;
    const slot = slotOf[who] as number;
    const hasAD = (u0[who * 3] as number) >= T && (u0[who * 3 + 1] as number) >= T;
    const hasC = (u0[who * 3 + 2] as number) >= T;
    if (slot === 1 && role <= 1) { certificationCountsAs[i] = 1; certificationSlotLevel[i] = slotLevelOf[who] as number; }
    else if (slot === 2 && role === 2) { certificationCountsAs[i] = 2; certificationSlotLevel[i] = slotLevelOf[who] as number; }
    else if ((role <= 1 && hasAD) || (role === 2 && hasC)) certificationCountsAs[i] = 3;
    else {
      // An exam that is valid but leaves its holder short of a slot does not count (yet).
      certificationCountsAs[i] = 0;
      certificationReasons[i] = role === 0 ? cc.NeedsDeployment : cc.NeedsApplication;
      continue;
    }
    certCounted[certP[cPartner[i] as number] as number]!++;
  }
  partnerRows.forEach((rows, p) => { rows.certificationsCounted = certCounted[p] as number; });

  const notes: EvaluationNote[] = [];
  if (choice.beforeFirst) notes.push({ code: 'rulebook.before-first', rulebook: rb0.id, effectiveFrom: rb0.effectiveFrom });
  if (assumedMarkets > 0) notes.push({ code: 'market.assumed-developed', partners: assumedMarkets, example: assumedExample });
  const latest = latestCountableDay(rev, revenueReasons);
  if (latest !== undefined) notes.push({ code: 'as-of.no-counted-revenue', asOf: isoFromDay(T), windowStart: isoFromDay(start), latest: isoFromDay(latest) });

  return {
    asOf: isoFromDay(T),
    rulebook: rb0.id,
    partners,
    notes,
    unknownProducts: unknownProductTotals(rev, unknownProduct, start, T),
    revenueReasons,
    certificationReasons,
    certificationCountsAs,
    certificationSlotLevel,
    revenuePartnerOf: revP,
    certificationPartnerOf: certP,
  };
}
