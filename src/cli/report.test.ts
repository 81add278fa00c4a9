/**
 * The summary's column widths: a terminal gives East Asian characters two columns, so the table
 * of a zh-TW or ko-KR run stays aligned.
 */
import fc from 'fast-check';
import { terminalWidth } from './report';

/** The definition, one character at a time. */
const byCharacter = (s: string): number => {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
};

describe('terminal width of a summary cell', () => {
  test.each([
    ['4000001 Contoso Ltd', 19],
    ['US$ 1.068.443,90', 16],
    ['銀級', 4],
    ['실버', 4],
    ['Ação — Müller', 13],
    ['𝐀B', 2],
    ['', 0],
  ])('%j takes %i columns', (text, columns) => {
    expect(terminalWidth(text)).toBe(columns);
  });

  test('is the sum of its characters\' widths for any text (Latin only or not)', () => {
    const char = fc.oneof(fc.constantFrom('a', 'Z', '9', ' ', 'é', 'ß', 'Ж', '—', '…', '銀', '실', 'ｱ', '𝐀', '\u10ff', '\u1100', '\uffe6'), fc.string({ unit: 'binary', maxLength: 1 }));
    fc.assert(fc.property(fc.array(char, { maxLength: 30 }).map((cs) => cs.join('')), (s) => terminalWidth(s) === byCharacter(s)));
  });
});
