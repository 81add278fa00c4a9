/**
 * The catalogues as the page inside Excel gets them (webpack.config.js puts this module in place
 * of catalogues.ts for the browser bundles): each language, English too, is its own chunk,
 * fetched by loadCatalogue when the pane, its worker or a custom function first needs it, so the
 * page carries one language, not six. Same exports as catalogues.ts, without CATALOGUES.
 */
import type { Locale } from './index';
import type { Messages } from './en-US';

const loaded: Partial<Record<Locale, Messages>> = {};
const pending = new Map<Locale, Promise<void>>();

/**
 * The catalogue of a locale if it is loaded, else undefined (t then falls back to English, if
 * loaded, else shows the key).
 * @example loadedCatalogue("fr-FR" as Locale) === undefined
 */
export function loadedCatalogue(locale: Locale): Messages | undefined {
  return loaded[locale];
}

/**
 * Fetches a locale's catalogue once (later calls share the same promise); a failed fetch may be
 * tried again.
 * @example await loadCatalogue("de-DE"); t("de-DE", "level.none") === "Keine"
 * @throws whatever the chunk's fetch rejects with (ChunkLoadError when the file cannot be loaded)
 */
export function loadCatalogue(locale: Locale): Promise<void> {
  if (loaded[locale]) return Promise.resolve();
  let load = pending.get(locale);
  if (!load) {
    load = importCatalogue(locale).then((messages) => { loaded[locale] = messages; });
    pending.set(locale, load);
    load.catch(() => pending.delete(locale));
  }
  return load;
}

/** One import() per language, written out so webpack makes one chunk of each. */
function importCatalogue(locale: Locale): Promise<Messages> {
  switch (locale) {
    case 'pt-BR': return import(/* webpackChunkName: "i18n-pt-BR" */ './pt-BR').then((m) => m.ptBR);
    case 'de-DE': return import(/* webpackChunkName: "i18n-de-DE" */ './de-DE').then((m) => m.deDE);
    case 'zh-TW': return import(/* webpackChunkName: "i18n-zh-TW" */ './zh-TW').then((m) => m.zhTW);
    case 'ko-KR': return import(/* webpackChunkName: "i18n-ko-KR" */ './ko-KR').then((m) => m.koKR);
    case 'it-IT': return import(/* webpackChunkName: "i18n-it-IT" */ './it-IT').then((m) => m.itIT);
    case 'en-US': return import(/* webpackChunkName: "i18n-en-US" */ './en-US').then((m) => m.enUS);
  }
}
