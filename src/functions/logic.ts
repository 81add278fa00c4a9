/**
 * What each MPN.* custom function computes, as plain functions that tests can call without
 * Excel: ranges in (with their header rows), a value or a FunctionError out. The custom functions
 * file only adapts these to Excel's error values. All competency logic is in core; all table
 * reading in sheets, exactly as the task pane and the CLI read tables.
 */
import { dayFromIso, examRole as coreExamRole, isoFromDay, type AttainableLevel, type Evaluation, type Market, type PartnerStatus } from '../core';
import { LOCALES, LocalizedError, t, WORDS, type Locale, type MessageArg, type MessageKey, type MessageParams } from '../i18n';
import {
  cellText, cellValue, cellValues, nextStepText, partnerIdKey, planText, readDate, readMarket, readWorkbook, runOfRead, timelineTable,
  type Cell, type OutCell, type Run, type SheetInput, type WorkbookRead,
} from '../sheets';

/** The keys of the functions' own argument errors. */
export type FunctionMessageKey = Extract<MessageKey, `fn.error.${string}`>;

/**
 * A bad argument (#VALUE!) or nothing to return (#N/A): a message key with typed parameters,
 * said in Excel's display language where the function answers (functions.ts). A text already in
 * the user's language (the live session's read failure) may be given as it is.
 * @example new FunctionError("value", "fn.error.asOf", { value: "someday" }).describe("de-DE") === 'stichtag: "someday" ist kein Datum'
 */
export class FunctionError<K extends FunctionMessageKey = FunctionMessageKey> extends LocalizedError<K | 'fn.error.rendered'> {
  readonly kind: 'value' | 'na';
  constructor(kind: 'value' | 'na', key: K, params: MessageParams<K, MessageArg>);
  constructor(kind: 'value' | 'na', rendered: string);
  constructor(kind: 'value' | 'na', keyOrText: string, params?: MessageParams<K, MessageArg>) {
    if (params === undefined) super('fn.error.rendered', { message: keyOrText } as unknown as MessageParams<K | 'fn.error.rendered', MessageArg>);
    else super(keyOrText as K, params as MessageParams<K | 'fn.error.rendered', MessageArg>);
    this.kind = kind;
  }
}

/** A range as Excel passes it: rows of cells, header row first. */
export type Range = readonly (readonly Cell[])[];

/** Settings every call shares. */
export interface CallContext {
  readonly locale: Locale;
  /** Today, "YYYY-MM-DD", the default as-of date. */
  readonly today: () => string;
}

// --- Reuse of parsed ranges. Excel hands over fresh arrays on every recalculation, so ranges
// are compared by content; a range that has not changed is not parsed again.

function sameRange(a: Range | undefined, b: Range | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r] as readonly Cell[], y = b[r] as readonly Cell[];
    if (x === y) continue;
    if (x.length !== y.length) return false;
    for (let c = 0; c < x.length; c++) if (x[c] !== y[c]) return false;
  }
  return true;
}

/**
 * Ranges read (all their rows, or one partner's), with their runs by as-of and market. A run
 * builds its data issues only when a function shows them (MPN.STATUS), never for MPN.LEVEL.
 */
interface Reading { readonly read: WorkbookRead; readonly runs: Map<string, Run> }
/**
 * Ranges seen, read lazily. A function about one partner (MPN.LEVEL and the other single-value
 * functions) reads, on ranges not seen before, only that partner's rows: a workbook's first
 * MPN.LEVEL then reads a hundred rows, not a hundred thousand. The first call about another
 * partner, or one that needs every partner, reads all rows once, and every later call uses that.
 */
interface ReadEntry {
  readonly ranges: readonly (Range | undefined)[];
  readonly locale: Locale;
  readonly sheets: readonly SheetInput[];
  all?: Reading;
  onePartner?: { readonly id: string; readonly reading: Reading };
}
const CACHE_SIZE = 8;
let cache: ReadEntry[] = [];
let parses = 0;

/** How many times ranges were read that the cache did not hold (by content); tests read it. */
export function parseCount(): number {
  return parses;
}

/** Forgets every parsed range (tests use it to measure a first call). */
export function clearCache(): void {
  cache = [];
}

function readRanges(ranges: (Range | undefined)[], locale: Locale): ReadEntry {
  const hit = cache.find((e) => e.locale === locale && e.ranges.length === ranges.length && e.ranges.every((r, i) => sameRange(r, ranges[i])));
  if (hit) {
    cache = [hit, ...cache.filter((e) => e !== hit)];
    return hit;
  }
  parses++;
  const names = ['revenue', 'certifications', 'partners'];
  // Entity and other rich cells (allowCustomDataForDataTypeAny) are read by their display value.
  const sheets = ranges.flatMap((values, i) => (values ? [{ name: names[i] ?? `range${i}`, values: cellValues(values) }] : []));
  const entry: ReadEntry = { ranges, locale, sheets };
  cache = [entry, ...cache].slice(0, CACHE_SIZE);
  return entry;
}

