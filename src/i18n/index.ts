/**
 * Messages in the product's six languages, and the one function that formats them. Every string
 * a user reads (cells we write, CLI output, task pane, issues) goes through here.
 */
import type { enUS, Message, MessageKey, PluralKey } from './en-US';
import { loadCatalogue, loadedCatalogue } from './catalogues';

export type { Message, MessageKey, Messages, PluralForms, PluralKey } from './en-US';
export { WORDS, WORD_KEYS, type WordKey } from './words';

/** The languages the product speaks. */
export type Locale = 'en-US' | 'pt-BR' | 'de-DE' | 'zh-TW' | 'ko-KR' | 'it-IT';

/** All locales, English first. */
export const LOCALES: readonly Locale[] = ['en-US', 'pt-BR', 'de-DE', 'zh-TW', 'ko-KR', 'it-IT'];

/**
 * Makes a locale's messages available to `t`. In Node all six are always there; in the task
 * pane's page each language is a chunk fetched once, on first use, so the pane, its worker and
 * the custom functions await this before they speak (until then `t` falls back to English if
 * that is loaded, else shows the key).
 * @example await loadLocale("de-DE"); t("de-DE", "level.none") === "Keine"
 * @throws whatever the language's chunk fails to load with (ChunkLoadError), in the pane's page only
 */
export function loadLocale(locale: Locale): Promise<void> {
  return loadCatalogue(locale);
}

/**
 * True when `t` can speak the locale now (always in Node; after loadLocale in the pane's page).
 * @example isLocaleLoaded("en-US") === true
 */
export function isLocaleLoaded(locale: Locale): boolean {
  return loadedCatalogue(locale) !== undefined;
}

/**
 * The supported locale closest to a language tag (Office's displayLanguage, navigator.language,
 * a --locale flag): exact match, then same language, then en-US.
 * @example resolveLocale("pt-PT") === "pt-BR"; resolveLocale("zh-Hant-TW") === "zh-TW"; resolveLocale("fr-FR") === "en-US"
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  const t = (tag ?? '').trim().replace('_', '-').toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === t);
  if (exact) return exact;
  const lang = t.split('-')[0] ?? '';
  const byLang = LOCALES.find((l) => l.slice(0, 2).toLowerCase() === lang);
  return byLang ?? 'en-US';
}

/**
 * The {placeholder} names of a message text, as a union of string literals.
 * @example type P = PlaceholdersOf<"{file}: {reason}"> // "file" | "reason"
 */
export type PlaceholdersOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | PlaceholdersOf<Rest> : never;

/** The English text(s) of a message: the text, or every plural form's text. */
type EnglishTexts<K extends MessageKey> = (typeof enUS)[K] extends infer M ? (M extends string ? M : M[keyof M] & string) : never;

/**
 * The parameters a message takes, one per placeholder of its English text (all forms of a
 * plural message), so a message rendered or thrown with a missing or misspelt parameter does not
 * compile. A plural message also takes `count`, a number, which chooses the form.
 * @example const p: MessageParams<"cli.error.asOf"> = { value: "2018-13-01" }
 */
export type MessageParams<K extends MessageKey, V = string | number> =
  ([PlaceholdersOf<EnglishTexts<K>>] extends [never] ? Readonly<Record<string, never>> : Readonly<Record<PlaceholdersOf<EnglishTexts<K>>, V>>)
  & (K extends PluralKey ? { readonly count: number } : unknown);

/**
 * The parameter argument of `t` for a key: required when the message has placeholders, absent
 * when it has none; unchecked only when the key is any MessageKey at all (a key computed at run
 * time, cast to MessageKey), which the type cannot narrow.
 */
export type ParamsArg<K extends MessageKey, V = string | number> =
  [MessageKey] extends [K] ? [params?: Readonly<Record<string, V>>]
    : [PlaceholdersOf<EnglishTexts<K>>] extends [never] ? (K extends PluralKey ? [params: MessageParams<K, V>] : [params?: Readonly<Record<string, never>>])
      : [params: MessageParams<K, V>];

