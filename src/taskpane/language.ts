/**
 * The pane's language: the one the user picked (remembered in this browser's localStorage, which
 * Office's task-pane web views keep too), else Office's display language inside Excel, else the
 * browser's; a ?lang= in the address wins over all (tests, links).
 */
import { LOCALES, isLocale, resolveLocale, type Locale } from '../i18n';

/** Where the picked language is kept. */
export const LANGUAGE_KEY = 'cloud-crm-competency.language';

/** localStorage when the page may use it (a sandboxed frame or disabled storage throws). */
function storage(): Storage | undefined {
  try { return globalThis.localStorage; } catch { return undefined; }
}

/**
 * The language the user picked before, if any.
 * @example rememberLanguage("de-DE"); rememberedLanguage() === "de-DE"
 * @throws nothing (storage that cannot be read counts as nothing remembered)
 */
export function rememberedLanguage(): Locale | undefined {
  try {
    const v = storage()?.getItem(LANGUAGE_KEY);
    return v && isLocale(v) ? v : undefined;
  } catch { return undefined; }
}

/**
 * Keeps the picked language for the next time the pane opens.
 * @example rememberLanguage("ko-KR")
 * @throws nothing (storage that cannot be written is skipped: the pick still holds for this session)
 */
export function rememberLanguage(locale: Locale): void {
  try { storage()?.setItem(LANGUAGE_KEY, locale); } catch { /* private mode, quota: this session only */ }
}

/**
 * The pane's language from, in order: the address's ?lang=, the remembered pick, Office's display
 * language (inside Excel), the browser's language.
 * @example chooseLanguage(null, "de-DE", "en-US", undefined) === "de-DE"; chooseLanguage(null, "fr-FR", "en-US", "it-IT") === "it-IT"
 * @throws nothing
 */
export function chooseLanguage(fromAddress: string | null, office: string | undefined, browser: string, remembered = rememberedLanguage()): Locale {
  if (fromAddress !== null) return resolveLocale(fromAddress);
  return remembered ?? resolveLocale(office ?? browser);
}

/**
 * Each language's name in itself ("Deutsch", "한국어"), as the picker lists them: the same in
 * every UI language, so a user who cannot read the current one finds their own.
 * @example languageNames()[2] // { locale: "de-DE", name: "Deutsch (Deutschland)" }; English is "English (United States)"
 * @throws nothing
 */
export function languageNames(): { readonly locale: Locale; readonly name: string }[] {
  return LOCALES.map((locale) => {
    const name = new Intl.DisplayNames([locale], { type: 'language', languageDisplay: 'standard' }).of(locale) ?? locale;
    return { locale, name: name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) };
  });
}
