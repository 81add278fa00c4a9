/**
 * A part's chunks decode to the text one streaming TextDecoder gives, wherever the chunks are
 * cut: inside a character, between characters, around a byte order mark, through bytes that
 * are not UTF-8.
 */
import fc from 'fast-check';
import { PartDecoder } from './scan';

/** The bytes cut at the given points (sorted, within bounds). */
function pieces(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of at) { out.push(bytes.subarray(from, c)); from = c; }
  out.push(bytes.subarray(from));
  return out;
}

function decoded(bytes: Uint8Array, cuts: readonly number[]): string {
  const chunks = pieces(bytes, cuts);
  const decoder = new PartDecoder(chunks[0] as Uint8Array);
  return chunks.map((c, i) => decoder.decode(c, i === chunks.length - 1)).join('');
}

const encoder = new TextEncoder();
const BOM = [0xef, 0xbb, 0xbf];

describe('PartDecoder', () => {
  test('gives the text of one streaming TextDecoder, however the bytes are cut', () => {
    // Text of every UTF-8 length (ASCII, é, 中, 😀), stray bytes that are not UTF-8, byte order marks.
    const part = fc.oneof(
      fc.constantFrom('<c r="A1">', 'é', '中文', '😀', ' ', '\uFEFF').map((t) => [...encoder.encode(t)]),
      fc.constantFrom([0x80], [0xc3], [0xe4, 0xb8], [0xf0, 0x9f, 0x98], [0xff], [0xed, 0xa0, 0x80], BOM),
    );
    fc.assert(fc.property(fc.array(part, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 12 }), (parts, cuts) => {
      const bytes = Uint8Array.from(parts.flat());
      expect(decoded(bytes, cuts)).toBe(new TextDecoder().decode(bytes));
    }), { numRuns: 2000 });
  });

  test('drops a byte order mark at the start only, even cut inside it', () => {
    const bytes = Uint8Array.from([...BOM, ...encoder.encode('<a>'), ...BOM, ...encoder.encode('</a>')]);
    for (let cut = 0; cut <= bytes.length; cut++) expect(decoded(bytes, [1, cut])).toBe('<a>\uFEFF</a>');
  });

  test('reads a UTF-16LE part (told by its byte order mark in the first chunk) as TextDecoder does', () => {
    const text = '<sst>中é</sst>';
    const bytes = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);
    for (let cut = 2; cut <= bytes.length; cut++) expect(decoded(bytes, [cut, Math.min(cut + 3, bytes.length)])).toBe(text);
  });
});