/** True when a string names a supported locale exactly. @example isLocale("de-DE") === true */
export function isLocale(tag: string): tag is Locale {
  return (LOCALES as readonly string[]).includes(tag);
}

/** Plural rules by locale: building one costs far more than using it. */
const PLURAL_RULES = new Map<Locale, Intl.PluralRules>();

/**
 * The plural category of a count in a locale (CLDR's rules, as Intl.PluralRules has them).
 * @example pluralCategory("en-US", 1) === "one"; pluralCategory("ko-KR", 1) === "other"; pluralCategory("pt-BR", 0) === "one"
 */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = PLURAL_RULES.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    PLURAL_RULES.set(locale, rules);
  }
  return rules.select(count);
}

/**
 * The text of a message for a count: the plural form of the count's category, else `other`.
 * @example messageText("de-DE", { one: "{count} Fehler", other: "{count} Fehler" }, 2) === "{count} Fehler"
 */
export function messageText(locale: Locale, message: Message, count: unknown): string {
  if (typeof message === 'string') return message;
  return (typeof count === 'number' ? message[pluralCategory(locale, count)] : undefined) ?? message.other;
}

/**
 * A message with its {placeholders} filled in; for a message with plural forms, the form the
 * `count` parameter asks for in this locale. The compiler checks the parameters against the
 * English text's placeholders. Unknown placeholders are left visible so a missing parameter of a
 * key computed at run time shows up in review rather than as an empty gap.
 * @example t("en-US", "plan.newIndividual", { n: 2 }) === "New person 2"; t("en-US", "cli.missingExams", { count: 1 }) === "1 exam"
 */
export function t<K extends MessageKey>(locale: Locale, key: K, ...args: ParamsArg<K>): string;
/** The same, for code generic in its key (an error class `<K extends ...>` holding `MessageParams<K>`). */
export function t<K extends MessageKey>(locale: Locale, key: K, params: MessageParams<K>): string;
export function t(locale: Locale, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  return formatMessage(locale, key, params);
}

/**
 * `t` without the parameter check, for wrappers whose own signature already checks them against
 * the key (an error class generic in its key, such as WriteError or CliError).
 * @example formatMessage("en-US", err.key, err.params)
 */
export function formatMessage(locale: Locale, key: MessageKey, params?: Readonly<Record<string, string | number>>, formatNumber?: (n: number) => string): string {
  const text = messageText(locale, loadedCatalogue(locale)?.[key] ?? loadedCatalogue('en-US')?.[key] ?? key, params?.count);
  if (!params) return text;
  const parts = templateOf(text);
  if (parts.length === 1) return text;
  let out = parts[0] as string;
  for (let k = 1; k < parts.length; k += 2) {
    const name = parts[k] as string;
    const value = params[name];
    out += (!(name in params) ? `{${name}}` : typeof value === 'number' && formatNumber ? formatNumber(value) : String(value)) + (parts[k + 1] as string);
  }
  return out;
}

/**
 * A message text split at its {placeholders} once: [text, name, text, name, ..., text], the
 * names at odd indices. Messages are formatted per partner and per row (next steps, issues), and
 * splitting a text once costs less than a regular expression with a callback on every call.
 */
const TEMPLATES = new Map<string, readonly string[]>();
const PLACEHOLDER = /\{(\w+)\}/g;

function templateOf(text: string): readonly string[] {
  let parts = TEMPLATES.get(text);
  if (parts === undefined) {
    const split: string[] = [];
    let last = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      split.push(text.slice(last, m.index), m[1] as string);
      last = m.index + m[0].length;
    }
    split.push(text.slice(last));
    parts = split;
    // Texts are the catalogues' (bounded); a key computed at run time is its own text at worst.
    if (TEMPLATES.size < 10_000) TEMPLATES.set(text, parts);
  }
  return parts;
}

/** A translator bound to one locale, as `translator` returns and UI components take. */
export type Translate = {
  <K extends MessageKey>(key: K, ...args: ParamsArg<K>): string;
  <K extends MessageKey>(key: K, params: MessageParams<K>): string;
};

