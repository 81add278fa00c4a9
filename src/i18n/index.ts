/**
 * Messages in the product's six languages, and the one function that formats them. Every string
 * a user reads (cells we write, CLI output, task pane, issues) goes through here.
 */
import { enUS, type MessageKey, type Messages } from './en-US';
import { ptBR } from './pt-BR';
import { deDE } from './de-DE';
import { zhTW } from './zh-TW';
import { koKR } from './ko-KR';
import { itIT } from './it-IT';

export type { MessageKey, Messages } from './en-US';

/** The languages the product speaks. */
export type Locale = 'en-US' | 'pt-BR' | 'de-DE' | 'zh-TW' | 'ko-KR' | 'it-IT';

/** All locales, English first. */
export const LOCALES: readonly Locale[] = ['en-US', 'pt-BR', 'de-DE', 'zh-TW', 'ko-KR', 'it-IT'];

/** Catalogue per locale. */
export const CATALOGUES: Readonly<Record<Locale, Messages>> = {
  'en-US': enUS, 'pt-BR': ptBR, 'de-DE': deDE, 'zh-TW': zhTW, 'ko-KR': koKR, 'it-IT': itIT,
};

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

/**
 * The parameters a message takes, one per placeholder of its English text, so a message thrown
 * with a missing or misspelt parameter does not compile.
 * @example const p: MessageParams<"cli.error.asOf"> = { value: "2018-13-01" }
 */
export type MessageParams<K extends MessageKey, V = string | number> = Readonly<Record<PlaceholdersOf<(typeof enUS)[K]>, V>>;

/** True when a string names a supported locale exactly. @example isLocale("de-DE") === true */
export function isLocale(tag: string): tag is Locale {
  return (LOCALES as readonly string[]).includes(tag);
}

/**
 * A message with its {placeholders} filled in. Unknown placeholders are left visible so a
 * missing parameter shows up in review rather than as an empty gap.
 * @example t("en-US", "plan.newIndividual", { n: 2 }) === "New person 2"
 */
export function t(locale: Locale, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const text = CATALOGUES[locale][key] ?? enUS[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A bound translator for one locale.
 * @example const tr = translator("de-DE"); tr("level.gold") === "Gold"
 */
export function translator(locale: Locale): (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string {
  return (key, params) => t(locale, key, params);
}

/** How formatUsd shows cents: always two digits (tables of figures), or only when not whole (prose). */
export type CentsStyle = 'always' | 'when-not-whole';

/**
 * A US$ amount given in cents, in the user's number style (the currency sign is the message's).
 * @example formatUsd(12_000_050, "de-DE") === "120.000,50"; formatUsd(10_000_000, "en-US", "when-not-whole") === "100,000"
 */
export function formatUsd(cents: number, locale: Locale, style: CentsStyle = 'always'): string {
  const digits = style === 'when-not-whole' && cents % 100 === 0 ? 0 : 2;
  const key = `${locale}/${digits}`;
  let format = USD_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: 2 });
    USD_FORMATS.set(key, format);
  }
  return format.format(cents / 100);
}

/** Number formats by locale and digits: building one costs far more than using it. */
const USD_FORMATS = new Map<string, Intl.NumberFormat>();

/** A translator bound to one locale, as `translator` returns and UI components take. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
