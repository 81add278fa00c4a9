/**
 * Zip surgery for tests of damaged and hostile workbooks: where a part's central directory record
 * and compressed bytes are, and a copy with one of its 32-bit fields changed.
 */
import { strToU8 } from 'fflate';
import { u16, u32 } from '../../src/xlsx/zip';

/** Where the central directory record of part `name` starts. */
export function central(bytes: Uint8Array, name: string): number {
  const want = strToU8(name);
  for (let i = bytes.length - 46; i >= 0; i--) {
    if (u32(bytes, i) === 0x02014b50 && u16(bytes, i + 28) === want.length && want.every((c, k) => bytes[i + 46 + k] === c)) return i;
  }
  throw new Error(`no ${name}`);
}

/** Where part `name`'s compressed bytes start, and how many there are. */
export function partData(bytes: Uint8Array, name: string): { start: number; length: number } {
  const c = central(bytes, name);
  const h = u32(bytes, c + 42);
  return { start: h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28), length: u32(bytes, c + 20) };
}

/** The bytes with the central directory's 32-bit field at `offset` of part `name` set to `value` (16: CRC, 20: compressed size, 24: size). */
export function patchedCentral(bytes: Uint8Array, name: string, offset: number, value: number): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(central(out, name) + offset, value, true);
  return out;
}