/**
 * A bound translator for one locale. With numbers "grouped" (the task pane) every number
 * parameter is written in the locale's style ("200.000" in German), the plural form still chosen
 * by the number; "plain" (cells, the CLI) writes numbers as they are.
 * @example translator("de-DE")("level.gold") === "Gold"; translator("de-DE", "grouped")("ui.progress.readingRows", { count: 200000 }) === "Arbeitsmappe wird gelesen: 200.000 Zeilen"
 */
export function translator(locale: Locale, numbers: 'plain' | 'grouped' = 'plain'): Translate {
  if (numbers === 'plain') return (key: MessageKey, params?: Readonly<Record<string, string | number>>) => formatMessage(locale, key, params);
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (key: MessageKey, params?: Readonly<Record<string, string | number>>) => formatMessage(locale, key, params, (n) => format.format(n));
}

/** How formatUsd shows cents: always two digits (tables of figures), or only when not whole (prose). */
export type CentsStyle = 'always' | 'when-not-whole';

/**
 * A US$ amount given in cents, in the user's number style (the currency sign is the message's).
 * @example formatUsd(12_000_050, "de-DE") === "120.000,50"; formatUsd(10_000_000, "en-US", "when-not-whole") === "100,000"
 */
export function formatUsd(cents: number, locale: Locale, style: CentsStyle = 'always'): string {
  const digits = style === 'when-not-whole' && cents % 100 === 0 ? 0 : 2;
  if (locale === 'en-US') {
    const plain = usdEnUs(cents, digits);
    if (plain !== undefined) return plain;
  }
  const key = `${locale}/${digits}`;
  let format = USD_FORMATS.get(key);
  if (!format) {
    format = { format: new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: 2 }), said: new Map() };
    USD_FORMATS.set(key, format);
  }
  // Amounts repeat (thresholds, whole gaps): each is formatted once, up to a bound. Zero is
  // formatted afresh: a Map takes -0 for 0, which Intl says as "-0".
  if (cents === 0) return format.format.format(cents / 100);
  let text = format.said.get(cents);
  if (text === undefined) {
    text = format.format.format(cents / 100);
    if (format.said.size < 8192) format.said.set(cents, text);
  }
  return text;
}

/**
 * Whole cents in en-US's style without Intl, as Intl.NumberFormat("en-US") writes them ("-1,234.50",
 * "-0"): the first NumberFormat of a process loads ICU's number data (~25 ms, more than all the
 * amounts of a 2,000-partner --json), and the CLI speaks en-US unless told otherwise. Undefined
 * past 1e12 cents or for fractions of a cent (amount / 100 is then not exactly what Intl rounds):
 * Intl says those. i18n.test.ts compares the two.
 * @example usdEnUs(-123450, 2) === "-1,234.50"; usdEnUs(10_000_000, 0) === "100,000"
 */
function usdEnUs(cents: number, digits: 0 | 2): string | undefined {
  if (!Number.isInteger(cents) || Math.abs(cents) >= 1e12 || (digits === 0 && cents % 100 !== 0)) return undefined;
  const abs = Math.abs(cents), whole = String(Math.floor(abs / 100)), frac = abs % 100;
  let out = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  if (digits === 2) out += frac < 10 ? `.0${frac}` : `.${frac}`;
  return cents < 0 || Object.is(cents, -0) ? `-${out}` : out;
}

/** Number formats by locale and digits, with the amounts they said: building one costs far more than using it. */
const USD_FORMATS = new Map<string, { readonly format: Intl.NumberFormat; readonly said: Map<number, string> }>();

/**
 * "1 error", "3 warnings" in a language, as the parameters of the messages that list both
 * (status.issueCount, cli.issues): each count takes its own plural form.
 * @example t("en-US", "status.issueCount", issueCountTexts("en-US", 1, 3)) === "1 error, 3 warnings"
 */
export function issueCountTexts(locale: Locale, errors: number, warnings: number): { errors: string; warnings: string } {
  return { errors: t(locale, 'count.errors', { count: errors }), warnings: t(locale, 'count.warnings', { count: warnings }) };
}

export { LocalizedError, describeError, renderMessage, type Localized, type MessageArg } from './errors';
