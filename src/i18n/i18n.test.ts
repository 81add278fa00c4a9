import { LOCALES, formatUsd, pluralCategory, resolveLocale, t, translator, type Locale, type Message, type MessageKey } from './index';
import { enUS } from './en-US';
import { CATALOGUES } from './catalogues';
import * as cells from '../sheets/cells';

const keys = Object.keys(enUS).sort() as MessageKey[];
const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();
/** Every text of a message: the text, or each plural form's. */
const texts = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholdersOf = (m: Message): string[] => [...new Set(texts(m).flatMap(placeholders))].sort();
const isPlural = (k: MessageKey): boolean => typeof enUS[k] !== 'string';

describe.each(LOCALES)('%s messages', (locale) => {
  const catalogue: Readonly<Record<string, Message>> = CATALOGUES[locale];
  test('have exactly the English keys', () => {
    expect(Object.keys(catalogue).sort()).toEqual(keys);
  });
  test('keep every placeholder of the English text, and add none', () => {
    for (const k of keys) expect([k, placeholdersOf(catalogue[k] ?? '')]).toEqual([k, placeholdersOf(enUS[k])]);
  });
  test('say every placeholder in the `other` form of a plural message', () => {
    for (const k of keys.filter(isPlural)) {
      const m = catalogue[k] ?? '';
      expect([k, placeholders(typeof m === 'string' ? m : m.other)]).toEqual([k, placeholdersOf(enUS[k])]);
    }
  });
  test('have no empty text', () => {
    for (const k of keys) for (const text of texts(catalogue[k] ?? '')) expect([k, text.trim().length > 0]).toEqual([k, true]);
  });
  test('give a plural message a form for each category a count can take in the language, and no other', () => {
    // Whole counts 0..1000 reach every category a count of rows or partners can; CLDR's `many`
    // of pt and it is only for compact numbers (1,5 Mi) and is not needed.
    const reached = [...new Set(Array.from({ length: 1001 }, (_, n) => pluralCategory(locale, n)))].sort();
    for (const k of keys.filter(isPlural)) {
      const m = catalogue[k] ?? '';
      const forms = typeof m === 'string' ? ['other'] : Object.keys(m).sort();
      expect([k, forms]).toEqual([k, reached]);
    }
  });
  test('render every key, in every plural form, with no placeholder left over', () => {
    for (const k of keys) {
      for (const count of [0, 1, 2, 5, 21, 1000]) {
        const params: Record<string, string | number> = Object.fromEntries(placeholdersOf(enUS[k]).map((n) => [n, n === 'count' ? count : `<${n}>`]));
        expect([k, t(locale, k, params)]).not.toEqual([k, expect.stringMatching(/\{\w+\}/)]);
      }
    }
  });
  test('name our sheets as Excel allows (31 characters, no : \\ / ? * [ ])', () => {
    for (const k of ['sheet.status', 'sheet.issues', 'sheet.timeline']) expect(catalogue[k]).toMatch(/^[^:\\/?*[\]]{1,31}$/);
  });
  if (locale !== 'en-US') {
    test('are translated, not copies of English', () => {
      const same = keys.filter((k) => JSON.stringify(catalogue[k]) === JSON.stringify(enUS[k]));
      expect(same.length).toBeLessThan(keys.length / 4);
    });
  }
});

