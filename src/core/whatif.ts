/**
 * What-if: assumptions (an exam pass by a person on a date, expected revenue in a month) applied
 * as extra records, never by changing the inputs. An assumed pass is a certification row like any
 * other; expected revenue is a counted row (an eligible product, attribution not stated, which
 * counts as DPOR) dated on the first day of its month. The timeline counts them whatever their
 * date, so a pass planned for March shows in the forecast from March.
 */
import { dayFromIso, dayFromIsoMonth, monthOfDay, type IsoDate } from './dates';
import {
  builtInRulebooks, chooseRulebook, normalizeExamCode, type Rulebook,
} from './rulebook';
import {
  certificationColumns, individualKey, revenueColumns, type CertificationColumns, type CertificationRecord, type RevenueColumns, type RevenueRecord,
} from './columns';
import type { EvaluationInput } from './evaluate';
import { productClasses, type ProductMapping } from './products';
import { timeline, type Timeline, type TimelineOptions } from './timeline';

/** "This person passes this exam on this day." */
export interface AssumedPass {
  /** The partner; null or absent for a workbook without partner ids. */
  readonly partnerId?: string | null | undefined;
  /** As the certification table writes people: an MCP ID, an e-mail or a name (any case and spacing). */
  readonly individual: string;
  /** An exam code in any common spelling, or its title. */
  readonly exam: string;
  readonly date: IsoDate;
}

/** "This much counted revenue in this month." */
export interface AssumedRevenue {
  readonly partnerId?: string | null | undefined;
  /** "YYYY-MM". */
  readonly month: string;
  /** US cents; may be negative (an expected cancellation). */
  readonly amountCents: number;
}

/** A set of what-if assumptions. */
export interface Assumptions {
  readonly passes?: readonly AssumedPass[] | undefined;
  readonly revenue?: readonly AssumedRevenue[] | undefined;
}

/** Why an assumption cannot be used. */
export type AssumptionProblemCode = 'individual.empty' | 'exam.unknown' | 'date.invalid' | 'month.invalid' | 'amount.invalid' | 'partner.unknown';

/** One unusable assumption: which list, its index there, and why. */
export interface AssumptionProblem {
  readonly kind: 'pass' | 'revenue';
  readonly index: number;
  readonly code: AssumptionProblemCode;
}

/**
 * The problems of a set of assumptions (empty when every one can be used). `partnerIds`, when
 * given, are the partners that exist (null: the one organisation); an assumption for any other is
 * a problem rather than a new partner.
 * @example checkAssumptions({ passes: [{ individual: "Sara", exam: "MB2-999", date: "2018-03-01" }] }) // [{ kind: "pass", index: 0, code: "exam.unknown" }]
 */
export function checkAssumptions(
  assumptions: Assumptions,
  options: { readonly partnerIds?: readonly (string | null)[] | undefined; readonly rulebooks?: readonly Rulebook[] | undefined } = {},
): AssumptionProblem[] {
  const books = options.rulebooks ?? builtInRulebooks();
  const known = options.partnerIds === undefined ? null : new Set(options.partnerIds.map((p) => p ?? ''));
  const problems: AssumptionProblem[] = [];
  const partnerOk = (id: string | null | undefined): boolean => known === null || known.has(id ?? '');
  (assumptions.passes ?? []).forEach((a, index) => {
    const code = typeof a.exam === 'string' ? normalizeExamCode(a.exam, books) : undefined;
    const problem: AssumptionProblemCode | null = typeof a.individual !== 'string' || a.individual.trim() === '' ? 'individual.empty'
      : code === undefined || !books.some((b) => b.exams.has(code)) ? 'exam.unknown'
      : typeof a.date !== 'string' || dayFromIso(a.date) === undefined ? 'date.invalid'
      : !partnerOk(a.partnerId) ? 'partner.unknown' : null;
    if (problem) problems.push({ kind: 'pass', index, code: problem });
  });
  (assumptions.revenue ?? []).forEach((a, index) => {
    const problem: AssumptionProblemCode | null = typeof a.month !== 'string' || dayFromIsoMonth(a.month) === undefined ? 'month.invalid'
      : typeof a.amountCents !== 'number' || !Number.isFinite(a.amountCents) || Math.abs(a.amountCents) >= 1e15 ? 'amount.invalid'
      : !partnerOk(a.partnerId) ? 'partner.unknown' : null;
    if (problem) problems.push({ kind: 'revenue', index, code: problem });
  });
  return problems;
}

/**
 * The records that stand for the assumptions: one certification row per assumed pass, one
 * revenue row per expected month (a product every rulebook counts when there is one, else one the
 * rulebook in force that month counts; no attribution, which counts as DPOR).
 * @example assumedRecords({ revenue: [{ month: "2018-03", amountCents: 5_000_00 }] }).revenue // [{ product: "CRM Online", date: "2018-03-01", amountCents: 500000, partnerId: undefined }]
 */
