import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { OUT_DEFLATE_LEVEL, nodeDeflate, nodeInflate, nodeZip } from '../cli/out-file';
import { zipEntries } from './zip';
import { ByteSink } from './bytebuf';
import { DEFLATE_BLOCK, ZipWriter, compressionStreamZip, crc32, type NativeZip } from './zipio';

/** A zip of one entry holding `text`, pushed in pieces of the given sizes (cycled), every other one as bytes when `mixed`. */
async function zipOf(text: string, pieces: readonly number[], native?: NativeZip, mixed = false): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const zip = new ZipWriter((c) => { chunks.push(c.slice()); }, native);
  const w = zip.begin('xl/worksheets/sheet1.xml');
  for (let at = 0, k = 0; at < text.length; k++) {
    const n = pieces[k % pieces.length] as number;
    const piece = text.slice(at, at + n);
    await w.push(mixed && k % 2 === 1 ? new TextEncoder().encode(piece) : piece);
    at += n;
  }
  await w.end();
  await zip.finish();
  return Buffer.concat(chunks);
}

describe('ZipWriter', () => {
  // About 1.3 MB of rows: several deflate blocks, pushed in pieces that never line up with them.
  const text = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Row ${i * 7919 % 1000} ✓</t></is></c></row>`).join('');

  // Node has the browsers' CompressionStream too, so the stream path runs here as in the pane.
  const stream = compressionStreamZip();
  test('CompressionStream("deflate-raw") is found where the platform has it', () => {
    expect(stream?.deflateStream).toBeDefined();
  });

  test.each([['Node zlib', nodeZip], ['CompressionStream', stream], ['fflate', undefined]] as const)('with %s, the bytes depend on the content only, not on how it was pushed', async (_name, deflate) => {
    const whole = await zipOf(text, [text.length], deflate);
    for (const pieces of [[7], [70_000], [262_144], [262_145, 3], [100, 500_000, 17]]) {
      expect((await zipOf(text, pieces, deflate)).equals(whole)).toBe(true);
      // Text and bytes in turn: the text waiting to be deflated goes before the bytes that follow it.
      expect((await zipOf(text, pieces, deflate, true)).equals(whole)).toBe(true);
    }
    expect(strFromU8(unzipSync(whole)['xl/worksheets/sheet1.xml'] as Uint8Array)).toBe(text);
  });

  test.each([['Node zlib', nodeZip], ['CompressionStream', stream], ['fflate', undefined]] as const)('with %s, the central directory states the CRC-32 of the entry\'s bytes', async (_name, native) => {
    const zip = await zipOf(text, [100_000], native);
    const entry = zipEntries(new Uint8Array(zip)).get('xl/worksheets/sheet1.xml');
    expect(entry?.crc).toBe(crc32(new TextEncoder().encode(text)));
  });

  test('Node zlib deflating blocks on its threads, several under way, gives the bytes of deflating them one by one', async () => {
    const oneByOne: NativeZip = { deflate: nodeDeflate, crc32: nodeZip.crc32 };
    expect(nodeZip.deflateAsync).toBeDefined();
    const long = text.repeat(3);
    for (const pieces of [[long.length], [262_144], [100, 500_000, 17]]) {
      expect((await zipOf(long, pieces, nodeZip)).equals(await zipOf(long, pieces, oneByOne))).toBe(true);
    }
  });

  test('a block is used again only once zlib has read it: a deflate that reads its blocks late gives the bytes of deflating them at once', async () => {
    // A deflate on "threads" that reads each block only after several more were pushed: a block
    // handed back to the pool too early would be refilled with later bytes before it is read.
    const late: NativeZip = {
      crc32: nodeZip.crc32,
      deflateAsync: (data, final) => new Promise((resolve) => { setTimeout(() => { resolve(nodeDeflate(data, final)); }, 1); }),
    };
    const oneByOne: NativeZip = { deflate: nodeDeflate, crc32: nodeZip.crc32 };
    const blocks = new TextEncoder().encode(text.repeat(12));
    const zipped = async (native: NativeZip): Promise<Buffer> => {
      const chunks: Uint8Array[] = [];
      const zip = new ZipWriter((c) => { chunks.push(c.slice()); }, native);
      const w = zip.begin('xl/worksheets/sheet1.xml');
      const out = new ByteSink();
      for (let at = 0; at < blocks.length; at += 300_000) {
        out.bytes(blocks, at, Math.min(blocks.length, at + 300_000));
        for (const block of out.takeBlocks(DEFLATE_BLOCK, zip.blocks)) await w.push(block);
      }
      await w.push(out.take());
      await w.end();
      await zip.finish();
      return Buffer.concat(chunks);
    };
    const once = await zipped(oneByOne);
    expect((await zipped(late)).equals(once)).toBe(true);
    expect(Buffer.from(unzipSync(once)['xl/worksheets/sheet1.xml'] as Uint8Array).equals(Buffer.from(blocks))).toBe(true);
  });

  test('a block deflated in one output piece gives the bytes of zlib\'s default 16 KB pieces', () => {
    const block = new TextEncoder().encode(text.repeat(3)).subarray(0, 262_144);
    for (const final of [false, true]) {
      const finishFlush = final ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH;
      expect(Buffer.from(nodeDeflate(block, final)).equals(deflateRawSync(block, { level: OUT_DEFLATE_LEVEL, finishFlush }))).toBe(true);
    }
  });

  test.each([['Node zlib', nodeInflate], ['DecompressionStream', stream?.inflate]] as const)('%s inflates an entry in pieces, and a damaged one fails', async (_name, inflate) => {
    if (!inflate) throw new Error('no native inflate');
    const bytes = new TextEncoder().encode(text.repeat(3));
    const packed = deflateRawSync(bytes);
    const pieces: Uint8Array[] = [];
    for await (const chunk of inflate(packed)) pieces.push(chunk);
    expect(pieces.length).toBeGreaterThan(1);
    expect(Buffer.concat(pieces).equals(Buffer.from(bytes))).toBe(true);
    const damaged = packed.slice(0, 5000);
    damaged.fill(0xff, 100, 200);
    await expect((async () => { for await (const chunk of inflate(damaged)) void chunk; })()).rejects.toThrow();
  });

  test('DecompressionStream: a reader may stop early, and an empty stream inflates to nothing', async () => {
    const inflate = stream?.inflate;
    if (!inflate) throw new Error('no native inflate');
    const packed = deflateRawSync(new TextEncoder().encode(text.repeat(20)));
    let got = 0;
    for await (const chunk of inflate(packed)) { got += chunk.length; break; }
    expect(got).toBeGreaterThan(0);
    const none: Uint8Array[] = [];
    for await (const chunk of inflate(deflateRawSync(new Uint8Array(0)))) none.push(chunk);
    expect(Buffer.concat(none).length).toBe(0);
  });

  test('an empty entry and a second entry after a streamed one come out whole', async () => {
    const chunks: Uint8Array[] = [];
    const zip = new ZipWriter((c) => { chunks.push(c.slice()); }, stream);
    for (const [name, body] of [['a.xml', ''], ['b.xml', text], ['c.xml', '<c/>']] as const) {
      const w = zip.begin(name);
      await w.push(body);
      await w.end();
    }
    await zip.finish();
    const files = unzipSync(Buffer.concat(chunks));
    expect(Object.keys(files).map((k) => [k, strFromU8(files[k] as Uint8Array).length])).toEqual([['a.xml', 0], ['b.xml', text.length], ['c.xml', 4]]);
  });

  test.each([['Node zlib', nodeZip], ['CompressionStream', stream], ['fflate', undefined]] as const)('with %s, entries another writer wrote to memory and appended give the bytes of writing them in place', async (_name, native) => {
    const entries = [['a.xml', text], ['b.xml', '<b/>'], ['c.xml', text.slice(0, 300_000)], ['d.xml', '']] as const;
    const write = async (zip: ZipWriter, list: readonly (readonly [string, string])[]): Promise<void> => {
      for (const [name, body] of list) {
        const w = zip.begin(name);
        await w.push(body);
        await w.end();
      }
    };
    const inPlace: Uint8Array[] = [];
    const direct = new ZipWriter((c) => { inPlace.push(c.slice()); }, native);
    await write(direct, entries);
    await direct.finish();
    const appended: Uint8Array[] = [];
    const zip = new ZipWriter((c) => { appended.push(c.slice()); }, native);
    const held: Uint8Array[] = [];
    const part = new ZipWriter((c) => { held.push(c); }, native);
    // Made before the entry they follow, as the patch makes its output sheets beside a sheet.
    await write(part, entries.slice(1, 3));
    await write(zip, entries.slice(0, 1));
    await zip.append(part, held);
    await write(zip, entries.slice(3));
    await zip.finish();
    expect(Buffer.concat(appended).equals(Buffer.concat(inPlace))).toBe(true);
    expect(Object.keys(unzipSync(Buffer.concat(appended)))).toEqual(['a.xml', 'b.xml', 'c.xml', 'd.xml']);
  });

  test('Node\'s CRC-32 and ours agree, also when continued over pieces', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
      const native = nodeZip.crc32 as (data: Uint8Array, crc: number) => number;
      expect(native(b, native(a, 0))).toBe(crc32(b, crc32(a)));
    }));
  });
});
