/** Which language the pane starts in, and the picked one remembered. */
import { chooseLanguage, languageNames, LANGUAGE_KEY, rememberLanguage, rememberedLanguage } from './language';

/** A localStorage of a Map, as the browser's. */
function fakeStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() { return m.size; }, clear: () => m.clear(), key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null, setItem: (k, v) => { m.set(k, v); }, removeItem: (k) => { m.delete(k); },
  };
}

beforeEach(() => { Object.defineProperty(globalThis, 'localStorage', { value: fakeStorage(), configurable: true }); });

test.each([
  ['the address wins', 'ko-KR', 'de-DE', 'en-US', 'it-IT', 'ko-KR'],
  ['then the remembered pick', null, 'de-DE', 'en-US', 'it-IT', 'it-IT'],
  ['then Office\'s display language', null, 'de-AT', 'en-US', undefined, 'de-DE'],
  ['then the browser\'s', null, undefined, 'pt-PT', undefined, 'pt-BR'],
  ['a language we do not speak is English', null, 'fr-FR', 'en-US', undefined, 'en-US'],
] as const)('%s', (_, address, office, browser, remembered, expected) => {
  expect(chooseLanguage(address, office, browser, remembered)).toBe(expected);
});

test('a picked language is remembered in localStorage and chosen next time; anything else stored is ignored', () => {
  expect(rememberedLanguage()).toBeUndefined();
  rememberLanguage('zh-TW');
  expect(localStorage.getItem(LANGUAGE_KEY)).toBe('zh-TW');
  expect(chooseLanguage(null, 'en-US', 'en-US')).toBe('zh-TW');
  localStorage.setItem(LANGUAGE_KEY, 'xx-XX');
  expect(chooseLanguage(null, 'de-DE', 'en-US')).toBe('de-DE');
});

test('storage that throws counts as nothing remembered, and a pick still works', () => {
  Object.defineProperty(globalThis, 'localStorage', { get: () => { throw new Error('SecurityError'); }, configurable: true });
  expect(() => rememberLanguage('de-DE')).not.toThrow();
  expect(chooseLanguage(null, undefined, 'ko-KR')).toBe('ko-KR');
});

test('the picker names every language in itself', () => {
  expect(languageNames().map((l) => l.locale)).toEqual(['en-US', 'pt-BR', 'de-DE', 'zh-TW', 'ko-KR', 'it-IT']);
  const names = languageNames().map((l) => l.name);
  expect(names[2]).toMatch(/^Deutsch/);
  expect(names[4]).toMatch(/^한국어/);
  expect(names[1]).toMatch(/^Português/);
});