export function assumedRecords(
  assumptions: Assumptions, rulebooks: readonly Rulebook[] = builtInRulebooks(), mapping: readonly ProductMapping[] = [],
): { revenue: RevenueRecord[]; certifications: CertificationRecord[] } {
  const names = rulebooks.flatMap((b) => b.products.map((p) => p.name));
  // Expected revenue counts: a product every rulebook counts, the user's product mapping included.
  const everywhere = names.find((n) => productClasses([n], rulebooks, mapping).mask[0] === (1 << rulebooks.length) - 1);
  return {
    certifications: (assumptions.passes ?? []).map((a) => ({ partnerId: a.partnerId, individual: a.individual, exam: a.exam, datePassed: a.date, active: true })),
    revenue: (assumptions.revenue ?? []).map((a) => {
      const day = dayFromIsoMonth(a.month);
      const product = everywhere
        ?? (day === undefined ? undefined : chooseRulebook(day, undefined, rulebooks).rulebook.products[0]?.name)
        ?? '';
      return { partnerId: a.partnerId, product, date: `${a.month}-01`, amountCents: a.amountCents };
    }),
  };
}

/**
 * Assumed passes with each person written as the certification table keys them: a person may be
 * typed by display name ("Min-jun Kim") where the table keys people by e-mail or MCP ID; the pass
 * then belongs to that person rather than to a new one. Unmatched names stay as typed.
 * @example matchIndividuals({ passes: [{ partnerId: "1005", individual: "Min-jun Kim", exam: "MB2-710", date: "2018-07-01" }] }, certs).passes[0].individual === "minjun.kim@woodgrove.kr"
 */
export function matchIndividuals(assumptions: Assumptions, certifications: CertificationColumns | readonly CertificationRecord[]): Assumptions {
  const passes = assumptions.passes ?? [];
  if (passes.length === 0) return assumptions;
  const cols = Array.isArray(certifications) ? certificationColumns(certifications as readonly CertificationRecord[]) : (certifications as CertificationColumns);
  const byName = new Map<string, string>();
  cols.individualKeys.forEach((key, who) => {
    const partner = cols.partnerIds[cols.individualPartner[who] as number] ?? '';
    byName.set(`${partner}\u0000${key}`, key);
    const named = `${partner}\u0000${individualKey(cols.individualNames[who] ?? '')}`;
    if (!byName.has(named)) byName.set(named, key);
  });
  return {
    ...assumptions,
    passes: passes.map((a) => {
      const key = byName.get(`${a.partnerId ?? ''}\u0000${individualKey(typeof a.individual === 'string' ? a.individual : '')}`);
      return key === undefined ? a : { ...a, individual: key };
    }),
  };
}

/** Revenue columns followed by more rows, as new arrays (the input's are never written to). */
function appendRevenue(cols: RevenueColumns, records: readonly RevenueRecord[]): RevenueColumns {
  const more = revenueColumns(records);
  const join = (a: readonly string[], b: readonly string[]): { values: string[]; map: Int32Array } => {
    const values = [...a];
    const index = new Map(values.map((v, i) => [v, i] as const));
    const map = Int32Array.from(b, (v) => {
      let i = index.get(v);
      if (i === undefined) { i = values.length; values.push(v); index.set(v, i); }
      return i;
    });
    return { values, map };
  };
  const partners = join(cols.partnerIds, more.partnerIds), products = join(cols.products, more.products), attributions = join(cols.attributions, more.attributions);
  const n = cols.length, k = more.length;
  const cat = <A extends Int32Array | Uint8Array | Float64Array>(a: A, b: ArrayLike<number>, make: (len: number) => A): A => {
    const out = make(n + k);
    out.set(a.subarray(0, n));
    out.set(b, n);
    return out;
  };
  return {
    kind: 'revenue-columns',
    length: n + k,
    partnerIds: partners.values,
    products: products.values,
    attributions: attributions.values,
    partner: cat(cols.partner, Array.from(more.partner, (i) => partners.map[i] as number), (l) => new Int32Array(l)),
    product: cat(cols.product, Array.from(more.product, (i) => products.map[i] as number), (l) => new Int32Array(l)),
    attribution: cat(cols.attribution, Array.from(more.attribution, (i) => attributions.map[i] as number), (l) => new Int32Array(l)),
    day: cat(cols.day, more.day, (l) => new Int32Array(l)),
    amountCents: cat(cols.amountCents, more.amountCents, (l) => new Float64Array(l)),
  };
}