describe('plural forms', () => {
  test.each<[Locale, number, string]>([
    ['en-US', 0, '0 exams'], ['en-US', 1, '1 exam'], ['en-US', 2, '2 exams'],
    ['pt-BR', 0, '0 exame'], ['pt-BR', 1, '1 exame'], ['pt-BR', 2, '2 exames'],
    ['de-DE', 1, '1 Prüfung'], ['de-DE', 2, '2 Prüfungen'], ['de-DE', 0, '0 Prüfungen'],
    ['it-IT', 1, '1 esame'], ['it-IT', 0, '0 esami'], ['it-IT', 1_000_000, '1000000 esami'],
    ['ko-KR', 1, '시험 1개'], ['ko-KR', 2, '시험 2개'],
    ['zh-TW', 1, '1 項測驗'], ['zh-TW', 3, '3 項測驗'],
  ])('%s, %d: %s', (locale, count, text) => {
    expect(t(locale, 'cli.missingExams', { count })).toBe(text);
  });

  test.each<[Locale, number, number, string]>([
    ['en-US', 1, 1, '1 error, 1 warning'], ['en-US', 0, 2, '0 errors, 2 warnings'],
    ['de-DE', 1, 1, '1 Fehler, 1 Warnung'], ['it-IT', 2, 1, '2 errori, 1 avviso'],
  ])('%s: %d errors and %d warnings each take their own form: %s', (locale, errors, warnings, text) => {
    expect(t(locale, 'status.issueCount', { errors: t(locale, 'count.errors', { count: errors }), warnings: t(locale, 'count.warnings', { count: warnings }) })).toBe(text);
  });

  test('no English message counts with "(s)": a count takes its plural form instead', () => {
    const texts = Object.entries(enUS).flatMap(([key, m]) => (typeof m === 'string' ? [[key, m]] : Object.values(m).map((text) => [key, text])));
    expect(texts.filter(([, text]) => /\w\(s\)/.test(text ?? ''))).toEqual([]);
  });

  test('a bound translator chooses the form too', () => {
    expect(translator('en-US')('ui.count', { shown: 1, count: 1 })).toBe('1 of 1 partner');
  });
});

describe('parameters are checked by the compiler', () => {
  // These lines are the test: `tsc` (npm run typecheck) fails if a wrong call compiles.
  test('a misspelt, a missing or an extra parameter does not compile', () => {
    // @ts-expect-error "m" is not a placeholder of "New person {n}"
    expect(t('en-US', 'plan.newIndividual', { m: 2 })).toBe('New person {n}');
    // @ts-expect-error the message has a placeholder, so its parameters are required
    expect(t('en-US', 'plan.newIndividual')).toBe('New person {n}');
    // @ts-expect-error a plural message needs a numeric count
    expect(t('en-US', 'cli.missingExams', { count: 'two' })).toBe('two exams');
    // @ts-expect-error a message without placeholders takes no parameters
    expect(t('en-US', 'level.gold', { level: 1 })).toBe('Gold');
    expect(t('en-US', 'plan.newIndividual', { n: 2 })).toBe('New person 2');
  });
  test('a key computed at run time stays unchecked, and its unknown placeholders show', () => {
    const key = 'plan.newIndividual' as MessageKey;
    expect(t('en-US', key)).toBe('New person {n}');
    expect(t('en-US', key, { n: 3 })).toBe('New person 3');
  });
});

test('picks the closest supported locale', () => {
  expect(['pt-BR', 'pt-PT', 'de-AT', 'zh-TW', 'zh-Hant-TW', 'ko', 'it-CH', 'fr-FR', '', undefined].map(resolveLocale))
    .toEqual(['pt-BR', 'pt-BR', 'de-DE', 'zh-TW', 'zh-TW', 'ko-KR', 'it-IT', 'en-US', 'en-US', 'en-US']);
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

describe('US$ amounts in en-US, written without Intl', () => {
  // formatUsd writes whole cents in en-US by hand (no ICU number data loaded): it must say every
  // amount as Intl.NumberFormat("en-US") does, signs, grouping, -0 and the cents included.
  const intl = (cents: number, digits: number): string => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: 2 }).format(cents / 100);
  const amounts = [0, -0, 1, 5, 10, 99, 100, 105, 999_99, 1000_00, 1234_56, -1234_56, 12_345_678_90, 99_999_999_99, -100_000_00, 999_999_999_999, -999_999_999_999, 1e12, 12.5, -0.5];
  for (let k = 0; k < 200; k++) amounts.push(Math.round((k * 7919) ** 2.1) * (k % 3 === 0 ? -1 : 1));

  test.each(amounts)('%p cents', (cents) => {
    expect(formatUsd(cents, 'en-US')).toBe(intl(cents, 2));
    expect(formatUsd(cents, 'en-US', 'when-not-whole')).toBe(intl(cents, cents % 100 === 0 ? 0 : 2));
  });
});
