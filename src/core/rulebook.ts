/**
 * Rulebooks: the competency rules as data (docs/rules.md 2-6). Each one is checked against a schema
 * when loaded, then compiled into lookup tables the evaluator can use in its hot loops.
 */
import { checkSchema, type Schema } from './schema';
import { RulebookError, UnknownRulebookError } from './errors';
import { dayFromIso, type IsoDate } from './dates';
import { CATALOGUE_SCHEMA, compileCatalogue, type ProductCatalogueData, type ProductKind } from './products';
import july2017 from './rulebooks/cloud-crm-2017-07.json';
import november2017 from './rulebooks/cloud-crm-2017-11.json';

/** The role an exam fills. */
export type ExamRole = 'application' | 'deployment' | 'customization';
/** Competency levels that can be attained. */
export type AttainableLevel = 'silver' | 'gold';
/** A partner's market. */
export type Market = 'developed' | 'developing';

/** A rulebook as written in JSON. */
export interface RulebookData {
  readonly id: string;
  readonly name: string;
  readonly effectiveFrom: IsoDate;
  readonly source: string;
  readonly products: readonly { readonly name: string; readonly aliases: readonly string[] }[];
  /** Product families as billing systems write them, and products known not to count (optional). */
  readonly productCatalogue?: ProductCatalogueData;
  readonly acceptedAttributions: readonly string[];
  readonly thresholdsUsd: Readonly<Record<AttainableLevel, Readonly<Record<Market, number>>>>;
  readonly slots: Readonly<Record<AttainableLevel, { readonly applicationDeployment: number; readonly customization: number }>>;
  readonly exams: readonly {
    readonly code: string;
    readonly role: ExamRole;
    readonly titles: readonly string[];
    readonly availableFrom?: IsoDate;
    readonly retiredAfter?: IsoDate;
    readonly acceptedUntil?: IsoDate;
  }[];
}

/** An exam of a loaded rulebook, with its dates as epoch days. */
export interface Exam {
  readonly code: string;
  readonly role: ExamRole;
  readonly titles: readonly string[];
  /** First day a pass can exist; a pass before it is a data error. */
  readonly availableFromDay: number;
  /** Last day the exam can be taken (it retires after this day); Infinity when not retiring. */
  readonly retiredAfterDay: number;
  /** Last as-of day on which a pass still counts; Infinity when there is no limit. */
  readonly acceptedUntilDay: number;
}

