/**
 * All six catalogues, bundled and ready at once: what Node (the CLI, the tests, the benchmarks)
 * uses. The task pane's build replaces this module with catalogues.lazy.ts (webpack.config.js),
 * which has the same exports but fetches a language only when asked, so the page inside Excel
 * does not carry five languages it will never show.
 */
import type { Locale } from './index';
import { enUS, type Messages } from './en-US';
import { ptBR } from './pt-BR';
import { deDE } from './de-DE';
import { zhTW } from './zh-TW';
import { koKR } from './ko-KR';
import { itIT } from './it-IT';

/** Catalogue per locale. */
export const CATALOGUES: Readonly<Record<Locale, Messages>> = {
  'en-US': enUS, 'pt-BR': ptBR, 'de-DE': deDE, 'zh-TW': zhTW, 'ko-KR': koKR, 'it-IT': itIT,
};

/**
 * The catalogue of a locale if it is loaded (here: always).
 * @example loadedCatalogue("de-DE")?.["level.none"] === "Keine"
 */
export function loadedCatalogue(locale: Locale): Messages | undefined {
  return CATALOGUES[locale];
}

/**
 * Makes a locale's catalogue available to `t` (here: already is).
 * @example await loadCatalogue("ko-KR")
 */
export function loadCatalogue(_locale: Locale): Promise<void> {
  return Promise.resolve();
}
