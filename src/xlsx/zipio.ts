/**
 * Zip in and out for the patching writer, over bytes in memory and chunks out (no Node APIs, so
 * the task pane can use it too): the central directory of an input, each entry's raw compressed
 * bytes (copied untouched), and a writer that streams new entries through fflate's Deflate with
 * data descriptors, so no part is ever held whole. The central directory is parsed by
 * src/xlsx/zip, the reader's own parser, so both read a zip the same way.
 */
import { Deflate, Inflate } from 'fflate';
import { u16, u32, type ZipEntry } from './zip';
import { WriteError, type WriteMessageKey } from './errors';

/** One entry of an input zip, from its central directory (read by src/xlsx/zip, as the reader does). */
export type ZipEntryInfo = ZipEntry;

/** A zip that cannot be patched (the reader accepted it, so this is rare: say it plainly). */
export class ZipFormatError<K extends WriteMessageKey = WriteMessageKey> extends WriteError<K> {}

/** The raw (still compressed) bytes of an entry. */
export function rawData(b: Uint8Array, e: ZipEntryInfo): Uint8Array {
  const h = e.localOffset;
  if (h + 30 > b.length || u32(b, h) !== 0x04034b50) throw new ZipFormatError('xlsx.write.entry-damaged', { entry: e.name });
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  if (start + e.compressedSize > b.length) throw new ZipFormatError('xlsx.write.entry-truncated', { entry: e.name });
  return b.subarray(start, start + e.compressedSize);
}

/**
 * Inflates an entry chunk by chunk (synchronously: the bytes are in memory), with a bound on its
 * inflated size so a damaged part cannot exhaust memory.
 */
export function inflateChunks(b: Uint8Array, e: ZipEntryInfo, onChunk: (chunk: Uint8Array, final: boolean) => void, maxSize = 4 * 1024 ** 3): void {
  const data = rawData(b, e);
  if (e.method === 0) { onChunk(data, true); return; }
  if (e.method !== 8) throw new ZipFormatError('xlsx.write.entry-method', { entry: e.name, method: e.method });
  let total = 0, sawFinal = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxSize) throw new ZipFormatError('xlsx.write.entry-too-large', { entry: e.name, limit: maxSize });
    if (final) sawFinal = true;
    onChunk(chunk, final);
  });
  const STEP = 1 << 20;
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  for (let p = 0; p < data.length; p += STEP) inflater.push(data.subarray(p, Math.min(data.length, p + STEP)), p + STEP >= data.length);
  if (!sawFinal) onChunk(new Uint8Array(0), true);
}

/**
 * Inflates an entry step by step: each step inflates about 1 MB of compressed bytes and yields
 * the inflated chunks, so a caller can write them out (and await) before the next step.
 * @example for (const chunks of inflateSteps(bytes, entry)) for (const c of chunks) await out(c)
 */
export function* inflateSteps(b: Uint8Array, e: ZipEntryInfo, maxSize = 4 * 1024 ** 3): Generator<Uint8Array[]> {
  const data = rawData(b, e);
  if (e.method === 0) { yield [data]; return; }
  if (e.method !== 8) throw new ZipFormatError('xlsx.write.entry-method', { entry: e.name, method: e.method });
  let total = 0;
  let out: Uint8Array[] = [];
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxSize) throw new ZipFormatError('xlsx.write.entry-too-large', { entry: e.name, limit: maxSize });
    out.push(chunk);
  });
  const STEP = 1 << 20;
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  for (let p = 0; p < data.length; p += STEP) {
    inflater.push(data.subarray(p, Math.min(data.length, p + STEP)), p + STEP >= data.length);
    yield out;
    out = [];
  }
  if (out.length > 0) yield out;
}

