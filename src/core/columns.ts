/**
 * Column-oriented, interned input tables. Why: a distributor's workbook has a million revenue
 * rows; the evaluator's hot loop then touches only typed arrays of small integers (which partner,
 * which product, which day, how many cents) and never hashes a string. The sheets layer fills
 * these builders while it parses cells; tests and small callers pass plain records instead and
 * the evaluator builds the columns itself.
 */
import { dayFromIso, dayFromIsoMonth } from './dates';
import { normalizeName } from './rulebook';

/** A revenue row as plain data (docs/rules.md 3). */
export interface RevenueRecord {
  /** Absent or null: the workbook is about one organisation. */
  readonly partnerId?: string | null | undefined;
  readonly customer?: string | undefined;
  readonly product: string;
  /** "YYYY-MM-DD", or "YYYY-MM" for a month-only row. */
  readonly date: string;
  /** Integer US cents; may be negative (credits, cancellations). */
  readonly amountCents: number;
  /** "DPOR", "CPOR", "Transacting", ...; absent means assumed DPOR (the sheets layer warns once). */
  readonly attribution?: string | undefined;
}

/** A certification row as plain data (docs/rules.md 6-7). */
export interface CertificationRecord {
  readonly partnerId?: string | null | undefined;
  /** An MCP ID, an e-mail or a name; compared case- and space-insensitively. */
  readonly individual: string;
  /** An exam code in any common spelling, or its title. */
  readonly exam: string;
  /** "YYYY-MM-DD". */
  readonly datePassed: string;
  /** False when the individual has left the organisation. Absent means still there. */
  readonly active?: boolean | undefined;
}

/** A partners-sheet row. */
export interface PartnerRecord {
  readonly partnerId: string;
  readonly name?: string | undefined;
  readonly market?: 'developed' | 'developing' | undefined;
}

/** A day that could not be read: such rows never count. */
export const NO_DAY = -2147483648;

/**
 * Amounts of US$10 trillion or more (the sheets layer's limit too) are unreadable: below it every
 * amount is an exact integer of cents and no sum of rows can overflow to Infinity or NaN.
 */
const AMOUNT_LIMIT_CENTS = 1e15;

class Interner {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  /** The value asked for last and its index: sorted exports repeat a value row after row. */
  private last: string | undefined;
  private lastIndex = -1;
  /** Index of a value, added on first sight. */
  of(value: string): number {
    if (value === this.last) return this.lastIndex;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    this.last = value;
    this.lastIndex = i;
    return i;
  }
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T {
  const b = make(a.length * 2);
  b.set(a);
  return b;
}

/** Revenue rows as columns. Build with RevenueColumnsBuilder or revenueColumns(records). */
export interface RevenueColumns {
  readonly kind: 'revenue-columns';
  readonly length: number;
  /** Distinct partner ids; "" is the one organisation of a workbook without partner ids. */
  readonly partnerIds: readonly string[];
  readonly products: readonly string[];
  /** Distinct attribution spellings; "" means none given (assumed DPOR). */
  readonly attributions: readonly string[];
  readonly partner: Int32Array;
  readonly product: Int32Array;
  readonly attribution: Int32Array;
  /** Epoch day; month-only rows hold the first day of their month (a month counts whole: docs/rules.md 3); NO_DAY when unreadable. */
  readonly day: Int32Array;
  readonly amountCents: Float64Array;
}

/**
 * Appends revenue rows one by one into growing typed arrays.
 * @example const b = new RevenueColumnsBuilder(); b.add("P1", "CRM Online", dayFromIso("2018-01-05")!, 12_50, "DPOR"); b.build().length === 1
 */
export class RevenueColumnsBuilder {
  private n = 0;
  private readonly partners = new Interner();
  private readonly productsI = new Interner();
  private readonly attributionsI = new Interner();
  private partner: Int32Array;
  private product: Int32Array;
  private attribution: Int32Array;
  private day: Int32Array;
  private amount: Float64Array;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.partner = new Int32Array(c);
    this.product = new Int32Array(c);
    this.attribution = new Int32Array(c);
    this.day = new Int32Array(c);
    this.amount = new Float64Array(c);
  }

