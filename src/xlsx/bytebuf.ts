/**
 * Bytes out of the patching writer without a string in between: a growing buffer that takes
 * slices of the input's bytes (copied as they are) and text of ours (encoded in place), and hands
 * its bytes out in pieces. The row patcher (worksheet.ts) writes a million rows through one.
 */

const encoder = new TextEncoder();

/**
 * An ASCII text as bytes.
 * @example ascii("<row") // Uint8Array [60, 114, 111, 119]
 * @throws nothing
 */
export const ascii = (text: string): Uint8Array => encoder.encode(text);

/**
 * True when `b` holds `pattern` at `at`.
 * @example bytesAt(ascii("<row r=\"1\">"), 0, ascii("<row")) === true
 * @throws never
 */
export function bytesAt(b: Uint8Array, at: number, pattern: Uint8Array): boolean {
  if (at < 0 || at + pattern.length > b.length) return false;
  for (let i = 0; i < pattern.length; i++) if (b[at + i] !== pattern[i]) return false;
  return true;
}

/**
 * The first index of `pattern` in `b` at or after `from` and before `to`, or -1.
 * @example indexOfBytes(ascii("<c r=\"A1\"/>"), ascii(" r=\""), 0) === 2
 * @throws never
 */
export function indexOfBytes(b: Uint8Array, pattern: Uint8Array, from: number, to = b.length): number {
  const first = pattern[0] as number;
  for (let i = b.indexOf(first, from); i >= 0 && i + pattern.length <= to; i = b.indexOf(first, i + 1)) {
    if (bytesAt(b, i, pattern)) return i;
  }
  return -1;
}

/**
 * XML white space (space, tab, line feed, carriage return).
 * @example isXmlSpace(32) === true; isXmlSpace(undefined) === false
 * @throws nothing
 */
export const isXmlSpace = (c: number | undefined): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Writes a whole number >= 0 (below 2^53) in decimal digits (as `${n}` writes them) into `buf`
 * at `at`, which has room for 16 bytes; returns where they end.
 * @example const b = new Uint8Array(16); decimalInto(b, 0, 407) === 3 // b starts "407"
 * @throws never
 */
export function decimalInto(buf: Uint8Array, at: number, value: number): number {
  let digits = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
  const end = at + digits;
  let i = end, v = value;
  do { buf[--i] = 48 + (v % 10); v = Math.floor(v / 10); } while (v > 0);
  return end;
}

/**
 * Bytes gathered for output; `take` hands out what is there and starts over.
 * @example const out = new ByteSink(); out.text("<row/>"); await zip.push(out.take())
 * @throws nothing (a RangeError only when memory runs out)
 */
export class ByteSink {
  private buf: Uint8Array;
  private n = 0;
  constructor(capacity = 1 << 20) { this.buf = new Uint8Array(capacity); }

  private room(more: number): void {
    if (this.n + more <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + more));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }

  /** Appends `src[start, end)`. */
  bytes(src: Uint8Array, start = 0, end = src.length): void {
    const len = end - start;
    if (len <= 0) return;
    this.room(len);
    const buf = this.buf;
    let n = this.n;
    // A few bytes (a cell's reference) are copied faster one by one than through a subarray.
    if (len <= 32) for (let i = start; i < end; i++) buf[n++] = src[i] as number;
    else { buf.set(src.subarray(start, end), n); n += len; }
    this.n = n;
  }

  /** Appends a whole number >= 0 in decimal digits (as `${n}` writes it). */
  uint(value: number): void {
    this.room(16);
    this.n = decimalInto(this.buf, this.n, value);
  }

  /** Appends a text, UTF-8 encoded. */
  text(s: string): void {
    if (s.length === 0) return;
    this.room(s.length * 3);
    this.n += encoder.encodeInto(s, this.buf.subarray(this.n)).written;
  }

  /** How many bytes are waiting. */
  get length(): number { return this.n; }

  /**
   * As many whole blocks of `size` bytes as are gathered, in order, the rest kept: a zip entry
   * deflating fixed blocks takes each as it is, without copying it again. With a pool of blocks
   * that size, each is copied into one of the pool's (see BlockPool); else they are views of one copy.
   */
  takeBlocks(size: number, pool?: BlockPool): Uint8Array[] {
    const k = Math.floor(this.n / size);
    if (k === 0) return [];
    const all = pool !== undefined && pool.size === size ? undefined : this.buf.slice(0, k * size);
    const blocks = Array.from({ length: k }, (_, i) => {
      if (all !== undefined) return all.subarray(i * size, (i + 1) * size);
      const block = (pool as BlockPool).take();
      block.set(this.buf.subarray(i * size, (i + 1) * size));
      return block;
    });
    this.buf.copyWithin(0, k * size, this.n);
    this.n -= k * size;
    return blocks;
  }

  /** The bytes gathered so far (a copy), and an empty buffer again. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.n);
    this.n = 0;
    return out;
  }
}

/**
 * Blocks of one size used again once their bytes are done with. A million-row --out hands zlib
 * about 400 MB of 1 MB blocks; made afresh, each is memory outside V8's heap, and V8 runs a full
 * collection for about every 64 MB of such memory: 14 of them in the patch of a 1M-row workbook,
 * with a main thread halted for each, against 2-3 with the blocks reused. Only blocks the pool
 * made come back to it (give ignores any other), and it keeps at most `keep` idle ones.
 * @example const pool = new BlockPool(1 << 20); const b = pool.take(); ...; pool.give(b) // the next take() returns b
 * @throws nothing (a RangeError only when memory runs out)
 */
export class BlockPool {
  private readonly idle: Uint8Array[] = [];
  private readonly made = new WeakSet<Uint8Array>();
  constructor(readonly size: number, private readonly keep = 16) {}

  /** An idle block, else a new one; its bytes are whatever they were (the caller writes all of them). */
  take(): Uint8Array {
    const idle = this.idle.pop();
    if (idle !== undefined) return idle;
    const block = new Uint8Array(this.size);
    this.made.add(block);
    return block;
  }

  /** Takes back a block of the pool's that nothing reads any more (ignored for any other, and for one already given back). */
  give(block: Uint8Array): void {
    if (!this.made.has(block) || this.idle.length >= this.keep || this.idle.includes(block)) return;
    this.idle.push(block);
  }
}
