/**
 * Zip out for the patching writer, chunks to a sink (no Node APIs, so the task pane can use it
 * too): entries copied raw from an input (their compressed bytes untouched, found by src/xlsx/zip
 * as the reader finds them), and new entries streamed through Deflate with data descriptors, so
 * no part is ever held whole. Reading the input (central directory, inflating, part text) is
 * src/xlsx/zip's and src/xlsx/package's alone, so the reader and the writer read a zip the same way.
 */
import { Deflate } from 'fflate';
import { crc32, entryData, type ZipEntry } from './zip';
import { WriteError, type WriteMessageKey } from './errors';
import { BlockPool, ByteSink } from './bytebuf';

/** One entry of an input zip, from its central directory (read by src/xlsx/zip, as the reader does). */
export type ZipEntryInfo = ZipEntry;

export { crc32 } from './zip';

/** A zip that cannot be patched (the reader accepted it, so this is rare: say it plainly). */
export class ZipFormatError<K extends WriteMessageKey = WriteMessageKey> extends WriteError<K> {}

/**
 * Compresses one block of an entry's bytes as raw deflate that can be concatenated with the
 * blocks before it (a sync flush, no final bit until `final`).
 */
export type BlockDeflate = (data: Uint8Array, final: boolean) => Uint8Array;

/**
 * A transform stream that deflates raw (what `new CompressionStream("deflate-raw")` is in
 * browsers): one per entry, fed the entry's fixed blocks in order, read to its end.
 */
export interface DeflateStream {
  readonly writable: WritableStream<Uint8Array>;
  readonly readable: ReadableStream<Uint8Array>;
}

/**
 * A platform's native compression, when it has one: Node's zlib deflates and checksums the
 * hundreds of megabytes of XML a million rows make several times faster than JavaScript, and a
 * browser's CompressionStream deflates natively too. Without either, fflate deflates.
 */
export interface NativeZip {
  /** Deflates one block synchronously (Node's zlib). */
  readonly deflate?: BlockDeflate | undefined;
  /** A native deflate stream for one entry (browsers' CompressionStream), when there is no `deflate`. */
  readonly deflateStream?: (() => DeflateStream) | undefined;
  /**
   * Deflates one block like `deflate`, off the calling thread (Node's zlib on its thread pool):
   * the writer keeps a few blocks under way while it makes the next ones, and writes their
   * results in order, so the bytes are those of `deflate`.
   */
  readonly deflateAsync?: ((data: Uint8Array, final: boolean) => Promise<Uint8Array>) | undefined;
  /**
   * Inflates a raw deflate stream off the calling thread, yielding its bytes in order (Node's
   * zlib); the patching writer reads the worksheets it patches through it. Any failure is a
   * damaged entry.
   */
  readonly inflate?: ((data: Uint8Array) => AsyncIterable<Uint8Array>) | undefined;
  /** CRC-32 of `data` continued from `crc`, as crc32 (ours without it). */
  readonly crc32?: ((data: Uint8Array, crc: number) => number) | undefined;
}

/**
 * The browser's native deflate, where it has CompressionStream with "deflate-raw" (Chrome 103+,
 * Firefox 113+, Safari 16.4+); undefined elsewhere, and the writer uses fflate.
 * @example await patchXlsx(bytes, sources, sink, { isOurs, native: compressionStreamZip() })
 * @throws nothing: without CompressionStream it is undefined
 */
export function compressionStreamZip(): NativeZip | undefined {
  const CS = (globalThis as { CompressionStream?: new (format: string) => DeflateStream }).CompressionStream;
  if (typeof CS !== 'function') return undefined;
  try { new CS('deflate-raw'); } catch { return undefined; }
  const DS = (globalThis as { DecompressionStream?: new (format: string) => DeflateStream }).DecompressionStream;
  let inflate: NativeZip['inflate'];
  try { if (typeof DS === 'function') { new DS('deflate-raw'); inflate = (data) => streamInflate(new DS('deflate-raw'), data); } } catch { inflate = undefined; }
  return { deflateStream: () => new CS('deflate-raw'), inflate };
}

/**
 * Compressed bytes written to a native inflate stream at a time: a stream inflates what it is
 * given at once, so a small feed bounds the bytes one write can make (a bomb is refused by the
 * writer's inflate budget after a piece, not after the whole part).
 */
const STREAM_FEED = 16 * 1024;

/**
 * A raw deflate stream inflated by a native stream (a browser's DecompressionStream), yielding
 * its bytes in order as the stream gives them; the compressed bytes are fed in small pieces
 * while the caller reads. Stopping early cancels the stream.
 * @example for await (const chunk of streamInflate(new DecompressionStream("deflate-raw"), data)) patcher.pushBytes(chunk, out)
 * @throws the stream's error (a TypeError in browsers) for a damaged stream
 */