/** Every row of the ranges, read once. */
function allRows(entry: ReadEntry): Reading {
  entry.all ??= { read: readWorkbook({ sheets: entry.sheets }, { locale: entry.locale }), runs: new Map() };
  return entry.all;
}

/**
 * What to read for an answer about the partner `id` (undefined: not named, so every partner
 * counts): only its rows while no other partner has been asked about, else every row.
 */
function readingFor(entry: ReadEntry, id: string | undefined): Reading {
  if (id === undefined || entry.all) return allRows(entry);
  const one = entry.onePartner;
  if (one) return one.id === id ? one.reading : allRows(entry);
  const reading: Reading = { read: readWorkbook({ sheets: entry.sheets }, { locale: entry.locale, onlyPartner: id }), runs: new Map() };
  entry.onePartner = { id, reading };
  return reading;
}

/** The partner-id argument as the text partner ids are read as; undefined when omitted. */
function partnerIdOf(raw: unknown): string | undefined {
  const v = cellValue(raw);
  return isOmitted(v) ? undefined : cellText(v as Cell);
}

/** The run of ranges read, by as-of and market: the same Run as the CLI's and the task pane's. */
function cachedRun(reading: Reading, locale: Locale, asOf: string, market: Market | undefined): Run {
  const key = `${asOf}|${market ?? ''}`;
  let run = reading.runs.get(key);
  if (!run) {
    run = runOfRead(reading.read, { locale, asOf, defaultMarket: market });
    reading.runs.set(key, run);
  }
  return run;
}

/** The run of every row of cached ranges (functions showing issues or every partner). */
function runOfAll(entry: ReadEntry, asOf: string, market: Market | undefined): Run {
  return cachedRun(allRows(entry), entry.locale, asOf, market);
}

/** The evaluation alone (single-value functions show no data issues, so none are built). */
function evaluateCached(entry: ReadEntry, reading: Reading, asOf: string, market: Market | undefined): Evaluation {
  return cachedRun(reading, entry.locale, asOf, market).evaluation;
}

// --- Arguments.