  /** Adds one row; returns its index. `day` is an epoch day (NO_DAY when unreadable). */
  add(partnerId: string | null | undefined, product: string, day: number, amountCents: number, attribution: string | undefined): number {
    if (this.n === this.partner.length) {
      this.partner = grow(this.partner, (k) => new Int32Array(k));
      this.product = grow(this.product, (k) => new Int32Array(k));
      this.attribution = grow(this.attribution, (k) => new Int32Array(k));
      this.day = grow(this.day, (k) => new Int32Array(k));
      this.amount = grow(this.amount, (k) => new Float64Array(k));
    }
    const i = this.n++;
    this.partner[i] = this.partners.of(partnerId ?? '');
    this.product[i] = this.productsI.of(product);
    this.attribution[i] = this.attributionsI.of(attribution ?? '');
    this.day[i] = Number.isInteger(day) && Math.abs(day) < 1e8 ? day : NO_DAY;
    this.amount[i] = Number.isFinite(amountCents) && Math.abs(amountCents) < AMOUNT_LIMIT_CENTS ? Math.round(amountCents) : Number.NaN;
    return i;
  }

  /** The columns so far (views, not copies). */
  build(): RevenueColumns {
    const n = this.n;
    return {
      kind: 'revenue-columns',
      length: n,
      partnerIds: this.partners.values,
      products: this.productsI.values,
      attributions: this.attributionsI.values,
      partner: this.partner.subarray(0, n),
      product: this.product.subarray(0, n),
      attribution: this.attribution.subarray(0, n),
      day: this.day.subarray(0, n),
      amountCents: this.amount.subarray(0, n),
    };
  }
}

/** Certification rows as columns. */
export interface CertificationColumns {
  readonly kind: 'certification-columns';
  readonly length: number;
  readonly partnerIds: readonly string[];
  /** Distinct individuals of all partners: one entry per (partner, person key). */
  readonly individualKeys: readonly string[];
  /** How each individual was first written (for display). */
  readonly individualNames: readonly string[];
  /** Partner index of each individual. */
  readonly individualPartner: Int32Array;
  /** Distinct exam spellings as given. */
  readonly exams: readonly string[];
  readonly partner: Int32Array;
  readonly individual: Int32Array;
  readonly exam: Int32Array;
  readonly day: Int32Array;
  /** 1 still with the organisation (or not stated), 0 left. */
  readonly active: Uint8Array;
}

/**
 * The key that identifies a person: case and white space do not matter, nor how the text is
 * encoded ("José" typed on Windows, NFC, and on a Mac, NFD, is one person).
 * @example individualKey(" Ana  SOUZA ") === "anasouza"
 * @throws nothing
 */
export function individualKey(individual: string): string {
  return normalizeName(individual.normalize('NFC'));
}

/**
 * Appends certification rows into growing typed arrays, interning people per partner.
 * @example const b = new CertificationColumnsBuilder(); b.add(null, "Ana Souza", "MB2-714", dayFromIso("2017-09-01")!, true); b.build().individualKeys // ["anasouza"]
 */