export async function* streamInflate(stream: DeflateStream, data: Uint8Array): AsyncGenerator<Uint8Array> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const fed = (async (): Promise<void> => {
    for (let p = 0; p < data.length; p += STREAM_FEED) await writer.write(data.subarray(p, Math.min(data.length, p + STREAM_FEED)));
    await writer.close();
  })();
  // A damaged stream fails both sides: the reader's failure is the one reported.
  fed.catch(() => undefined);
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      yield value;
    }
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
  }
  await fed;
}

/** Deflates one entry's blocks in order; `push` may be asynchronous (a native stream). */
interface EntryDeflater { push(block: Uint8Array, final: boolean): void | Promise<void> }

/** An EntryDeflater over a native stream: compressed bytes are read as they come and handed to `out` in order. */
function streamDeflater(stream: DeflateStream, out: (chunk: Uint8Array) => void): EntryDeflater {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const drained = (async (): Promise<void> => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      out(value);
    }
  })();
  // A failed stream fails the writes, or the final wait below: its reads' failure is not left unhandled meanwhile.
  drained.catch(() => undefined);
  return {
    push: async (block, final) => {
      if (block.length > 0) await writer.write(block);
      if (final) { await writer.close(); await drained; }
    },
  };
}

/**
 * Blocks handed to the threads before the oldest is waited for: four run on zlib's four threads
 * and four more wait, so the threads still have work while the main thread makes an output
 * sheet's rows or is itself waiting for a core (two cores, shared by the main thread and four of
 * zlib's). At 1M rows, 4 interleaved pairs, the patch kept 1.81 cores busy on average against
 * 1.78 with four under way, and its wall time was shorter in each pair (0.03-1.7 s, on a VM
 * whose speed drifts). Eight hold 8 MB of blocks and their compressed bytes.
 */
const BLOCKS_UNDER_WAY = 8;

/** An EntryDeflater over an asynchronous block deflate: a few blocks under way, results handed to `out` in order. */
function concurrentDeflater(deflate: (data: Uint8Array, final: boolean) => Promise<Uint8Array>, out: (chunk: Uint8Array) => void, done: (block: Uint8Array) => void): EntryDeflater {
  const underWay: { deflated: Promise<Uint8Array>; block: Uint8Array }[] = [];
  return {
    push: async (data, final) => {
      const deflated = deflate(data, final);
      // A failure is reported where it is awaited, in order; none goes unhandled meanwhile.
      deflated.catch(() => undefined);
      underWay.push({ deflated, block: data });
      while (underWay.length >= (final ? 1 : BLOCKS_UNDER_WAY)) {
        const oldest = underWay.shift() as { deflated: Promise<Uint8Array>; block: Uint8Array };
        out(await oldest.deflated);
        // zlib has read the whole block once its result is here.
        done(oldest.block);
      }
    },
  };
}

/**
 * The deflater for one entry: Node's zlib by block (on its threads when it can), a native stream,
 * or fflate's streaming Deflate. zlib's deflaters hand each block to `done` once they have read
 * it; a stream or fflate may still hold a block they were given, and hand none back.
 */
function entryDeflater(native: NativeZip | undefined, out: (chunk: Uint8Array) => void, done: (block: Uint8Array) => void): EntryDeflater {
  if (native?.deflateAsync) return concurrentDeflater(native.deflateAsync, out, done);
  const block = native?.deflate;
  if (block) return { push: (data, final) => { out(block(data, final)); done(data); } };
  if (native?.deflateStream) return streamDeflater(native.deflateStream(), out);
  const fflate = new Deflate({ level: 4 }, (chunk) => { out(chunk); });
  return { push: (data, final) => { fflate.push(data, final); } };
}

/**
 * Bytes of an entry deflated at a time (see ZipWriter.begin); pushing exactly such blocks saves a
 * copy of each. Each block is one deflate with a state of its own (set up, and in Node a round
 * trip to zlib's threads): 1 MB blocks cost --out about 9% less CPU than 256 KB ones on a
 * 200,000-row workbook, and compress 0.5% smaller (see BLOCKS_UNDER_WAY for how many are deflated at once).
 */
export const DEFLATE_BLOCK = 1024 * 1024;

/** Where the writer's bytes go; awaited, so a slow disk holds the writer back. */
export type Sink = (chunk: Uint8Array) => Promise<void> | void;

interface Written { name: Uint8Array; method: number; flags: number; crc: number; csize: number; size: number; offset: number }