function isOmitted(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function asRange(v: unknown, name: 'revenue' | 'certifications' | 'partners'): Range {
  if (!Array.isArray(v) || v.length < 1 || !v.every((row) => Array.isArray(row))) throw new FunctionError('value', 'fn.error.notRange', { name: (l) => t(l, `fn.arg.${name}`) });
  return v as Range;
}

/**
 * The as-of date argument: an Excel date (a serial, as TODAY() gives), text such as
 * "2018-03-15", or omitted for today.
 * @example asOfArg(43174, ctx) === "2018-03-15"
 */
export function asOfArg(raw: unknown, ctx: CallContext): string {
  const v = cellValue(raw);
  if (isOmitted(v)) return ctx.today();
  const r = readDate(v as Cell, ctx.locale, false);
  if (!r.ok || r.value.monthOnly && typeof v !== 'string') throw new FunctionError('value', 'fn.error.asOf', { value: cellText(v as Cell) });
  return isoFromDay(r.value.day);
}

/** The market argument; undefined when omitted. @example marketArg("Developing") === "developing" @throws FunctionError when it is no market. */
export function marketArg(raw: unknown): Market | undefined {
  const v = cellValue(raw);
  if (isOmitted(v)) return undefined;
  const m = readMarket(v as Cell);
  if (!m.ok) throw new FunctionError('value', 'fn.error.market', { value: cellText(v as Cell) });
  return m.value;
}

const LEVEL_WORDS: ReadonlyMap<string, AttainableLevel> = new Map(LOCALES.flatMap((l) => [
  [WORDS[l]['level.silver'].toLowerCase(), 'silver'], [WORDS[l]['level.gold'].toLowerCase(), 'gold'],
] as [string, AttainableLevel][]));

/** The level argument (Silver or Gold in any language). @example levelArg("Gold", true) === "gold" @throws FunctionError when it is no level, or missing and required. */
export function levelArg(raw: unknown, required: boolean): AttainableLevel | undefined {
  const v = cellValue(raw);
  if (isOmitted(v)) {
    if (required) throw new FunctionError('value', 'fn.error.levelMissing', {});
    return undefined;
  }
  const l = LEVEL_WORDS.get(cellText(v as Cell).toLowerCase());
  if (!l) throw new FunctionError('value', 'fn.error.level', { value: cellText(v as Cell) });
  return l;
}

function requireTable(read: WorkbookRead, kind: 'revenue' | 'certifications', locale: Locale): void {
  if (read.missing.includes(kind)) throw new FunctionError('value', t(locale, `issue.table.${kind}-missing`)); // already in the user's language
}

function partnerOf(ev: Evaluation, raw: unknown): PartnerStatus {
  const partnerId = cellValue(raw);
  if (isOmitted(partnerId)) {
    if (ev.partners.length === 1) return ev.partners[0] as PartnerStatus;
    throw new FunctionError('value', 'fn.error.partnerNeeded', { count: ev.partners.length });
  }
  const id = cellText(partnerId as Cell);
  // 123, "00123" and "123.0" name one partner, as the tables' partner ids do.
  const key = partnerIdKey(id);
  const p = ev.partners.find((x) => x.partnerId === key);
  if (!p) throw new FunctionError('na', 'fn.error.partnerUnknown', { id });
  return p;
}

/** What MPN.LEVEL returns for each level (the same words in every language, as the table forms always did). */
export const LEVEL_TEXT = { gold: 'Gold', silver: 'Silver', none: 'None' } as const;

/** MPN.LEVEL: "Gold", "Silver" or "None". @example level(revenue, certs, "Developed", "2018-03-15", "P1", ctx) === "Gold" */
export function level(revenue: unknown, certifications: unknown, market: unknown, asOf: unknown, partnerId: unknown, ctx: CallContext): string {
  const entry = readRanges([asRange(revenue, 'revenue'), asRange(certifications, 'certifications')], ctx.locale);
  const reading = readingFor(entry, partnerIdOf(partnerId));
  requireTable(reading.read, 'revenue', ctx.locale);
  requireTable(reading.read, 'certifications', ctx.locale);
  return LEVEL_TEXT[partnerOf(evaluateCached(entry, reading, asOfArg(asOf, ctx), marketArg(market)), partnerId).level];
}

/** MPN.TTMREVENUE: counted revenue of the 12-month window, US$. @example ttmRevenue(revenue, "2018-03-15", "P1", ctx) === 320000 */
export function ttmRevenue(revenue: unknown, asOf: unknown, partnerId: unknown, ctx: CallContext): number {
  const entry = readRanges([asRange(revenue, 'revenue')], ctx.locale);
  const reading = readingFor(entry, partnerIdOf(partnerId));
  requireTable(reading.read, 'revenue', ctx.locale);
  return partnerOf(evaluateCached(entry, reading, asOfArg(asOf, ctx), undefined), partnerId).ttmRevenueCents / 100;
}

/**
 * MPN.REVENUEGAP: US$ still needed for a level (default: the next level by revenue alone, since
 * this function sees no certifications); 0 when met.
 * @example revenueGap(revenue, "Gold", "Developing", "2018-03-15", "P2", ctx) === 30000
 */
export function revenueGap(revenue: unknown, levelArgument: unknown, market: unknown, asOf: unknown, partnerId: unknown, ctx: CallContext): number {
  const entry = readRanges([asRange(revenue, 'revenue')], ctx.locale);
  const reading = readingFor(entry, partnerIdOf(partnerId));
  requireTable(reading.read, 'revenue', ctx.locale);
  const lvl = levelArg(levelArgument, false);
  const p = partnerOf(evaluateCached(entry, reading, asOfArg(asOf, ctx), marketArg(market)), partnerId);
  const target: AttainableLevel = lvl ?? (p.revenueMet.silver ? 'gold' : 'silver');
  return p.revenueGapCents[target] / 100;
}

/** MPN.EXAMSMET: whether the level's exam requirement is met. @example examsMet(certs, "Silver", "2018-03-15", "P1", ctx) === true */
export function examsMet(certifications: unknown, levelArgument: unknown, asOf: unknown, partnerId: unknown, ctx: CallContext): boolean {
  const entry = readRanges([undefined, asRange(certifications, 'certifications')], ctx.locale);
  const reading = readingFor(entry, partnerIdOf(partnerId));
  requireTable(reading.read, 'certifications', ctx.locale);
  const lvl = levelArg(levelArgument, true) as AttainableLevel;
  return partnerOf(evaluateCached(entry, reading, asOfArg(asOf, ctx), undefined), partnerId).examsMet[lvl];
}

/**
 * MPN.EXAMPLAN: the fewest exam passes, by whom, that meet a level's exam requirement (default:
 * the lowest level not yet met), as one line of text.
 * @example examPlan(certs, "Gold", "2018-03-15", "P1", ctx) // "Ana Souza: a deployment exam (MB2-710, MB2-706, MB2-715)"
 */
export function examPlan(certifications: unknown, levelArgument: unknown, asOf: unknown, partnerId: unknown, ctx: CallContext): string {
  const entry = readRanges([undefined, asRange(certifications, 'certifications')], ctx.locale);
  const reading = readingFor(entry, partnerIdOf(partnerId));
  requireTable(reading.read, 'certifications', ctx.locale);
  const lvl = levelArg(levelArgument, false);
  const p = partnerOf(evaluateCached(entry, reading, asOfArg(asOf, ctx), undefined), partnerId);
  const target: AttainableLevel = lvl ?? (p.examsMet.silver ? 'gold' : 'silver');
  const plan = p.examPlans[target];
  return plan.length === 0 ? t(ctx.locale, 'plan.none') : planText(plan, ctx.locale);
}

/**
 * MPN.NEXTSTEP: the partner's next step in one sentence (docs/rules.md 15), in the user's
 * language: what keeps its level, or what reaches the next one.
 * @example nextStep(revenue, certs, "Developing", "2018-06-30", "1004", ctx) === "Book US$ 23,000 of DPOR revenue by 31 Aug 2018 to keep Silver"
 * @throws FunctionError for ranges without their tables or an unknown partner
 */
export function nextStep(revenue: unknown, certifications: unknown, market: unknown, asOf: unknown, partnerId: unknown, ctx: CallContext): string {
  const entry = readRanges([asRange(revenue, 'revenue'), asRange(certifications, 'certifications')], ctx.locale);
  const reading = readingFor(entry, partnerIdOf(partnerId));
  requireTable(reading.read, 'revenue', ctx.locale);
  requireTable(reading.read, 'certifications', ctx.locale);
  const run = cachedRun(reading, ctx.locale, asOfArg(asOf, ctx), marketArg(market));
  const p = partnerOf(run.evaluation, partnerId);
  return nextStepText(run.nextSteps([p.partnerId])[0], ctx.locale);
}

/** A spilled value must be plain: dates as ISO text, links as their text, nothing as "". @example plainCell({ date: "2018-03-15" }) === "2018-03-15" */
export function plainCell(v: OutCell): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'object') return 'date' in v ? v.date : v.text;
  return v;
}