/** An entry's text (for the small parts: workbook, relationships, content types, styles). */
export function entryText(b: Uint8Array, e: ZipEntryInfo): string {
  const decoder = new TextDecoder();
  let text = '';
  inflateChunks(b, e, (chunk, final) => { text += decoder.decode(chunk, { stream: !final }); }, 256 * 1024 * 1024);
  return text;
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

/** CRC-32 of `data` continued from `crc` (start with 0). @example crc32(new TextEncoder().encode("a")) === 0xe8b7be43 */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * Compresses one block of an entry's bytes as raw deflate that can be concatenated with the
 * blocks before it (a sync flush, no final bit until `final`).
 */
export type BlockDeflate = (data: Uint8Array, final: boolean) => Uint8Array;

/**
 * A platform's native compression, when it has one: Node's zlib deflates and checksums the
 * hundreds of megabytes of XML a million rows make several times faster than JavaScript.
 */
export interface NativeZip {
  readonly deflate: BlockDeflate;
  /** CRC-32 of `data` continued from `crc`, as crc32 below. */
  readonly crc32: (data: Uint8Array, crc: number) => number;
}

/** Bytes of an entry deflated at a time (see ZipWriter.begin). */
const DEFLATE_BLOCK = 256 * 1024;

/** Where the writer's bytes go; awaited, so a slow disk holds the writer back. */
export type Sink = (chunk: Uint8Array) => Promise<void> | void;

interface Written { name: Uint8Array; method: number; flags: number; crc: number; csize: number; size: number; offset: number }

/**
 * Writes a zip to a sink: entries copied raw from another zip, or streamed in through Deflate.
 * Offsets past 4 GiB are refused (an .xlsx that large cannot be opened by Excel anyway).
 */
export class ZipWriter {
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly queue: Uint8Array[] = [];
  private readonly encoder = new TextEncoder();
  /**
   * `native` compresses each block of an entry and checksums it; without it fflate's streaming
   * Deflate and our CRC are used (browsers). The CLI passes Node's zlib (out-file nodeZip).
   */
  constructor(private readonly sink: Sink, private readonly native?: NativeZip) {}

  private put(b: Uint8Array): void { this.queue.push(b); this.offset += b.length; }
  /** Hands queued bytes to the sink. */
  async flush(): Promise<void> {
    while (this.queue.length > 0) await this.sink(this.queue.shift() as Uint8Array);
  }

  private localHeader(name: Uint8Array, method: number, flags: number, crc: number, csize: number, size: number): void {
    const h = new Uint8Array(30 + name.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true); v.setUint16(4, 20, true); v.setUint16(6, flags, true); v.setUint16(8, method, true);
    v.setUint16(10, 0, true); v.setUint16(12, 0x21, true); // 1980-01-01: a fixed time, so re-runs give the same bytes
    v.setUint32(14, crc, true); v.setUint32(18, csize, true); v.setUint32(22, size, true);
    v.setUint16(26, name.length, true); v.setUint16(28, 0, true);
    h.set(name, 30);
    this.put(h);
  }

  private checkOffset(): void {
    if (this.offset > 0xffffffff) throw new ZipFormatError('xlsx.write.result-too-large', {});
  }

  /** Copies an entry of `source` as it is (no inflating, no deflating). */
  async copy(source: Uint8Array, e: ZipEntryInfo): Promise<void> {
    const data = rawData(source, e);
    const name = this.encoder.encode(e.name);
    const flags = (e.flags & ~8) | 0x800; // sizes are in the header; names are UTF-8
    this.checkOffset();
    const offset = this.offset;
    this.localHeader(name, e.method, flags, e.crc, e.compressedSize, e.size);
    this.put(data);
    this.written.push({ name, method: e.method, flags, crc: e.crc, csize: e.compressedSize, size: e.size, offset });
    await this.flush();
  }

  /**
   * Starts a new entry; push text or bytes into it, then end it. Deflated as it goes.
   * @example const w = zip.begin("xl/worksheets/sheet9.xml"); await w.push("<worksheet>"); await w.end()
   */
  begin(entryName: string): { push: (data: string | Uint8Array) => Promise<void>; end: () => Promise<void> } {
    this.checkOffset();
    const name = this.encoder.encode(entryName);
    const offset = this.offset;
    const flags = 8 | 0x800;
    this.localHeader(name, 8, flags, 0, 0, 0);
    let crc = 0, size = 0, csize = 0;
    const block = this.native?.deflate;
    const checksum = this.native?.crc32 ?? crc32;
    const fflate = block ? undefined : new Deflate({ level: 4 }, (chunk) => { csize += chunk.length; this.put(chunk); });
    const deflate = {
      push: (data: Uint8Array, final: boolean): void => {
        if (fflate) { fflate.push(data, final); return; }
        const out = (block as BlockDeflate)(data, final);
        csize += out.length;
        this.put(out);
      },
    };
    const pending: Uint8Array[] = [];
    let pendingBytes = 0;
    /** Deflates the first `n` pending bytes (all of them when `final`). */
    const feed = (n: number, final: boolean): void => {
      let all: Uint8Array;
      if (pending.length === 1 && (pending[0] as Uint8Array).length === n) { all = pending[0] as Uint8Array; pending.length = 0; }
      else {
        all = new Uint8Array(n);
        let o = 0, used = 0;
        while (o < n) {
          const p = pending[used] as Uint8Array;
          const take = Math.min(p.length, n - o);
          all.set(take === p.length ? p : p.subarray(0, take), o);
          o += take;
          if (take === p.length) used++; else pending[used] = p.subarray(take);
        }
        pending.splice(0, used);
      }
      pendingBytes -= n;
      crc = checksum(all, crc); size += all.length;
      deflate.push(all, final);
    };
    return {
      push: async (data) => {
        const bytes = typeof data === 'string' ? this.encoder.encode(data) : data;
        if (bytes.length === 0) return;
        pending.push(bytes); pendingBytes += bytes.length;
        // Deflated in blocks of exactly 256 KB: small pushes (one row of XML) would cost a call
        // each, and fixed blocks make the compressed bytes depend only on the entry's content, not
        // on how it was pushed (a re-run on our own output pushes the same sheet in other pieces).
        if (pendingBytes < DEFLATE_BLOCK) return;
        while (pendingBytes >= DEFLATE_BLOCK) feed(DEFLATE_BLOCK, false);
        await this.flush();
      },
      end: async () => {
        feed(pendingBytes, true);
        if (size > 0xffffffff || csize > 0xffffffff) throw new ZipFormatError('xlsx.write.entry-result-too-large', { entry: entryName });
        const d = new Uint8Array(16);
        const v = new DataView(d.buffer);
        v.setUint32(0, 0x08074b50, true); v.setUint32(4, crc, true); v.setUint32(8, csize, true); v.setUint32(12, size, true);
        this.put(d);
        this.written.push({ name, method: 8, flags, crc, csize, size, offset });
        await this.flush();
      },
    };
  }

  /** Writes the central directory and the end record. */
  async finish(): Promise<void> {
    this.checkOffset();
    const cdStart = this.offset;
    for (const w of this.written) {
      const h = new Uint8Array(46 + w.name.length);
      const v = new DataView(h.buffer);
      v.setUint32(0, 0x02014b50, true); v.setUint16(4, 20, true); v.setUint16(6, 20, true); v.setUint16(8, w.flags, true);
      v.setUint16(10, w.method, true); v.setUint16(12, 0, true); v.setUint16(14, 0x21, true);
      v.setUint32(16, w.crc, true); v.setUint32(20, w.csize, true); v.setUint32(24, w.size, true);
      v.setUint16(28, w.name.length, true); v.setUint32(42, w.offset, true);
      h.set(w.name, 46);
      this.put(h);
    }
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, this.written.length, true); v.setUint16(10, this.written.length, true);
    v.setUint32(12, this.offset - cdStart, true); v.setUint32(16, cdStart, true);
    if (this.written.length > 0xffff) throw new ZipFormatError('xlsx.write.too-many-parts', {});
    this.put(end);
    await this.flush();
  }
}
