/**
 * --out without ever losing a file: the result is written to a temporary file beside the target
 * (same directory, so the same file system), flushed to disk, and renamed over the target in one
 * step. A kill mid-write leaves the previous file as it was (and at worst a hidden temporary
 * file); two runs writing the same target each rename a complete file of their own, so the last
 * one wins and neither leaves a broken zip.
 *
 * Before anything is read, the target is checked: it must name an .xlsx workbook, must not be one
 * of the inputs (also through a symbolic or hard link), and when it exists it must be a regular
 * file (renaming over /dev/full or a pipe as root would replace the device).
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, unlinkSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { t } from '../i18n';
import { crc32, type NativeZip } from '../xlsx/zipio';
import { CliError, OutputError, UsageError, reasonOf } from './errors';

/** What --out will write, once checked. */
export interface OutTarget {
  /** The file to rename onto: the target itself, or what a symbolic link to it points at. */
  readonly file: string;
  /** As the user gave it (for messages). */
  readonly given: string;
  /** The mode of the file it replaces, kept on the new one. */
  readonly mode: number | undefined;
}

const sameFile = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  try { return await fs.stat(file); } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OutputError('cli.error.outReason', { file, reason: reasonOf(e) });
  }
}

/**
 * Checks --out against the inputs (the `evaluated` first ones are evaluated, the rest is the
 * --products file) before any work is done. Throws UsageError (exit 2) for a
 * target that is not an .xlsx name, is an input, or is not a regular file; OutputError (exit 1)
 * when its directory cannot be used.
 * @example const target = await checkOutTarget("result.xlsx", ["in.xlsx"])
 * @throws UsageError: --out names a folder, a device, an input, or a wrong extension; OutputError: its folder is missing, not a folder, not writable, or the name is too long
 */
export async function checkOutTarget(out: string, inputs: readonly string[], evaluated: number = inputs.length): Promise<OutTarget> {
  const existing = await statOrUndefined(out);
  if (existing && existing.isDirectory()) throw new UsageError('cli.error.outDirectory', { file: out });
  if (existing && !existing.isFile()) throw new UsageError('cli.error.outNotRegular', { file: out });
  const ext = path.extname(out).toLowerCase();
  // An .xlsm keeps its macros only as an .xlsm (its parts are copied as they are); an .xlsx is
  // never given a macro-enabled name, nor an .xlsm a name that would make Excel refuse it.
  // Several inputs make a new workbook, which has no macros (only one workbook alone is patched).
  const macroInput = evaluated === 1 && path.extname(inputs[0] ?? '').toLowerCase() === '.xlsm';
  if (ext === '.xlsm' && !macroInput) throw new UsageError('cli.error.outXlsmWithoutMacros', { file: out });
  if (ext === '.xlsx' && macroInput) throw new UsageError('cli.error.outXlsxWithMacros', { file: out, input: inputs[0] ?? '' });
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') throw new UsageError('cli.error.outDelimited', { file: out });
  if (ext !== '.xlsx' && ext !== '.xlsm') throw new UsageError('cli.error.outExtension', { file: out });
  let file = out;
  if (existing) file = await fs.realpath(out);
  else {
    // The directory must exist and be a directory; the name must fit.
    const dir = path.dirname(path.resolve(out));
    let d: Stats;
    try { d = await fs.stat(dir); } catch (e) { throw new OutputError('cli.error.outReason', { file: out, reason: reasonOf(e) }); }
    if (!d.isDirectory()) throw new OutputError('cli.error.outParentNotDirectory', { file: out, dir: path.dirname(out) });
    try { await fs.access(dir, constants.W_OK); } catch (e) { throw new OutputError('cli.error.outReason', { file: out, reason: reasonOf(e) }); }
    if (Buffer.byteLength(path.basename(out)) > 200) throw new OutputError('cli.error.outReason', { file: out, reason: (l) => t(l, 'errno.ENAMETOOLONG') });
    file = path.join(await fs.realpath(dir), path.basename(out));
  }
  for (const input of inputs) {
    let s: Stats | undefined;
    try { s = await fs.stat(input); } catch { continue; }
    const real = await fs.realpath(input).catch(() => path.resolve(input));
    if ((existing && sameFile(existing, s)) || real === file) {
      throw new UsageError('cli.error.outIsInput', { file: out, input });
    }
  }
  return { file, given: out, mode: existing ? existing.mode & 0o7777 : undefined };
}

const pending = new Set<string>();
let cleanupInstalled = false;

/** Removes temporary files of writes still under way when the process is interrupted. */
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const f of pending) { try { unlinkSync(f); } catch { /* already gone */ } }
      process.kill(process.pid, sig);
    });
  }
}

/**
 * Writes a file atomically: `write` fills a fresh temporary file beside the target, which is then
 * flushed and renamed over it. On any failure the temporary file is removed, the target is left
 * as it was, and an OutputError says why in one line.
 * @example await writeAtomically(target, async (tmp) => { await fs.writeFile(tmp, bytes); })
 * @throws OutputError (cli.error.outWriteFailed) when writing or renaming fails (a CliError of `write` as it is)
 */
