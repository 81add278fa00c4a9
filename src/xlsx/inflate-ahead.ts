/**
 * A workbook's big parts inflated ahead, with a platform's native inflate stream (a browser's
 * DecompressionStream, several times faster than fflate), for the synchronous reader: the reader
 * cannot await a stream, so the pane inflates the parts first and hands them over through
 * XlsxReadOptions.inflateRaw, each once. Every check of the reader still applies to the bytes it
 * is given (declared size, CRC, the inflate budget); a part not inflated ahead streams through
 * fflate as before.
 */
import { InflateBudget, entryData, zipEntries, type NativeInflate, type ZipEntry } from './zip';

/** Most bytes inflated ahead in all: past it, parts stream through fflate (memory stays bounded). */
export const AHEAD_MAX_TOTAL = 256 * 1024 * 1024;
/** Parts smaller than this are not worth a native stream: the reader inflates them as before. */
const AHEAD_MIN_PART = 256 * 1024;

/** A native raw inflate stream of one part's bytes, yielding its bytes in order (zipio's streamInflate over a DecompressionStream). */
export type InflateStream = (data: Uint8Array) => AsyncIterable<Uint8Array>;

/** The part's bytes inflated into one array of its declared size; null when damaged or longer than it says. */
async function inflateWhole(inflate: InflateStream, data: Uint8Array, size: number): Promise<Uint8Array | null> {
  const out = new Uint8Array(size);
  let at = 0;
  try {
    for await (const chunk of inflate(data)) {
      // Longer than declared is damaged: stop reading (the stream is cancelled) rather than grow.
      if (at + chunk.length > size) return null;
      out.set(chunk, at);
      at += chunk.length;
    }
  } catch {
    return null;
  }
  return at === size ? out : out.subarray(0, at);
}

/** Whether a part is inflated ahead: deflated, of a known size worth a stream, and one the reader's budget lets inflate whole (its bomb limits). */
function worthAhead(e: ZipEntry, budget: InflateBudget): boolean {
  return e.method === 8 && (e.flags & 1) === 0 && e.size !== 0xffffffff && e.size >= AHEAD_MIN_PART && budget.allowsWhole(e);
}

/**
 * Inflates the workbook's parts of 256 KB and more (its worksheets and shared strings, in
 * practice) with `inflate`, up to `maxTotal` bytes in all, and returns the NativeInflate that
 * hands each to the reader once (undefined for any other part, which the reader then streams).
 * Undefined when nothing was inflated ahead (not a zip, or only small parts).
 * @example readXlsxBytes(bytes, { inflateRaw: await inflateAhead(bytes, compressionStreamZip()?.inflate) })
 * @throws nothing: a damaged part is handed over as null, and the reader names it
 */
export async function inflateAhead(bytes: Uint8Array, inflate: InflateStream | undefined, maxTotal = AHEAD_MAX_TOTAL): Promise<NativeInflate | undefined> {
  if (!inflate) return undefined;
  let entries: Map<string, ZipEntry>;
  try { entries = zipEntries(bytes); } catch { return undefined; }
  const ahead = new Map<string, Uint8Array | null>();
  const key = (data: Uint8Array): string => `${data.byteOffset}:${data.length}`;
  // The reader's own rule (a fresh budget of its default limits) says which parts may inflate whole.
  const budget = new InflateBudget();
  let total = 0;
  for (const e of entries.values()) {
    if (!worthAhead(e, budget) || total + e.size > maxTotal) continue;
    let data: Uint8Array;
    try { data = entryData(bytes, e); } catch { continue; }
    total += e.size;
    ahead.set(key(data), await inflateWhole(inflate, data, e.size));
  }
  if (ahead.size === 0) return undefined;
  return (data, maxSize) => {
    const k = key(data);
    const whole = ahead.get(k);
    if (whole === undefined) return undefined;
    // Handed over once: the reader holds it while it scans, and it can be freed after.
    ahead.delete(k);
    return whole !== null && whole.length <= maxSize ? whole : null;
  };
}
