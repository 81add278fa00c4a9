/**
 * Just enough of a zip reader for .xlsx files, over bytes already in memory (Node and browsers):
 * the central directory (zip64 included), and each part inflated as a stream of chunks with
 * fflate, so a 300 MB worksheet never exists as one buffer. Zip bombs are refused by bounding
 * every part's inflated size (its declared size, a ratio to its compressed size, a total).
 */
import { Inflate } from 'fflate';
import { XlsxError } from './errors';

/** One file inside the zip. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  /** CRC-32 of the inflated bytes, as the central directory states it (the patching writer copies it). */
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** Limits against zip bombs. */
export interface InflateLimits {
  /** Most bytes all parts together may inflate to. */
  readonly maxTotal: number;
  /** Past `ratioFloor` bytes, a part may not inflate to more than this many times its compressed size. */
  readonly maxRatio: number;
  readonly ratioFloor: number;
}

/** Default limits: 4 GiB in all (a million-row sheet is ~300 MB of XML), 200:1 past 64 MiB. */
export const DEFAULT_LIMITS: InflateLimits = { maxTotal: 4 * 1024 ** 3, maxRatio: 200, ratioFloor: 64 * 1024 ** 2 };

/**
 * Little-endian integers of a zip's records.
 * @example u16(new Uint8Array([1, 2]), 0) === 513
 * @throws nothing (past the end reads as 0)
 */
export const u16 = (b: Uint8Array, o: number): number => (b[o] as number) | ((b[o + 1] as number) << 8);
/**
 * @example u32(new Uint8Array([0x50, 0x4b, 3, 4]), 0) === 0x04034b50
 * @throws nothing (past the end reads as 0)
 */
export const u32 = (b: Uint8Array, o: number): number => (u16(b, o) + u16(b, o + 2) * 65536);
/**
 * @example u64(bytes, eocd - 12) // a zip64 offset
 * @throws nothing (past the end reads as 0)
 */
