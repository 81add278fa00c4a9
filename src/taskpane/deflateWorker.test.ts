/**
 * The download's deflate worker, run in this thread behind a fake port that delivers messages
 * later, as a worker's do, and hands over buffers as postMessage does (structuredClone with
 * transfer detaches them): a block used after it was handed over would be empty.
 */
import { strFromU8, unzipSync } from 'fflate';
import { ZipWriter, compressionStreamZip, type NativeZip } from '../xlsx/zipio';
import { deflateHandler, type DeflateReply, type DeflateRequest } from './deflate.worker';
import { workerDeflateStreams, type DeflatePort } from './deflateWorker';

/** A port to deflateHandler; `hold` delays the worker's "taken" replies (a slow deflate). */
function fakeWorker(options: { hold?: boolean; failOnBlock?: number } = {}): { port: DeflatePort; maxAhead: () => number; release: () => void } {
  let ahead = 0, maxAhead = 0, blocks = 0;
  const held: (() => void)[] = [];
  const port: DeflatePort = {
    onmessage: null,
    postMessage: (request: DeflateRequest, transfer: ArrayBuffer[]) => {
      const copy = structuredClone(request, { transfer });
      if (copy.type === 'block') { ahead++; maxAhead = Math.max(maxAhead, ahead); blocks++; }
      if (copy.type === 'block' && blocks === options.failOnBlock) {
        setTimeout(() => port.onmessage?.({ data: { type: 'error', id: copy.id, message: 'disk full' } } as MessageEvent<DeflateReply>), 0);
        return;
      }
      setTimeout(() => { handle(copy); }, 0);
    },
    terminate: () => undefined,
  };
  const handle = deflateHandler((reply, transfer) => {
    const copy = structuredClone(reply, { transfer });
    const deliver = (): void => { if (copy.type === 'taken') ahead--; port.onmessage?.({ data: copy } as MessageEvent<DeflateReply>); };
    if (options.hold && copy.type === 'taken') held.push(deliver); else setTimeout(deliver, 0);
  });
  return { port, maxAhead: () => maxAhead, release: () => { for (const d of held.splice(0)) d(); } };
}

/** A zip of two entries: `text` pushed in pieces of `piece` characters, then a short one. */
async function zipWith(native: NativeZip | undefined, text: string, piece: number, whileWaiting?: () => void): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const zip = new ZipWriter((c) => { chunks.push(c.slice()); }, native);
  const w = zip.begin('xl/worksheets/sheet1.xml');
  for (let at = 0; at < text.length; at += piece) {
    const pushed = w.push(text.slice(at, at + piece));
    whileWaiting?.();
    await pushed;
  }
  await w.end();
  const small = zip.begin('xl/worksheets/sheet2.xml');
  await small.push('<worksheet/>');
  await small.end();
  await zip.finish();
  return Buffer.concat(chunks);
}

// About 7 MB of rows: several 1 MB blocks, pushed in pieces that never line up with them.
const text = Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Row ${i * 7919 % 1000} ✓ ${i}</t></is></c></row>`).join('');

test('deflated on the worker, the zip has the bytes of deflating in the patching worker', async () => {
  const here = compressionStreamZip();
  const { port } = fakeWorker();
  const onWorker: NativeZip = { ...here, deflateStream: workerDeflateStreams(port) };
  const expected = await zipWith(here, text, 100_000);
  for (const piece of [100_000, 1_048_576, 3_000_001]) expect((await zipWith(onWorker, text, piece)).equals(expected)).toBe(true);
  const files = unzipSync(expected);
  expect(strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array)).toBe(text);
  expect(strFromU8(files['xl/worksheets/sheet2.xml'] as Uint8Array)).toBe('<worksheet/>');
});

test('the patching worker runs at most four blocks ahead of the deflate, whatever the size', async () => {
  const fake = fakeWorker({ hold: true });
  const native: NativeZip = { ...compressionStreamZip(), deflateStream: workerDeflateStreams(fake.port) };
  // The deflate acknowledges nothing until released: the writer must wait after four blocks.
  const timer = setInterval(fake.release, 20);
  try {
    await zipWith(native, text, 1_048_576);
  } finally { clearInterval(timer); }
  expect(fake.maxAhead()).toBe(4);
});

test('a failure on the deflate worker fails the download, and no later entry waits forever', async () => {
  const { port } = fakeWorker({ failOnBlock: 2 });
  const native: NativeZip = { ...compressionStreamZip(), deflateStream: workerDeflateStreams(port) };
  await expect(zipWith(native, text, 1_048_576)).rejects.toThrow('disk full');
});