/** A validated, compiled rulebook. */
export interface Rulebook {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  readonly effectiveFrom: IsoDate;
  readonly effectiveFromDay: number;
  readonly products: RulebookData['products'];
  readonly thresholdsCents: Readonly<Record<AttainableLevel, Readonly<Record<Market, number>>>>;
  readonly slots: RulebookData['slots'];
  /** Exams by code ("MB2-714"). */
  readonly exams: ReadonlyMap<string, Exam>;
  /** True when a product name (any spelling) is eligible. */
  isEligibleProduct(product: string): boolean;
  /**
   * Eligible, known not to count, or unknown (neither in `products` nor in the catalogue). Without
   * a catalogue every name outside `products` is not eligible.
   */
  classifyProduct(product: string): ProductKind;
  /** A product name's key for matching a user's product mapping: order, case and spacing do not matter. */
  productKey(product: string): string;
  /** True when an attribution type (any spelling) is accepted. */
  isAcceptedAttribution(attribution: string): boolean;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const levels = (inner: Schema): Schema => ({ type: 'object', properties: { silver: inner, gold: inner } });
const money: Schema = { type: 'number', minimum: 0 };
const count: Schema = { type: 'number', integer: true, minimum: 0 };

/** The schema every rulebook must satisfy. */
export const RULEBOOK_SCHEMA: Schema = {
  type: 'object',
  optional: ['productCatalogue'],
  properties: {
    id: { type: 'string', pattern: /^[a-z0-9-]+$/ },
    name: { type: 'string', minLength: 1 },
    effectiveFrom: { type: 'string', pattern: ISO },
    source: { type: 'string' },
    products: { type: 'array', minItems: 1, items: { type: 'object', properties: { name: { type: 'string', minLength: 1 }, aliases: { type: 'array', items: { type: 'string', minLength: 1 } } } } },
    productCatalogue: CATALOGUE_SCHEMA,
    acceptedAttributions: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    thresholdsUsd: levels({ type: 'object', properties: { developed: money, developing: money } }),
    slots: levels({ type: 'object', properties: { applicationDeployment: count, customization: count } }),
    exams: {
      type: 'array', minItems: 1, items: {
        type: 'object',
        optional: ['availableFrom', 'retiredAfter', 'acceptedUntil'],
        properties: {
          code: { type: 'string', pattern: /^[A-Z0-9]+-[0-9]+$/ },
          role: { type: 'string', enum: ['application', 'deployment', 'customization'] },
          titles: { type: 'array', items: { type: 'string', minLength: 1 } },
          availableFrom: { type: 'string', pattern: ISO },
          retiredAfter: { type: 'string', pattern: ISO },
          acceptedUntil: { type: 'string', pattern: ISO },
        },
      },
    },
  },
};

/**
 * Lower-cases and removes all white space: names are matched "case- and space-insensitively".
 * @example normalizeName(" Dynamics 365  Plan 1 ") === "dynamics365plan1"
 */
export function normalizeName(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

/**
 * An attribution as compared: Unicode NFC, lower case, without spaces and punctuation, so
 * "D.P.O.R.", "dpor" and "Digital Partner-of-Record" match their rulebook spellings.
 * @example attributionKey("D.P.O.R.") === "dpor"
 */
export function attributionKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[\s.\-_'’·:]+/g, '');
}

/** "words (abbreviation)" or "abbreviation (words)", with ASCII or full-width brackets. */
const BRACKETED = /^(.+?)\s*[(（]\s*(.+?)\s*[)）]$/u;

function day(path: string, iso: string): number {
  const d = dayFromIso(iso);
  if (d === undefined) throw new RulebookError(path, `"${iso}" is not a calendar day`);
  return d;
}

/**
 * Validates rulebook JSON and compiles it. Throws RulebookError with the exact path of the
 * first problem (schema, impossible dates, duplicate exams, Gold below Silver).
 * @example loadRulebook(JSON.parse(text)).id === "cloud-crm-2017-11"
 */
export function loadRulebook(json: unknown): Rulebook {
  checkSchema(RULEBOOK_SCHEMA, json);
  const data = json as RulebookData;
  const effectiveFromDay = day('$.effectiveFrom', data.effectiveFrom);
  const exams = new Map<string, Exam>();
  const titleOwners = new Map<string, string>();
  data.exams.forEach((e, i) => {
    const path = `$.exams[${i}]`;
    if (exams.has(e.code)) throw new RulebookError(`${path}.code`, `duplicate exam ${e.code}`);
    const exam: Exam = {
      code: e.code,
      role: e.role,
      titles: e.titles,
      availableFromDay: e.availableFrom === undefined ? -Infinity : day(`${path}.availableFrom`, e.availableFrom),
      retiredAfterDay: e.retiredAfter === undefined ? Infinity : day(`${path}.retiredAfter`, e.retiredAfter),
      acceptedUntilDay: e.acceptedUntil === undefined ? Infinity : day(`${path}.acceptedUntil`, e.acceptedUntil),
    };
    if (exam.acceptedUntilDay < exam.availableFromDay) throw new RulebookError(`${path}.acceptedUntil`, 'is before availableFrom');
    // A title names one exam: the same title under two codes would read a pass as either.
    e.titles.forEach((title, k) => {
      const key = titleKey(title), other = titleOwners.get(key);
      if (other !== undefined && other !== e.code) throw new RulebookError(`${path}.titles[${k}]`, `"${title}" is already a title of ${other}`);
      titleOwners.set(key, e.code);
    });
    exams.set(e.code, exam);
  });
  for (const market of ['developed', 'developing'] as const) {
    if (data.thresholdsUsd.gold[market] < data.thresholdsUsd.silver[market]) {
      throw new RulebookError(`$.thresholdsUsd.gold.${market}`, 'Gold threshold is below Silver');
    }
  }
  for (const role of ['applicationDeployment', 'customization'] as const) {
    if (data.slots.gold[role] < data.slots.silver[role]) throw new RulebookError(`$.slots.gold.${role}`, 'Gold needs fewer slots than Silver');
  }
  // The exam planner encodes a plan's picks in one double; six slots keep that exact.
  if (data.slots.gold.applicationDeployment + data.slots.gold.customization > 6) throw new RulebookError('$.slots.gold', 'at most 6 slots in all are supported');
  const products = new Set<string>();
  for (const p of data.products) for (const n of [p.name, ...p.aliases]) products.add(normalizeName(n));
  const catalogue = data.productCatalogue === undefined ? undefined : compileCatalogue(data.productCatalogue, '$.productCatalogue');
  // The catalogue's known non-counting products win even over a listed spelling, so no alias can
  // make an ERP product count; then the listed spellings (exact, as before), then the catalogue.
  const classifyProduct = (product: string): ProductKind => {
    const c = catalogue?.classify(product);
    if (c?.kind === 'not-eligible') return 'not-eligible';
    if (products.has(normalizeName(product))) return 'eligible';
    return c?.kind ?? 'not-eligible';
  };
  const productKey = (product: string): string => catalogue?.key(product) ?? normalizeName(product);
  const attributions = new Set(data.acceptedAttributions.map(attributionKey));
  // "Parceiro Digital de Registro (DPOR)": the words or the abbreviation in brackets decide.
  const isAcceptedAttribution = (attribution: string): boolean => {
    if (attributions.has(attributionKey(attribution))) return true;
    const m = BRACKETED.exec(attribution.trim());
    return m !== null && (attributions.has(attributionKey(m[1] as string)) || attributions.has(attributionKey(m[2] as string)));
  };
  const cents = (usd: number): number => Math.round(usd * 100);
  return Object.freeze({
    id: data.id,
    name: data.name,
    source: data.source,
    effectiveFrom: data.effectiveFrom,
    effectiveFromDay,
    products: data.products,
    thresholdsCents: {
      silver: { developed: cents(data.thresholdsUsd.silver.developed), developing: cents(data.thresholdsUsd.silver.developing) },
      gold: { developed: cents(data.thresholdsUsd.gold.developed), developing: cents(data.thresholdsUsd.gold.developing) },
    },
    slots: data.slots,
    exams,
    isEligibleProduct: (product: string) => classifyProduct(product) === 'eligible',
    classifyProduct,
    productKey,
    isAcceptedAttribution,
  });
}

let builtIns: readonly Rulebook[] | undefined;

/**
 * The rulebooks that ship with the product, oldest first (loaded and validated once).
 * @example builtInRulebooks().map((r) => r.id) // ["cloud-crm-2017-07", "cloud-crm-2017-11"]
 */
export function builtInRulebooks(): readonly Rulebook[] {
  builtIns ??= sortRulebooks([loadRulebook(july2017), loadRulebook(november2017)]);
  return builtIns;
}

/** Rulebooks ordered by effective date (ties by id), as selection expects. */
export function sortRulebooks(books: readonly Rulebook[]): readonly Rulebook[] {
  return [...books].sort((a, b) => a.effectiveFromDay - b.effectiveFromDay || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Which rulebook applies, and whether the as-of date was before every rulebook. */
export interface RulebookChoice {
  readonly rulebook: Rulebook;
  readonly beforeFirst: boolean;
  readonly forced: boolean;
}

/**
 * The rulebook in force on an epoch day: the latest effective on or before it; before the first
 * one, the first one (flagged, so callers can warn). A forced id wins and must exist.
 * @example chooseRulebook(dayFromIso("2018-03-15")!).rulebook.id === "cloud-crm-2017-11"
 */
export function chooseRulebook(asOfDay: number, forcedId?: string, books: readonly Rulebook[] = builtInRulebooks()): RulebookChoice {
  if (forcedId !== undefined) {
    const forced = books.find((b) => b.id === forcedId);
    if (!forced) throw new UnknownRulebookError(forcedId, books.map((b) => b.id));
    return { rulebook: forced, beforeFirst: false, forced: true };
  }
  const first = books[0];
  if (!first) throw new UnknownRulebookError('(none)', []);
  let chosen = first;
  for (const b of books) if (b.effectiveFromDay <= asOfDay) chosen = b;
  return { rulebook: chosen, beforeFirst: asOfDay < first.effectiveFromDay, forced: false };
}

/** An exam title as compared: letters and digits only, lower case. */
const titleKey = (title: string): string => normalizeName(title).replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Every exam code written in a text, in order, each once: "MB2-714, MB2-710" is two passes.
 * @example examCodesIn("MB2-714, mb2 710") // ["MB2-714", "MB2-710"]
 * @throws nothing
 */
export function examCodesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CODES)) {
    const code = `${(m[1] ?? '').toUpperCase()}${m[2] ?? ''}-${m[3] ?? ''}`;
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

const CODE = /(?<![A-Za-z0-9])([A-Za-z]{2})\s*([0-9])\s*[-‐‑‒–—_.:\s]?\s*([0-9]{3})(?![0-9])/u;

const CODES = new RegExp(CODE.source, 'gu');

let titleIndex: { byTitle: Map<string, string>; titles: [string, string][] } | undefined;

function titles(books: readonly Rulebook[]): { byTitle: Map<string, string>; titles: [string, string][] } {
  if (books === builtIns && titleIndex) return titleIndex;
  const byTitle = new Map<string, string>();
  for (const b of books) for (const e of b.exams.values()) for (const t of e.titles) byTitle.set(titleKey(t), e.code);
  // Longest first, so "…CRM 2016 Customization and Configuration" wins over "…CRM Customization…".
  const index = { byTitle, titles: [...byTitle.entries()].sort((a, b) => b[0].length - a[0].length) };
  if (books === builtIns) titleIndex = index;
  return index;
}

/**
 * Reads an exam written in any common way: "mb2 714", "MB2714", "Exam MB2-714", "Prüfung MB2-714",
 * "MB2-714: Dynamics CRM Customer Service", or the exam's title. Returns the canonical code
 * ("MB2-714"), or undefined when no exam can be recognised.
 * @example normalizeExamCode("Prüfung mb2 714") === "MB2-714"
 */
export function normalizeExamCode(text: string, books: readonly Rulebook[] = builtInRulebooks()): string | undefined {
  const m = CODE.exec(text);
  if (m) return `${(m[1] ?? '').toUpperCase()}${m[2] ?? ''}-${m[3] ?? ''}`;
  const key = titleKey(text);
  if (key === '') return undefined;
  const index = titles(books);
  const exact = index.byTitle.get(key);
  if (exact) return exact;
  for (const [title, code] of index.titles) if (key.includes(title)) return code;
  return undefined;
}

/**
 * Exams that fill a role and can be passed on a day and counted: available, not retired, still
 * accepted. Exam plans and "needs a ... exam too" reasons both list these.
 * @example takeableExams(rulebook, "deployment", dayFromIso("2018-03-15")!) // ["MB2-710", "MB2-706", "MB2-715"]
 */
export function takeableExams(rulebook: Rulebook, role: ExamRole, day: number): string[] {
  return [...rulebook.exams.values()]
    .filter((x) => x.role === role && x.availableFromDay <= day && x.retiredAfterDay >= day && x.acceptedUntilDay >= day)
    .map((x) => x.code);
}

/**
 * The role an exam fills under the rulebook in force on a day, or undefined when that rulebook
 * does not list it. Backs MPN.EXAMROLE.
 * @example examRole("MB2-715", dayFromIso("2018-01-10")!) === "deployment"
 */
export function examRole(code: string, asOfDay: number, forcedId?: string): ExamRole | undefined {
  const normal = normalizeExamCode(code);
  if (normal === undefined) return undefined;
  return chooseRulebook(asOfDay, forcedId).rulebook.exams.get(normal)?.role;
}
