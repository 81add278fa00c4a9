/**
 * Phase 2 of an evaluation: one pass over the certification rows. For each person and role it
 * records, per rulebook of the scope, the last as-of day on which their passes still count;
 * every row gets its reason (slot-dependent reasons are settled in phase 5). People are then
 * grouped by partner for the per-partner phases.
 */
import type { CertificationColumns } from '../columns';
import { CC } from '../reasons';
import { normalizeExamCode, type ExamRole } from '../rulebook';
import { UNREADABLE_DAY_BELOW, type Scope } from './scope';

/** Roles as numbers: a person's three "until" days are stored at person * ROLES + role. */
export const ROLE_INDEX: Readonly<Record<ExamRole, number>> = { application: 0, deployment: 1, customization: 2 };
export const ROLES = 3;
export const APPLICATION = ROLE_INDEX.application, DEPLOYMENT = ROLE_INDEX.deployment, CUSTOMIZATION = ROLE_INDEX.customization;
/** Role of an exam that a rulebook does not list. */
const NO_ROLE = -1;

/** What the certification pass leaves for the later phases. */
export interface PassRecord {
  /** Per rulebook of the scope, per distinct exam of the columns: its role (NO_ROLE when not listed). */
  readonly examRole: readonly Int8Array[];
  /**
   * Per rulebook: per person * ROLES + role, the last as-of day a pass in that role counts
   * (-Infinity: none). A person is qualified for a role on day d when until >= d.
   */
  readonly until: readonly Float64Array[];
  /** Per person: 1 when at least one row says they are still with the partner. */
  readonly hasActiveRow: Uint8Array;
  /** Per row: an index into CERTIFICATION_REASONS. */
  readonly reasons: Uint8Array;
  /** Per partner: its certification rows. */
  readonly rows: Int32Array;
  /** People of partner p are peopleOrder[peopleStart[p] .. peopleStart[p + 1]). */
  readonly peopleStart: Int32Array;
  readonly peopleOrder: Int32Array;
}

/**
 * Records who holds which role until when, and each row's reason.
 * @example recordPasses(columns, partners.certificationPartnerOf, partners.ids.length, scope).until[0]
 */
export function recordPasses(cert: CertificationColumns, partnerOf: Int32Array, partnerCount: number, scope: Scope): PassRecord {
  const cc = CC, unreadableBelow = UNREADABLE_DAY_BELOW; // locals: see sumRevenue
  const { asOfDay, books, rulebooks } = scope;
  const bookCount = rulebooks.length;
  const examCount = cert.exams.length;
  const known = new Uint8Array(examCount);
  const examRole = rulebooks.map(() => new Int8Array(examCount).fill(NO_ROLE));
  const examFrom = rulebooks.map(() => new Float64Array(examCount));
  const examUntil = rulebooks.map(() => new Float64Array(examCount));
  cert.exams.forEach((raw, e) => {
    const code = normalizeExamCode(raw, books);
    if (code === undefined) return;
    if (books.some((b) => b.exams.has(code))) known[e] = 1;
    rulebooks.forEach((b, r) => {
      const exam = b.exams.get(code);
      if (!exam) return;
      (examRole[r] as Int8Array)[e] = ROLE_INDEX[exam.role];
      (examFrom[r] as Float64Array)[e] = exam.availableFromDay;
      (examUntil[r] as Float64Array)[e] = exam.acceptedUntilDay;
    });
  });
  const people = cert.individualKeys.length;
  const until = rulebooks.map(() => new Float64Array(people * ROLES).fill(-Infinity));
  const hasActiveRow = new Uint8Array(people);
  const rowCount = cert.length;
  const reasons = new Uint8Array(rowCount);
  const rows = new Int32Array(partnerCount);
  const { partner: rowPartner, individual: rowPerson, exam: rowExam, day: rowDay, active: rowActive } = cert;
  const inForceRole = examRole[0] as Int8Array, inForceFrom = examFrom[0] as Float64Array, inForceUntil = examUntil[0] as Float64Array;
  for (let i = 0; i < rowCount; i++) {
    rows[partnerOf[rowPartner[i] as number] as number]!++;
    const who = rowPerson[i] as number;
    const exam = rowExam[i] as number;
    const day = rowDay[i] as number;
    if (cert.individualKeys[who] === '') { reasons[i] = cc.InvalidIndividual; continue; }
    if (day < unreadableBelow) { reasons[i] = cc.InvalidDate; continue; }
    if (!rowActive[i]) { reasons[i] = cc.Left; continue; }
    hasActiveRow[who] = 1;
    for (let r = 0; r < bookCount; r++) {
      const role = (examRole[r] as Int8Array)[exam] as number;
      if (role >= 0 && day <= asOfDay && day >= ((examFrom[r] as Float64Array)[exam] as number)) {
        const holds = until[r] as Float64Array;
        const k = who * ROLES + role;
        const accepted = (examUntil[r] as Float64Array)[exam] as number;
        if (accepted > (holds[k] as number)) holds[k] = accepted;
      }
    }
    reasons[i] = !known[exam] ? cc.Unknown
      : (inForceRole[exam] as number) < 0 ? cc.NotAccepted
      : day > asOfDay ? cc.After
      : day < (inForceFrom[exam] as number) ? cc.BeforeAvailable
      : asOfDay > (inForceUntil[exam] as number) ? cc.NoLongerAccepted
      : cc.Counted;
  }

  // People of each partner (a counting sort by partner index).
  const peopleStart = new Int32Array(partnerCount + 1);
  const personPartner = Int32Array.from(cert.individualPartner, (k) => partnerOf[k] as number);
  for (let who = 0; who < people; who++) peopleStart[(personPartner[who] as number) + 1]!++;
  for (let p = 0; p < partnerCount; p++) peopleStart[p + 1]! += peopleStart[p] as number;
  const peopleOrder = new Int32Array(people);
  const next = peopleStart.slice(0, partnerCount);
  for (let who = 0; who < people; who++) peopleOrder[next[personPartner[who] as number]!++] = who;
  return { examRole, until, hasActiveRow, reasons, rows, peopleStart, peopleOrder };
}

/** |X| (application + deployment), |Y| (customization) and |X ∪ Y| of a partner's people on a day. */
export interface PeopleCounts {
  applicationDeployment: number;
  customization: number;
  either: number;
}

/**
 * Counts a partner's qualified people on a day under rulebook `book`, into `out` (reused: this
 * runs for every partner and every replayed event).
 * @example countPeople(passes, 0, partner, asOfDay, counts); counts.either
 */
export function countPeople(passes: PassRecord, book: number, partner: number, day: number, out: PeopleCounts): void {
  const holds = passes.until[book] as Float64Array;
  const { peopleStart, peopleOrder } = passes;
  let x = 0, y = 0, either = 0;
  for (let k = peopleStart[partner] as number, end = peopleStart[partner + 1] as number; k < end; k++) {
    const base = (peopleOrder[k] as number) * ROLES;
    const ad = (holds[base + APPLICATION] as number) >= day && (holds[base + DEPLOYMENT] as number) >= day;
    const c = (holds[base + CUSTOMIZATION] as number) >= day;
    if (ad) x++;
    if (c) y++;
    if (ad || c) either++;
  }
  out.applicationDeployment = x; out.customization = y; out.either = either;
}
