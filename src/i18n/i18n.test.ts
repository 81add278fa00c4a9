import { CATALOGUES, LOCALES, resolveLocale, t } from './index';
import { enUS } from './en-US';
import * as cells from '../sheets/cells';

const keys = Object.keys(enUS).sort();
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe.each(LOCALES)('%s messages', (locale) => {
  const catalogue = CATALOGUES[locale] as Record<string, string>;
  test('have exactly the English keys', () => {
    expect(Object.keys(catalogue).sort()).toEqual(keys);
  });
  test('keep every placeholder of the English text', () => {
    for (const k of keys) expect([k, placeholders(catalogue[k] ?? '')]).toEqual([k, placeholders((enUS as Record<string, string>)[k] ?? '')]);
  });
  test('have no empty text', () => {
    for (const k of keys) expect([k, (catalogue[k] ?? '').trim().length > 0]).toEqual([k, true]);
  });
  test('name our sheets as Excel allows (31 characters, no : \\ / ? * [ ])', () => {
    for (const k of ['sheet.status', 'sheet.issues', 'sheet.timeline']) expect(catalogue[k]).toMatch(/^[^:\\/?*[\]]{1,31}$/);
  });
  if (locale !== 'en-US') {
    test('are translated, not copies of English', () => {
      const same = keys.filter((k) => catalogue[k] === (enUS as Record<string, string>)[k]);
      expect(same.length).toBeLessThan(keys.length / 4);
    });
  }
});

test('picks the closest supported locale', () => {
  expect(['pt-BR', 'pt-PT', 'de-AT', 'zh-TW', 'zh-Hant-TW', 'ko', 'it-CH', 'fr-FR', '', undefined].map(resolveLocale))
    .toEqual(['pt-BR', 'pt-BR', 'de-DE', 'zh-TW', 'zh-TW', 'ko-KR', 'it-IT', 'en-US', 'en-US', 'en-US']);
});

test('fills placeholders and leaves unknown ones visible', () => {
  expect(t('en-US', 'plan.newIndividual', { n: 2 })).toBe('New person 2');
  expect(t('en-US', 'plan.newIndividual')).toBe('New person {n}');
});

describe.each(LOCALES)('words written in %s read back', (locale) => {
  // Cells and function arguments come back in the user's language: our own words must parse.
  const c = CATALOGUES[locale];
  test('markets', () => {
    expect([cells.readMarket(c['market.developed']), cells.readMarket(c['market.developing'])]).toEqual([{ ok: true, value: 'developed' }, { ok: true, value: 'developing' }]);
  });
  test('yes and no', () => {
    expect([cells.readYesNo(c['word.yes']), cells.readYesNo(c['word.no'])]).toEqual([{ ok: true, value: true }, { ok: true, value: false }]);
  });
});
