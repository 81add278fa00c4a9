/**
 * The download's deflate, on a worker of its own beside the one that patches the sheets: a
 * browser's CompressionStream compresses on the thread that writes to it, so in the patching
 * worker every block of XML was patched, then compressed, on one core. Here the next rows are
 * patched while the last ones compress, on the second core. One CompressionStream("deflate-raw")
 * per zip entry, fed the entry's blocks in order: the bytes are those of compressing them in the
 * patching worker. Built as its own entry (deflate-worker.js); the patching worker starts it for
 * a download (deflateWorkerZip) and ends it after.
 */

/** What the patching worker asks: an entry begun, one block of it, its end. */
export type DeflateRequest =
  | { readonly type: 'begin'; readonly id: number }
  | { readonly type: 'block'; readonly id: number; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly type: 'end'; readonly id: number };

/** What this worker answers: compressed bytes of an entry, a block written, the entry done, or a failure. */
export type DeflateReply =
  | { readonly type: 'chunk'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'taken'; readonly id: number }
  | { readonly type: 'done'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

/** Posts a reply, handing over the buffers listed. */
export type DeflatePost = (reply: DeflateReply, transfer: ArrayBuffer[]) => void;

/** A view's buffer, when the view is all of it (then it can be handed over without a copy). */
function wholeBuffer(bytes: Uint8Array): ArrayBuffer[] {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

/**
 * The worker's answer to each request: an entry's blocks written to its CompressionStream in
 * order, each acknowledged once written (the patching worker keeps only a few under way), its
 * compressed bytes posted as they come.
 * @example const handle = deflateHandler((m, transfer) => self.postMessage(m, transfer)); handle({ type: "begin", id: 1 })
 * @throws nothing: a failure is posted as an error of its entry
 */
export function deflateHandler(post: DeflatePost): (request: DeflateRequest) => void {
  const entries = new Map<number, { writer: WritableStreamDefaultWriter<BufferSource>; drained: Promise<void>; queue: Promise<void> }>();
  const failed = (id: number) => (e: unknown): void => {
    entries.delete(id);
    post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) }, []);
  };
  return (request) => {
    const { id } = request;
    if (request.type === 'begin') {
      const stream = new CompressionStream('deflate-raw');
      const reader = stream.readable.getReader();
      const drained = (async (): Promise<void> => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          post({ type: 'chunk', id, bytes: value }, wholeBuffer(value));
        }
      })();
      drained.catch(() => undefined);
      entries.set(id, { writer: stream.writable.getWriter(), drained, queue: Promise.resolve() });
      return;
    }
    const entry = entries.get(id);
    if (!entry) return;
    if (request.type === 'block') {
      const { bytes } = request;
      entry.queue = entry.queue.then(async () => { await entry.writer.write(bytes); post({ type: 'taken', id }, []); });
    } else {
      entry.queue = entry.queue.then(async () => { await entry.writer.close(); await entry.drained; entries.delete(id); post({ type: 'done', id }, []); });
    }
    entry.queue.catch(failed(id));
  };
}

/** The worker's global scope, as far as we use it. */
interface Scope {
  onmessage: ((e: MessageEvent<DeflateRequest>) => void) | null;
  postMessage(reply: DeflateReply, transfer: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as Scope;
if (typeof (globalThis as { importScripts?: unknown }).importScripts === 'function') {
  const handle = deflateHandler((reply, transfer) => scope.postMessage(reply, transfer));
  scope.onmessage = (e) => { handle(e.data); };
}