/** MPN.STATUS: the Competency Status table (header row, then one row per partner), to spill. */
export function status(revenue: unknown, certifications: unknown, partners: unknown, asOf: unknown, ctx: CallContext): (string | number | boolean)[][] {
  const ranges = [asRange(revenue, 'revenue'), asRange(certifications, 'certifications'), isOmitted(partners) ? undefined : asRange(partners, 'partners')];
  const entry = readRanges(ranges, ctx.locale);
  requireTable(allRows(entry).read, 'revenue', ctx.locale);
  requireTable(allRows(entry).read, 'certifications', ctx.locale);
  const table = runOfAll(entry, asOfArg(asOf, ctx), undefined).status();
  return [table.columns.map((c) => c.header), ...table.rows.map((row) => row.map(plainCell))];
}

/**
 * MPN.TIMELINE: the Competency Timeline table (header row, then one row per partner and month:
 * 24 months back, the as-of month, 12 ahead), for one partner or, without partnerId, all of them.
 * @example timeline(revenue, certs, "P1", "2018-03-15", ctx).length === 38
 */
export function timeline(revenue: unknown, certifications: unknown, partnerId: unknown, asOf: unknown, ctx: CallContext): (string | number | boolean)[][] {
  const entry = readRanges([asRange(revenue, 'revenue'), asRange(certifications, 'certifications')], ctx.locale);
  requireTable(allRows(entry).read, 'revenue', ctx.locale);
  requireTable(allRows(entry).read, 'certifications', ctx.locale);
  const day = asOfArg(asOf, ctx);
  const run = runOfAll(entry, day, undefined);
  const only = isOmitted(cellValue(partnerId)) ? undefined : [partnerOf(run.evaluation, partnerId).partnerId];
  const table = timelineTable(run.timeline(only), ctx.locale);
  return [table.columns.map((c) => c.header), ...table.rows.map((row) => row.map(plainCell))];
}

/** MPN.EXAMROLE: "application", "deployment" or "customization"; #N/A for an exam the rulebook does not list. */
export function examRoleOf(exam: unknown, asOf: unknown, ctx: CallContext): string {
  const text = cellText(cellValue(exam));
  if (text === '') throw new FunctionError('value', 'fn.error.examMissing', {});
  const day = dayFromIso(asOfArg(asOf, ctx)) as number;
  const role = coreExamRole(text, day);
  if (!role) throw new FunctionError('na', 'fn.error.examUnknown', { value: text });
  return role;
}
