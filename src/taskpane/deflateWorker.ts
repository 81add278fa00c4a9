/**
 * The patching worker's side of the download's deflate worker (deflate.worker.ts): a NativeZip
 * whose deflate streams compress on that worker, one per zip entry.
 */
import { compressionStreamZip, type DeflateStream, type NativeZip } from '../xlsx/zipio';
import type { DeflateReply, DeflateRequest } from './deflate.worker';

/** A worker, as far as we use one (a fake in tests runs deflateHandler in the same thread). */
export interface DeflatePort {
  postMessage(request: DeflateRequest, transfer: ArrayBuffer[]): void;
  onmessage: ((e: MessageEvent<DeflateReply>) => void) | null;
  onerror?: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

/**
 * Blocks written to the deflate worker and not yet compressed: the patching worker runs ahead
 * by this many (1 MB each) and then waits, so a download holds a few MB of XML in flight
 * whatever the workbook's size.
 */
const BLOCKS_AHEAD = 4;

/** One entry's callbacks, by id. */
interface Entry {
  readonly chunk: (bytes: Uint8Array) => void;
  readonly taken: () => void;
  readonly done: () => void;
  readonly error: (e: Error) => void;
}

/**
 * Deflate streams on `port`: each a DeflateStream whose blocks go to the worker in order (copied
 * when a block is part of a larger buffer, handed over when it is a whole one) and whose
 * readable gives the entry's compressed bytes.
 * @example const zip: NativeZip = { deflateStream: workerDeflateStreams(new Worker("deflate-worker.js")) }
 * @throws nothing here; a stream fails (its writes and reads reject) when the worker reports an error or fails
 */
export function workerDeflateStreams(port: DeflatePort): () => DeflateStream {
  const entries = new Map<number, Entry>();
  let next = 0;
  port.onmessage = (e) => {
    const reply = e.data;
    const entry = entries.get(reply.id);
    if (!entry) return;
    if (reply.type === 'chunk') entry.chunk(reply.bytes);
    else if (reply.type === 'taken') entry.taken();
    else if (reply.type === 'done') { entries.delete(reply.id); entry.done(); } else { entries.delete(reply.id); entry.error(new Error(reply.message)); }
  };
  port.onerror = (e) => {
    const error = new Error(e.message || 'the deflate worker failed');
    for (const entry of entries.values()) entry.error(error);
    entries.clear();
  };
  return () => {
    const id = next++;
    let ahead = 0;
    let waiting: { resolve: () => void; reject: (e: Error) => void } | null = null;
    let closing: { resolve: () => void; reject: (e: Error) => void } | null = null;
    let failure: Error | null = null;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const readable = new ReadableStream<Uint8Array>({ start: (c) => { controller = c; } });
    entries.set(id, {
      chunk: (bytes) => { controller.enqueue(bytes); },
      taken: () => { ahead--; if (waiting && ahead < BLOCKS_AHEAD) { waiting.resolve(); waiting = null; } },
      done: () => { controller.close(); closing?.resolve(); },
      error: (e) => { failure = e; controller.error(e); waiting?.reject(e); closing?.reject(e); waiting = closing = null; },
    });
    port.postMessage({ type: 'begin', id }, []);
    const writable = new WritableStream<Uint8Array>({
      write: (block) => {
        if (failure) throw failure;
        const whole = block.byteOffset === 0 && block.byteLength === block.buffer.byteLength && block.buffer instanceof ArrayBuffer;
        const bytes = whole ? block as Uint8Array<ArrayBuffer> : block.slice();
        port.postMessage({ type: 'block', id, bytes }, [bytes.buffer]);
        ahead++;
        if (ahead < BLOCKS_AHEAD) return undefined;
        return new Promise<void>((resolve, reject) => { waiting = { resolve, reject }; });
      },
      close: () => {
        if (failure) throw failure;
        port.postMessage({ type: 'end', id }, []);
        return new Promise<void>((resolve, reject) => { closing = { resolve, reject }; });
      },
    });
    return { writable, readable };
  };
}

/**
 * The download's NativeZip: deflated on a worker of its own (deflate-worker.js, beside this
 * script) where the browser has CompressionStream("deflate-raw") and can start a worker from a
 * worker, inflated with DecompressionStream as compressionStreamZip does; else
 * compressionStreamZip() (deflated here), or undefined (fflate). `end` ends the worker.
 * @example const { native, end } = deflateWorkerZip(); try { await patchXlsx(bytes, outputs, sink, { isOurs, native }) } finally { end() }
 * @throws nothing: a worker that cannot start leaves the deflate here
 */
export function deflateWorkerZip(start: () => DeflatePort = () => new Worker(new URL('deflate-worker.js', (globalThis as { location?: { href: string } }).location?.href)) as unknown as DeflatePort): { native: NativeZip | undefined; end: () => void } {
  const here = compressionStreamZip();
  if (!here?.deflateStream || typeof Worker !== 'function') return { native: here, end: () => undefined };
  let port: DeflatePort;
  try { port = start(); } catch { return { native: here, end: () => undefined }; }
  return { native: { ...here, deflateStream: workerDeflateStreams(port) }, end: () => { port.terminate(); } };
}
