import { InputError, OutputError, UsageError, failure, oneLine, terminalSafe } from './errors';

describe('the CLI error boundary', () => {
  test.each([
    ['bad usage', new UsageError('--as-of "x" is not a date'), 2, 'competency: --as-of "x" is not a date'],
    ['an unusable input', new InputError('a.xlsx: not a workbook'), 1, 'competency: a.xlsx: not a workbook'],
    ['an unwritable output', new OutputError('--out r.xlsx: disk full'), 1, 'competency: --out r.xlsx: disk full'],
    ['a system error', Object.assign(new Error('EACCES: permission denied, open \'/x\''), { code: 'EACCES', path: '/x' }), 1, 'competency: /x: permission denied'],
    ['a full disk', Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), 1, 'competency: no space left on the device'],
  ])('prints %s as one line with its exit code', (_name, error, code, line) => {
    expect(failure(error, false)).toEqual({ line, code });
  });

  test('an unexpected error is one line without its stack, unless debugging', () => {
    const e = new TypeError('Cannot read properties of undefined (reading \'x\')\n    at foo (bar.ts:1:1)');
    const quiet = failure(e, false);
    expect(quiet.code).toBe(1);
    expect(quiet.line).toMatch(/^competency: unexpected error: Cannot read properties of undefined \(reading 'x'\) at foo.*COMPETENCY_DEBUG=1/);
    expect(quiet.line).not.toContain('\n');
    expect(quiet).not.toHaveProperty('stack');
    expect(failure(e, true).stack).toContain('TypeError');
  });

  test('terminal escape sequences and control characters never reach the terminal', () => {
    expect(terminalSafe('Ana\x1b[2J\x07\u009b31m\r')).toBe('Ana?[2J??31m?');
    expect(terminalSafe('Müller\tP1\n')).toBe('Müller\tP1\n');
    expect(terminalSafe('evil\u202eexe.txt')).toBe('evil?exe.txt');
    expect(oneLine('a\nb\r\nc')).toBe('a b c');
  });
});