/**
 * Writes a zip to a sink: entries copied raw from another zip, or streamed in through Deflate.
 * Offsets past 4 GiB are refused (an .xlsx that large cannot be opened by Excel anyway).
 * @example const w = new ZipWriter(sink); await w.copy(bytes, entry); const e = w.begin("xl/worksheets/sheet9.xml"); await e.push(xml); await e.end(); await w.finish()
 * @throws ZipFormatError (xlsx.write.result-too-large) when the zip would pass 4 GiB; what the sink throws (a full disk: WriteError from the CLI's sink)
 */
export class ZipWriter {
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly queue: Uint8Array[] = [];
  private readonly encoder = new TextEncoder();
  /**
   * The blocks of DEFLATE_BLOCK bytes its entries deflate, used again once deflated: a caller
   * filling blocks for an entry takes them from here (ByteSink.takeBlocks).
   */
  readonly blocks = new BlockPool(DEFLATE_BLOCK, BLOCKS_UNDER_WAY + 2);
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
    const data = entryData(source, e);
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
   * Starts a new entry; push text or bytes into it, then end it. Deflated as it goes; bytes
   * pushed are the writer's from then on (a native deflate may still be reading them).
   * @example const w = zip.begin("xl/worksheets/sheet9.xml"); await w.push("<worksheet>"); await w.end()
   */
  begin(entryName: string): { push: (data: string | Uint8Array) => Promise<void>; end: () => Promise<void> } {
    this.checkOffset();
    const name = this.encoder.encode(entryName);
    const offset = this.offset;
    const flags = 8 | 0x800;
    this.localHeader(name, 8, flags, 0, 0, 0);
    let crc = 0, size = 0, csize = 0;
    const checksum = this.native?.crc32 ?? crc32;
    const deflate = entryDeflater(this.native, (chunk) => { csize += chunk.length; this.put(chunk); }, (block) => { this.blocks.give(block); });
    const pending: Uint8Array[] = [];
    let pendingBytes = 0;
    // Text pushed and encoded, not pending yet: it follows every pending byte.
    let staged: ByteSink | undefined;
    /**
     * Makes the text staged pending: only its whole blocks, as they are, when nothing else is
     * pending and `all` is not asked for (more text follows); else all of it.
     */
    const unstage = (all: boolean): void => {
      if (staged === undefined || staged.length === 0) return;
      const blocks = pendingBytes === 0 && !all ? staged.takeBlocks(DEFLATE_BLOCK, this.blocks) : [staged.take()];
      for (const b of blocks) { pending.push(b); pendingBytes += b.length; }
    };
    /** Deflates the first `n` pending bytes (all of them when `final`). */
    const feed = (n: number, final: boolean): void | Promise<void> => {
      let all: Uint8Array;
      if (pending.length === 1 && (pending[0] as Uint8Array).length === n) { all = pending[0] as Uint8Array; pending.length = 0; }
      else {
        // Whole blocks are the pool's, so the pieces of text an output sheet is pushed in cost no new one.
        all = n === DEFLATE_BLOCK ? this.blocks.take() : new Uint8Array(n);
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
      return deflate.push(all, final);
    };
    return {
      push: async (data) => {
        if (data.length === 0) return;
        if (typeof data === 'string') {
          // Text is encoded into whole blocks of the pool's, not into a new array per piece.
          (staged ??= new ByteSink(64 * 1024)).text(data);
          if (pendingBytes + staged.length < DEFLATE_BLOCK) return;
          unstage(false);
        } else {
          unstage(true);
          pending.push(data); pendingBytes += data.length;
          if (pendingBytes < DEFLATE_BLOCK) return;
        }
        // Deflated in blocks of exactly DEFLATE_BLOCK: small pushes (one row of XML) would cost a call
        // each, and fixed blocks make the compressed bytes depend only on the entry's content, not
        // on how it was pushed (a re-run on our own output pushes the same sheet in other pieces).
        while (pendingBytes >= DEFLATE_BLOCK) await feed(DEFLATE_BLOCK, false);
        await this.flush();
      },
      end: async () => {
        unstage(true);
        await feed(pendingBytes, true);
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

  /**
   * Writes here, as they are, the entries `part` (a writer never finished) wrote to its sink, whose
   * chunks are `chunks`: an entry's bytes do not depend on where it stands, only its offset moves,
   * so entries made beside another entry's writing land as if written here.
   * @example const held: Uint8Array[] = []; const part = new ZipWriter((c) => { held.push(c); }, native); ...; await zip.append(part, held)
   * @throws ZipFormatError (xlsx.write.result-too-large) as begin; what the sink throws
   */
  async append(part: ZipWriter, chunks: readonly Uint8Array[]): Promise<void> {
    this.checkOffset();
    const base = this.offset;
    for (const w of part.written) this.written.push({ ...w, offset: base + w.offset });
    for (const c of chunks) this.put(c);
    await this.flush();
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