/** Certification columns followed by more rows; a person already there (same partner and key) stays one person. */
function appendCertifications(cols: CertificationColumns, records: readonly CertificationRecord[]): CertificationColumns {
  const more = certificationColumns(records);
  const partnerIds = [...cols.partnerIds];
  const pIndex = new Map(partnerIds.map((v, i) => [v, i] as const));
  const pMap = Int32Array.from(more.partnerIds, (v) => {
    let i = pIndex.get(v);
    if (i === undefined) { i = partnerIds.length; partnerIds.push(v); pIndex.set(v, i); }
    return i;
  });
  const exams = [...cols.exams];
  const eIndex = new Map(exams.map((v, i) => [v, i] as const));
  const eMap = Int32Array.from(more.exams, (v) => {
    let i = eIndex.get(v);
    if (i === undefined) { i = exams.length; exams.push(v); eIndex.set(v, i); }
    return i;
  });
  const keys = [...cols.individualKeys], names = [...cols.individualNames], personPartner = Array.from(cols.individualPartner);
  const people = new Map<string, number>();
  keys.forEach((key, who) => people.set(`${personPartner[who] as number}\u0000${key}`, who));
  const wMap = more.individualKeys.map((key, who) => {
    const p = pMap[more.individualPartner[who] as number] as number;
    const compound = `${p}\u0000${key}`;
    let i = people.get(compound);
    if (i === undefined) { i = keys.length; keys.push(key); names.push(more.individualNames[who] as string); personPartner.push(p); people.set(compound, i); }
    return i;
  });
  const n = cols.length, k = more.length;
  const partner = new Int32Array(n + k), individual = new Int32Array(n + k), exam = new Int32Array(n + k), day = new Int32Array(n + k), active = new Uint8Array(n + k);
  partner.set(cols.partner.subarray(0, n)); individual.set(cols.individual.subarray(0, n)); exam.set(cols.exam.subarray(0, n));
  day.set(cols.day.subarray(0, n)); active.set(cols.active.subarray(0, n));
  for (let i = 0; i < k; i++) {
    partner[n + i] = pMap[more.partner[i] as number] as number;
    individual[n + i] = wMap[more.individual[i] as number] as number;
    exam[n + i] = eMap[more.exam[i] as number] as number;
    day[n + i] = more.day[i] as number;
    active[n + i] = more.active[i] as number;
  }
  return {
    kind: 'certification-columns', length: n + k, partnerIds, individualKeys: keys, individualNames: names,
    individualPartner: Int32Array.from(personPartner), exams, partner, individual, exam, day, active,
  };
}

/**
 * The evaluation input with the assumptions added as rows (after the input's own, so reasons
 * of the input's rows keep their indices). The input is not changed.
 * @example evaluate(withAssumptions(input, { passes: [{ partnerId: "P1", individual: "Sara Conti", exam: "MB2-710", date: "2018-03-01" }] }))
 */
export function withAssumptions(input: EvaluationInput, assumptions: Assumptions): EvaluationInput {
  const extra = assumedRecords(matchIndividuals(assumptions, input.certifications), input.rulebooks ?? builtInRulebooks(), input.productMapping);
  const revenue = Array.isArray(input.revenue)
    ? [...(input.revenue as readonly RevenueRecord[]), ...extra.revenue]
    : appendRevenue(input.revenue as RevenueColumns, extra.revenue);
  const certifications = Array.isArray(input.certifications)
    ? [...(input.certifications as readonly CertificationRecord[]), ...extra.certifications]
    : appendCertifications(input.certifications as CertificationColumns, extra.certifications);
  return { ...input, revenue, certifications };
}

/**
 * The timeline with the assumptions counted whatever their date (the real rows only up to the
 * as-of date): the forecast a user sees after ticking "Sara Conti passes MB2-710 in March".
 * Throws nothing for unusable assumptions: check them first with checkAssumptions.
 * @example whatIf(input, { passes: [{ individual: "Sara Conti", exam: "MB2-710", date: "2018-03-01" }] }).partners[0].outlook.rises
 */
export function whatIf(input: EvaluationInput, assumptions: Assumptions, options: Omit<TimelineOptions, 'extra'> = {}): Timeline {
  return timeline(input, { ...options, extra: assumedRecords(matchIndividuals(assumptions, input.certifications), input.rulebooks ?? builtInRulebooks(), input.productMapping) });
}

/**
 * The day an assumed pass "in a month" is dated: the month's first day, or the as-of date when
 * that month is the as-of month (a pass this month counts from today, not from the past).
 * @example passDateInMonth("2018-03", "2018-03-15") === "2018-03-15"; passDateInMonth("2018-04", "2018-03-15") === "2018-04-01"
 */
export function passDateInMonth(month: string, asOf: IsoDate): IsoDate | undefined {
  const first = dayFromIsoMonth(month), T = dayFromIso(asOf);
  if (first === undefined || T === undefined) return undefined;
  if (monthOfDay(T) === monthOfDay(first)) return asOf;
  return `${month}-01`;
}