export class CertificationColumnsBuilder {
  private n = 0;
  /** Rows added so far. */
  get length(): number { return this.n; }
  private readonly partners = new Interner();
  private readonly examsI = new Interner();
  /** Per partner index: person key -> individual index (two levels: no compound key string per row). */
  private readonly people: Map<string, number>[] = [];
  /**
   * Per partner index: a person's text as written -> individual index. A sheet names the same
   * people the same way over and over, so most rows take one look-up here and never normalise.
   */
  private readonly written: Map<string, number>[] = [];
  private readonly keys: string[] = [];
  private readonly names: string[] = [];
  private personPartner: number[] = [];
  private partner: Int32Array;
  private individual: Int32Array;
  private exam: Int32Array;
  private day: Int32Array;
  private active: Uint8Array;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.partner = new Int32Array(c);
    this.individual = new Int32Array(c);
    this.exam = new Int32Array(c);
    this.day = new Int32Array(c);
    this.active = new Uint8Array(c);
  }

  /**
   * Adds one row; returns its index. `individual` identifies the person (an MCP ID, an e-mail or
   * a name); `displayName`, when given, is how they are shown (a name even when keyed by MCP ID).
   */
  add(partnerId: string | null | undefined, individual: string, exam: string, day: number, active: boolean, displayName?: string): number {
    if (this.n === this.partner.length) {
      this.partner = grow(this.partner, (k) => new Int32Array(k));
      this.individual = grow(this.individual, (k) => new Int32Array(k));
      this.exam = grow(this.exam, (k) => new Int32Array(k));
      this.day = grow(this.day, (k) => new Int32Array(k));
      this.active = grow(this.active, (k) => new Uint8Array(k));
    }
    const i = this.n++;
    const p = this.partners.of(partnerId ?? '');
    const written = this.written[p] ??= new Map<string, number>();
    let person = written.get(individual);
    if (person === undefined) {
      const key = individualKey(individual);
      const ofPartner = this.people[p] ??= new Map<string, number>();
      person = ofPartner.get(key);
      if (person === undefined) {
        person = this.keys.length;
        ofPartner.set(key, person);
        this.keys.push(key);
        this.names.push((displayName !== undefined && displayName.trim() !== '' ? displayName : individual).trim().replace(/\s+/g, ' '));
        this.personPartner.push(p);
      }
      written.set(individual, person);
    }
    this.partner[i] = p;
    this.individual[i] = person;
    this.exam[i] = this.examsI.of(exam);
    this.day[i] = Number.isInteger(day) && Math.abs(day) < 1e8 ? day : NO_DAY;
    this.active[i] = active ? 1 : 0;
    return i;
  }

  /** The individual (index into individualKeys) of a row added. */
  individualOf(row: number): number {
    return this.individual[row] ?? -1;
  }

  /** The columns so far. */
  build(): CertificationColumns {
    const n = this.n;
    return {
      kind: 'certification-columns',
      length: n,
      partnerIds: this.partners.values,
      individualKeys: this.keys,
      individualNames: this.names,
      individualPartner: Int32Array.from(this.personPartner),
      exams: this.examsI.values,
      partner: this.partner.subarray(0, n),
      individual: this.individual.subarray(0, n),
      exam: this.exam.subarray(0, n),
      day: this.day.subarray(0, n),
      active: this.active.subarray(0, n),
    };
  }
}

/** A record's date as an epoch day: a day, else the first day of a month ("2018-01"), else NO_DAY. */
function recordDay(date: string): number {
  const d = typeof date === 'string' ? dayFromIso(date) : undefined;
  if (d !== undefined) return d;
  const m = typeof date === 'string' ? dayFromIsoMonth(date) : undefined;
  return m ?? NO_DAY;
}

/**
 * Columns from plain revenue records (same order, so reasons line up with the records).
 * @example revenueColumns([{ product: "CRM Online", date: "2018-01", amountCents: 100 }]).day[0] === dayFromIso("2018-01-01")
 */
export function revenueColumns(records: readonly RevenueRecord[]): RevenueColumns {
  const b = new RevenueColumnsBuilder(records.length);
  for (const r of records) {
    b.add(r.partnerId, typeof r.product === 'string' ? r.product : '', recordDay(r.date), r.amountCents, r.attribution);
  }
  return b.build();
}

/**
 * Columns from plain certification records (same order).
 * @example certificationColumns([{ individual: "Ana", exam: "MB2-714", datePassed: "2017-09-01" }]).length === 1
 */
export function certificationColumns(records: readonly CertificationRecord[]): CertificationColumns {
  const b = new CertificationColumnsBuilder(records.length);
  for (const r of records) {
    const d = typeof r.datePassed === 'string' ? dayFromIso(r.datePassed) : undefined;
    b.add(r.partnerId, typeof r.individual === 'string' ? r.individual : '', typeof r.exam === 'string' ? r.exam : '', d ?? NO_DAY, r.active !== false);
  }
  return b.build();
}