export const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 2 ** 32;

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => sig.every((x, i) => b[i] === x);
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** True when the bytes contain `text` in UTF-16LE (names in a CFB directory are stored so). */
function hasUtf16(b: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = b.indexOf(first); i >= 0 && i + text.length * 2 <= b.length; i = b.indexOf(first, i + 1)) {
    for (let k = 0; k < text.length; k++) if (b[i + 2 * k] !== text.charCodeAt(k) || b[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/**
 * Why bytes that are not a zip cannot be a workbook we read: an encrypted workbook and an .xls
 * are both OLE (CFB) containers; an encrypted one has an EncryptionInfo stream.
 * @example throw notZip(bytes) // XlsxError("xls")
 * @throws never (returns the error to throw)
 */
export function notZip(b: Uint8Array): XlsxError {
  if (startsWith(b, CFB)) return new XlsxError(hasUtf16(b, 'EncryptionInfo') ? 'encrypted' : 'xls');
  return new XlsxError('not-zip');
}

/**
 * Checks the first bytes of an input as soon as they arrive, so /dev/zero or a text file is
 * refused without reading it all. Throws XlsxError.
 * @example checkSignature(firstChunk) // throws XlsxError("not-zip") for "MPNId,Product\n"
 * @throws XlsxError ("empty", "not-zip", "xls", "encrypted", "ods") when the first bytes cannot begin a workbook
 */
export function checkSignature(head: Uint8Array): void {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7) ) return;
  if (head.length >= 8 && startsWith(head, CFB)) return; // said precisely once all bytes are in
  if (head.length === 0) throw new XlsxError('empty');
  if (head.length >= 4) throw notZip(head);
}

/**
 * The entries of a zip, by name, read from its central directory.
 * Throws XlsxError: not a zip, central directory missing or damaged, encrypted entries.
 * @example const entries = zipEntries(bytes); entries.has("xl/workbook.xml")
 * @throws XlsxError when the archive is not a zip or its central directory is missing or damaged
 */
export function zipEntries(b: Uint8Array): Map<string, ZipEntry> {
  if (!(b[0] === 0x50 && b[1] === 0x4b)) throw notZip(b);
  return new Map(centralDirectory(b).map((e) => [e.name, e]));
}

/**
 * The entries of a zip in central-directory order (the reader's lookups and the patching
 * writer's copy both start here). Throws XlsxError when the directory is missing or damaged.
 * @example centralDirectory(bytes).map((e) => e.name) // ["[Content_Types].xml", "_rels/.rels", ...]
 * @throws XlsxError ("no-central-directory") when the directory is missing or damaged
 */
export function centralDirectory(b: Uint8Array): ZipEntry[] {
  // End of central directory: 22 bytes plus a comment of up to 65535, at the very end.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) { eocd = i; break; }
  }
  if (eocd < 0) throw new XlsxError('no-central-directory');
  let count = u16(b, eocd + 10);
  let cdOffset = u32(b, eocd + 16);
  // Zip64: the real values are in the zip64 end record, found through its locator.
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && u32(b, eocd - 20) === 0x07064b50) {
    const rec = u64(b, eocd - 12);
    if (rec + 56 > b.length || u32(b, rec) !== 0x06064b50) throw new XlsxError('no-central-directory');
    count = u64(b, rec + 32);
    cdOffset = u64(b, rec + 48);
  }
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new XlsxError('no-central-directory');
    const flags = u16(b, p + 8), method = u16(b, p + 10), crc = u32(b, p + 16);
    let compressedSize = u32(b, p + 20), size = u32(b, p + 24);
    const nameLen = u16(b, p + 28), extraLen = u16(b, p + 30), commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    // Some writers put backslashes in zip names (xl\\workbook.xml), which Office opens: read as "/".
    const name = decoder.decode(b.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/');
    // Zip64 extra field: the 64-bit values, in order, of those that are 0xffffffff above.
    for (let e = p + 46 + nameLen, end = e + extraLen; e + 4 <= end;) {
      const id = u16(b, e), len = u16(b, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) { size = u64(b, q); q += 8; }
        if (compressedSize === 0xffffffff) { compressedSize = u64(b, q); q += 8; }
        if (localOffset === 0xffffffff) localOffset = u64(b, q);
      }
      e += 4 + len;
    }
    entries.push({ name, method, flags, crc, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Counts inflated bytes across parts, and refuses a bomb.
 * @example const budget = new InflateBudget(); for (const e of entries) inflateEntry(bytes, e, budget, onChunk)
 * @throws XlsxError from add(): zip-bomb past the total or the ratio, malformed-zip past an entry's stated size
 */
export class InflateBudget {
  private total = 0;
  constructor(private readonly limits: InflateLimits = DEFAULT_LIMITS) {}
  /** Adds `n` bytes inflated from a part of `compressed` bytes that has inflated `sofar` in all. */
  add(n: number, sofar: number, entry: ZipEntry): void {
    this.total += n;
    if (this.total > this.limits.maxTotal) throw new XlsxError('zip-bomb', { part: entry.name });
    if (sofar > this.limits.ratioFloor && sofar > entry.compressedSize * this.limits.maxRatio) throw new XlsxError('zip-bomb', { part: entry.name });
    // A part that inflates past its declared size is damaged (the check also bounds its memory).
    if (sofar > entry.size && entry.size !== 0xffffffff) throw new XlsxError('malformed-zip', { part: entry.name });
  }
  /**
   * True when `entry` may inflate to its whole declared size (and one byte more, where a damaged
   * part is told) without passing the total or the ratio: it can then be inflated in one piece
   * bounded by that size, and no limit can be crossed on the way.
   */
  allowsWhole(entry: ZipEntry): boolean {
    const n = entry.size + 1;
    return this.total + n <= this.limits.maxTotal && (n <= this.limits.ratioFloor || n <= entry.compressedSize * this.limits.maxRatio);
  }
}

/**
 * The raw (still compressed) bytes of an entry, found through its local header.
 * Throws XlsxError("malformed-zip") when the header is damaged or the data runs past the end.
 * @example entryData(bytes, entry).length === entry.compressedSize
 * @throws XlsxError ("encrypted", "no-central-directory") for an encrypted or truncated entry
 */
export function entryData(b: Uint8Array, entry: ZipEntry): Uint8Array {
  const h = entry.localOffset;
  if (h + 30 > b.length || u32(b, h) !== 0x04034b50) throw new XlsxError('malformed-zip', { part: entry.name });
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  if (start + entry.compressedSize > b.length) throw new XlsxError('malformed-zip', { part: entry.name });
  return b.subarray(start, start + entry.compressedSize);
}

const CRC_TABLE = ((): Int32Array => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/**
 * CRC-32 of `data` continued from `crc` (start with 0). @example crc32(new TextEncoder().encode("a")) === 0xe8b7be43
 * @throws never
 */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** A CRC-32 function (ours, or a platform's native one), continued from `crc`. */
export type Crc32 = (data: Uint8Array, crc: number) => number;

/**
 * A platform's native raw inflate of a whole part (the CLI passes Node's zlib.inflateRawSync):
 * the inflated bytes, or null when `data` is not one complete deflate stream of at most
 * `maxSize` bytes. It must never hold more than `maxSize` bytes of output (and one more, to tell
 * a part that is longer than it says). Undefined when it has no answer for this part (the pane's
 * parts inflated ahead, src/xlsx/inflate-ahead.ts): the part then streams through fflate.
 */
export type NativeInflate = (data: Uint8Array, maxSize: number) => Uint8Array | null | undefined;

/** What a platform can do faster than our JavaScript (the CLI passes Node's zlib; the pane nothing). */
export interface NativeZlib {
  /** CRC-32: every part's checksum is then verified, not only the small parts'. */
  readonly crc32?: Crc32 | undefined;
  /** Raw inflate of a whole part, for parts whose declared size is known and at most NATIVE_MAX_PART. */
  readonly inflateRaw?: NativeInflate | undefined;
}

/**
 * The largest part inflated natively in one piece (the piece is held while it is scanned): a
 * million-row sheet is ~300 MB of XML. Larger parts, and parts of unknown size, stream through fflate.
 */
export const NATIVE_MAX_PART = 512 * 1024 * 1024;

/** Parts up to this size have their CRC checked with our own CRC-32 when no native one is given. */
const CRC_CHECK_JS = 4 * 1024 * 1024;

const CHUNK = 64 * 1024;

/**
 * Inflates one entry chunk by chunk, calling `onChunk` with each piece of its bytes (the last
 * call has `final` true). Synchronous: the bytes are in memory. With a native inflate (`native`),
 * a part of known, bounded size that the budget allows whole is inflated in one piece and handed
 * over in the same chunks; any other part streams through fflate.
 * @example inflateEntry(bytes, entries.get("xl/workbook.xml")!, budget, (chunk, final) => parts.push(chunk))
 * @throws XlsxError ("unsupported-zip", "malformed-zip", "zip-bomb") for another compression method, a damaged stream, or past the inflate budget
 */
export function inflateEntry(b: Uint8Array, entry: ZipEntry, budget: InflateBudget, onChunk: (chunk: Uint8Array, final: boolean) => void, onInput?: (consumed: number) => void, native?: NativeZlib): void {
  if (entry.flags & 1) throw new XlsxError('encrypted');
  const data = entryData(b, entry);
  let sofar = 0;
  // A damaged entry (bytes changed in transit) is told by its CRC: checked natively when the
  // platform gives one, else with ours on small parts, where it costs nothing noticeable.
  const checksum = native?.crc32 ?? (entry.size <= CRC_CHECK_JS ? crc32 : undefined);
  let crc = 0;
  const deliver = (chunk: Uint8Array, final: boolean): void => {
    sofar += chunk.length;
    budget.add(chunk.length, sofar, entry);
    if (checksum) crc = checksum(chunk, crc);
    if (final && ((checksum && crc !== entry.crc) || (sofar !== entry.size && entry.size !== 0xffffffff))) throw new XlsxError('malformed-zip', { part: entry.name });
    onChunk(chunk, final);
  };
  if (entry.method === 0) { handOver(data, deliver, onInput, data.length); return; }
  if (entry.method !== 8) throw new XlsxError('unsupported-zip', { detail: `compression method ${entry.method}` });
  const inflateRaw = native?.inflateRaw;
  if (inflateRaw && data.length > 0 && entry.size > 0 && entry.size <= NATIVE_MAX_PART && budget.allowsWhole(entry)) {
    const whole = inflateRaw(data, entry.size);
    if (whole !== undefined) {
      if (whole === null || whole.length > entry.size) throw new XlsxError('malformed-zip', { part: entry.name });
      handOver(whole, deliver, onInput, data.length);
      return;
    }
  }
  inflateStreaming(data, entry, deliver, onInput);
}

/**
 * Hands bytes in memory over in chunks (the last call `final`), telling `onInput` how much of
 * the `compressed` bytes they stand for.
 */
function handOver(bytes: Uint8Array, deliver: (chunk: Uint8Array, final: boolean) => void, onInput: ((consumed: number) => void) | undefined, compressed: number): void {
  for (let p = 0; ; p += CHUNK) {
    onInput?.(bytes.length === 0 ? 0 : Math.floor(compressed * (p / bytes.length)));
    const last = p + CHUNK >= bytes.length;
    deliver(bytes.subarray(p, Math.min(bytes.length, p + CHUNK)), last);
    if (last) return;
  }
}

/** Inflates deflate data with fflate as a stream of chunks. */
function inflateStreaming(data: Uint8Array, entry: ZipEntry, deliver: (chunk: Uint8Array, final: boolean) => void, onInput: ((consumed: number) => void) | undefined): void {
  let sawFinal = false;
  const inflater = new Inflate((chunk, final) => {
    if (final) sawFinal = true;
    deliver(chunk, final);
  });
  try {
    for (let p = 0; p < data.length; p += CHUNK) {
      onInput?.(p);
      inflater.push(data.subarray(p, Math.min(data.length, p + CHUNK)), p + CHUNK >= data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    // fflate's errors carry a numeric code; anything else (ours, or a bug) goes up as it is.
    if (e instanceof XlsxError || typeof (e as { code?: unknown }).code !== 'number') throw e;
    throw new XlsxError('malformed-zip', { part: entry.name });
  }
  if (!sawFinal) deliver(new Uint8Array(0), true);
}

/**
 * Inflates an entry step by step: each step inflates about 1 MB of compressed bytes and yields
 * the inflated chunks, so a caller can write them out (and await) before the next step (the
 * patching writer streams a worksheet so). Counts against `budget` like every other inflating.
 * Throws XlsxError when the entry is damaged, encrypted, of an unknown method or a bomb.
 * @example for (const chunks of inflateSteps(bytes, entry)) for (const c of chunks) await out(c)
 * @throws XlsxError: encrypted, unsupported-zip (not deflate), malformed-zip (damaged deflate data or wrong size), zip-bomb
 */
export function* inflateSteps(b: Uint8Array, entry: ZipEntry, budget: InflateBudget = new InflateBudget()): Generator<Uint8Array[]> {
  if (entry.flags & 1) throw new XlsxError('encrypted');
  const data = entryData(b, entry);
  if (entry.method === 0) { budget.add(data.length, data.length, entry); yield [data]; return; }
  if (entry.method !== 8) throw new XlsxError('unsupported-zip', { detail: `compression method ${entry.method}` });
  let sofar = 0;
  let out: Uint8Array[] = [];
  const inflater = new Inflate((chunk) => {
    sofar += chunk.length;
    budget.add(chunk.length, sofar, entry);
    out.push(chunk);
  });
  const STEP = 1 << 20;
  const push = (chunk: Uint8Array, final: boolean): void => {
    try { inflater.push(chunk, final); } catch (e) {
      if (e instanceof XlsxError || typeof (e as { code?: unknown }).code !== 'number') throw e;
      throw new XlsxError('malformed-zip', { part: entry.name });
    }
  };
  if (data.length === 0) push(new Uint8Array(0), true);
  for (let p = 0; p < data.length; p += STEP) {
    push(data.subarray(p, Math.min(data.length, p + STEP)), p + STEP >= data.length);
    yield out;
    out = [];
  }
  if (out.length > 0) yield out;
}

/**
 * One entry's bytes decoded as text (for the small parts: workbook, rels, styles).
 * @example const xml = entryText(bytes, entry, budget)
 * @throws XlsxError as inflateEntry
 */
export function entryText(b: Uint8Array, entry: ZipEntry, budget: InflateBudget): string {
  const decoder = new TextDecoder();
  let text = '';
  inflateEntry(b, entry, budget, (chunk, final) => { text += decoder.decode(chunk, { stream: !final }); });
  return text;
}

/**
 * True when a zip is an OpenDocument file (an .ods renamed to .xlsx, say): its first entry is
 * "mimetype" naming an OpenDocument type.
 * @throws never
 * @example isOpenDocument(bytes, zipEntries(bytes).get("mimetype")) === true // an .ods renamed
 */
export function isOpenDocument(b: Uint8Array, m: ZipEntry | undefined): boolean {
  if (!m || m.method !== 0) return false;
  const start = m.localOffset + 30 + u16(b, m.localOffset + 26) + u16(b, m.localOffset + 28);
  return new TextDecoder().decode(b.subarray(start, start + Math.min(m.compressedSize, 100))).startsWith('application/vnd.oasis.opendocument');
}
