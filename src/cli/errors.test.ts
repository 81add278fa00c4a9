import { LOCALES, t, type MessageKey } from '../i18n';
import { enUS } from '../i18n/en-US';
import { CliError, InputError, OutputError, UsageError, describeErrno, failure, oneLine, reasonOf, renderMessage, terminalSafe, type CliMessageKey, type CliParams } from './errors';

describe('the CLI error boundary', () => {
  test.each([
    ['bad usage', new UsageError('cli.error.asOf', { value: 'x' }), 2, 'competency: --as-of "x" is not a date of the form YYYY-MM-DD'],
    ['an unusable input', new InputError('cli.error.inputExtension', { file: 'a.doc' }), 1, 'competency: a.doc: not an .xlsx, .csv, .tsv or .txt file'],
    ['an unwritable output', new OutputError('cli.error.outReason', { file: 'r.xlsx', reason: 'disk full' }), 1, 'competency: --out r.xlsx: disk full'],
    ['a system error', Object.assign(new Error('EACCES: permission denied, open \'/x\''), { code: 'EACCES', path: '/x' }), 1, 'competency: /x: permission denied'],
    ['a full disk', Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), 1, 'competency: no space left on the device'],
  ])('prints %s as one line with its exit code', (_name, error, code, line) => {
    expect(failure(error, { debug: false })).toEqual({ line, code });
  });

  test('an unexpected error is one line without its stack, unless debugging', () => {
    const e = new TypeError('Cannot read properties of undefined (reading \'x\')\n    at foo (bar.ts:1:1)');
    const quiet = failure(e, { debug: false });
    expect(quiet.code).toBe(1);
    expect(quiet.line).toMatch(/^competency: unexpected error: Cannot read properties of undefined \(reading 'x'\) at foo.*COMPETENCY_DEBUG=1/);
    expect(quiet.line).not.toContain('\n');
    expect(quiet).not.toHaveProperty('stack');
    expect(failure(e, { debug: true }).stack).toContain('TypeError');
  });

  test('terminal escape sequences and control characters never reach the terminal', () => {
    expect(terminalSafe('Ana\x1b[2J\x07\u009b31m\r')).toBe('Ana?[2J??31m?');
    expect(terminalSafe('Müller\tP1\n')).toBe('Müller\tP1\n');
    expect(terminalSafe('evil\u202eexe.txt')).toBe('evil?exe.txt');
    expect(oneLine('a\nb\r\nc')).toBe('a b c');
  });
});

describe('failures in the run\'s language', () => {
  test('a failure is rendered in the locale the boundary is given, its message stays English', () => {
    const e = new UsageError('cli.error.asOf', { value: '2018-13-01' });
    expect(e.message).toBe('--as-of "2018-13-01" is not a date of the form YYYY-MM-DD');
    expect(failure(e, { locale: 'de-DE', debug: false }).line).toBe('competency: --as-of "2018-13-01" ist kein Datum der Form YYYY-MM-DD');
    expect(failure(e, { locale: 'ko-KR', debug: false }).line).toBe('competency: --as-of "2018-13-01"은(는) YYYY-MM-DD 형식의 날짜가 아닙니다');
  });

  test('translated parameters (a system error\'s phrase) follow the same language', () => {
    const e = new OutputError('cli.error.outWriteFailed', { file: 'r.xlsx', reason: reasonOf(Object.assign(new Error('x'), { code: 'ENOSPC' })) });
    expect(e.describe('en-US')).toBe('--out r.xlsx: could not write (no space left on the device); any previous file is unchanged');
    expect(e.describe('de-DE')).toBe('--out r.xlsx: konnte nicht geschrieben werden (kein Speicherplatz mehr auf dem Gerät); eine vorhandene Datei bleibt unverändert');
    expect(failure(Object.assign(new Error('x'), { code: 'EACCES', path: '/x' }), { locale: 'it-IT', debug: false }).line).toBe('competency: /x: permesso negato');
  });

  test('an errno without a phrase of its own is shown by its code', () => {
    expect(describeErrno({ code: 'ESOMETHING' }, 'de-DE')).toBe('ESOMETHING');
    expect(describeErrno(new Error('no code'))).toBeUndefined();
  });

  // The CLI's own failures, the system errors' phrases, and the reader's and writer's reasons it quotes.
  const keys = (Object.keys(enUS) as MessageKey[]).filter((k) => ['cli.error.', 'errno.', 'xlsx.'].some((p) => k.startsWith(p)));
  const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

  test('there are failure messages and errno phrases to check', () => {
    expect(keys.filter((k) => k.startsWith('cli.error.')).length).toBeGreaterThan(30);
    expect(keys.filter((k) => k.startsWith('errno.')).length).toBeGreaterThan(15);
    expect(keys.filter((k) => k.startsWith('xlsx.write.')).length).toBeGreaterThan(10);
  });

  describe.each(LOCALES)('%s', (locale) => {
    test.each(keys)('%s renders one line without leftover {placeholders}', (key) => {
      // Every placeholder filled, one of them with translated text, as the CLI does.
      const names = placeholders(enUS[key] as string); // none of these keys has plural forms
      const params = Object.fromEntries(names.map((n, i) => [n, i === 0 ? `v${i}` : (l: string) => `${l}:${n}`]));
      const text = !key.startsWith('cli.error.')
        ? t(locale, key, Object.fromEntries(names.map((n, i) => [n, i === 0 ? `v${i}` : `${locale}:${n}`])))
        : failure(new CliError(key as CliMessageKey, params as CliParams<CliMessageKey>, 1), { locale, debug: false }).line;
      expect(text).not.toMatch(/[\r\n]/);
      expect(text).not.toMatch(/\{\w+\}/);
      for (const [i, n] of names.entries()) expect(text).toContain(i === 0 ? `v${i}` : `${locale}:${n}`);
      expect(text.trim()).toBe(text);
    });
  });

  test('renderMessage fills plain and translated parameters', () => {
    expect(renderMessage('pt-BR', 'cli.error.fileReason', { file: 'a.csv', reason: (l) => `[${l}]` })).toBe('a.csv: [pt-BR]');
  });
});