export async function writeAtomically(target: OutTarget, write: (tmp: string) => Promise<void>): Promise<void> {
  const dir = path.dirname(target.file);
  const tmp = path.join(dir, `.${path.basename(target.file).slice(0, 100)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  installCleanup();
  pending.add(tmp);
  try {
    await write(tmp);
    const fh = await fs.open(tmp, 'r+');
    try {
      if (target.mode !== undefined) await fh.chmod(target.mode);
      await fh.sync();
    } finally { await fh.close(); }
    await fs.rename(tmp, target.file);
    pending.delete(tmp);
    // The rename itself is durable once the directory is flushed (not every system allows it).
    try { const d = await fs.open(dir, 'r'); try { await d.sync(); } finally { await d.close(); } } catch { /* best effort */ }
  } catch (e) {
    pending.delete(tmp);
    await fs.unlink(tmp).catch(() => undefined);
    if (e instanceof CliError) throw e;
    throw new OutputError('cli.error.outWriteFailed', { file: target.given, reason: reasonOf(e) });
  }
}

/**
 * A sink writing chunks to a new file, gathered into writes of about 1 MB.
 * @example const out = await fileSink(tmp); await out.sink(bytes); await out.close()
 * @throws Node system errors of opening, writing or closing the file
 */
export async function fileSink(file: string): Promise<{ sink: (chunk: Uint8Array) => Promise<void>; close: () => Promise<void> }> {
  const fh = await fs.open(file, 'wx');
  let parts: Uint8Array[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (size === 0) return;
    const all = Buffer.concat(parts, size);
    parts = []; size = 0;
    // A write may take fewer bytes than it is given (a disk filling up takes what fits and says
    // nothing): write the rest until all is written, so the next write reports "no space left"
    // instead of a short file called written.
    for (let at = 0; at < all.length;) {
      const { bytesWritten } = await fh.write(all, at);
      if (bytesWritten <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      at += bytesWritten;
    }
  };
  return {
    sink: async (chunk) => {
      parts.push(chunk); size += chunk.length;
      if (size >= 1 << 20) await flush();
    },
    close: async () => { try { await flush(); } finally { await fh.close(); } },
  };
}

/**
 * zlib's level for --out, chosen by measurement (README, "--out compression"): on the XML of a
 * 200,000-row Insights result (109 MB) level 5 takes 0.78 s of CPU against 1.35 s at the default
 * 6, for 1.6% more bytes (14.30 MB against 14.08); level 4 is faster still but 8.6% larger.
 */
export const OUT_DEFLATE_LEVEL = 5;

/**
 * One block of a zip entry compressed with Node's zlib: each block a deflate stream of its own
 * ended by a sync flush (so blocks concatenate into one valid stream), the last one final.
 * @example const zip = new ZipWriter(sink, nodeZip)
 * @throws never
 */
export function nodeDeflate(data: Uint8Array, final: boolean): Uint8Array {
  return zlib.deflateRawSync(data, deflateOptions(data, final));
}

/**
 * The options of one block's deflate. zlib hands its output back in pieces of chunkSize (16 KB by
 * default), and on the thread pool each piece is a round trip to the main thread: a quarter of
 * the block holds the compressed XML of a block (it shrinks 5-8 times) in one piece, without
 * allocating a block-sized buffer per call. The bytes are the same at any chunkSize (zlib's
 * output does not depend on how its output space is handed to it).
 */
function deflateOptions(data: Uint8Array, final: boolean): zlib.ZlibOptions {
  return {
    level: OUT_DEFLATE_LEVEL, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
    chunkSize: Math.max(16 * 1024, (data.length >> 2) + 1024),
  };
}

/**
 * nodeDeflate on zlib's thread pool: the same bytes, while the main thread patches the next rows.
 * @example const block = await nodeDeflateAsync(xmlBytes, false)
 * @throws zlib's errors (none for valid arguments)
 */
export function nodeDeflateAsync(data: Uint8Array, final: boolean): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zlib.deflateRaw(data, deflateOptions(data, final), (err, out) => { if (err) reject(err); else resolve(out); });
  });
}

/** Compressed bytes fed to zlib's inflate at a time. */
const INFLATE_FEED = 1 << 20;

/**
 * A raw deflate stream inflated by zlib on its thread pool, yielding its bytes in pieces of up to
 * 1 MB: the patching writer reads the sheets it patches so, natively and beside the main thread.
 * @example for await (const chunk of nodeInflate(entryBytes)) patcher.pushBytes(chunk, out)
 * @throws zlib's error for a damaged stream
 */
export async function* nodeInflate(data: Uint8Array): AsyncGenerator<Uint8Array> {
  const inflater = zlib.createInflateRaw({ chunkSize: 1 << 20 });
  let failed: unknown;
  // Waits for zlib to take more input, or for the stream to end (the reader stopped early).
  const drained = (): Promise<void> => new Promise((resolve) => {
    const done = (): void => { inflater.off('drain', done); inflater.off('close', done); resolve(); };
    inflater.on('drain', done); inflater.on('close', done);
  });
  const fed = (async (): Promise<void> => {
    for (let p = 0; p < data.length && !inflater.destroyed; p += INFLATE_FEED) {
      if (!inflater.write(data.subarray(p, p + INFLATE_FEED))) await drained();
    }
    if (!inflater.destroyed) inflater.end();
  })().catch((e: unknown) => { failed = e; inflater.destroy(e as Error); });
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } finally {
    inflater.destroy();
    await fed;
  }
  if (failed !== undefined) throw failed;
}

/**
 * Node's zlib for the .xlsx writer: blocks deflated by nodeDeflate, and CRC-32 by zlib.crc32
 * (Node 20.15 and later; ten times faster than ours in JavaScript, which older Nodes keep).
 * @example await patchXlsx(bytes, outputs, sink, nodeZip)
 */
export const nodeZip: NativeZip = {
  deflate: nodeDeflate,
  deflateAsync: nodeDeflateAsync,
  inflate: nodeInflate,
  crc32: typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (data, crc) => zlib.crc32(data, crc) : crc32,
};
