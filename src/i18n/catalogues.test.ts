import { CATALOGUES } from './catalogues';
import * as lazy from './catalogues.lazy';
import { LOCALES } from './index';
import { WORDS, WORD_KEYS } from './words';

describe('the page\'s catalogues (catalogues.lazy.ts, in place of catalogues.ts in the browser build)', () => {
  test('hold no language until it is asked for, then exactly the one asked for', async () => {
    expect(LOCALES.map((l) => lazy.loadedCatalogue(l))).toEqual(LOCALES.map(() => undefined));
    const first = lazy.loadCatalogue('de-DE');
    expect(lazy.loadCatalogue('de-DE')).toBe(first); // one fetch, however many callers
    await first;
    expect(lazy.loadedCatalogue('de-DE')).toBe(CATALOGUES['de-DE']);
    expect(LOCALES.filter((l) => lazy.loadedCatalogue(l) !== undefined)).toEqual(['de-DE']);
  });

  test.each(LOCALES)('load %s as Node has it', async (locale) => {
    await lazy.loadCatalogue(locale);
    expect(lazy.loadedCatalogue(locale)).toBe(CATALOGUES[locale]);
  });
});

test.each(LOCALES)('the words read back in every language are %s\'s own catalogue words', (locale) => {
  for (const k of WORD_KEYS) expect([k, CATALOGUES[locale][k]]).toEqual([k, WORDS[locale][k]]);
});
