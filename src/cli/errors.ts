/**
 * The CLI's one error boundary: every failure a user can meet is a CliError with one line of
 * text and an exit code (1: the input or the output cannot be used, 2: bad usage). Anything else
 * (a bug, or a library throwing something we did not foresee) is still printed as one line;
 * COMPETENCY_DEBUG=1 adds the stack trace.
 */

/** A failure the user can act on: one line, and the exit code it ends the run with. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad usage (options, --out naming an input or a device): exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) { super(message, 2); }
}

/** The input could not be used (missing file, unreadable format): exit code 1. */
export class InputError extends CliError {
  constructor(message: string) { super(message, 1); }
}

/** The output could not be written (disk full, no such directory): exit code 1. */
export class OutputError extends CliError {
  constructor(message: string) { super(message, 1); }
}

/**
 * Text safe for a terminal: control characters (escape sequences, carriage returns, bells,
 * C1 controls, bidi overrides) shown as "?" instead of acting on the terminal. Tabs and line
 * feeds stay.
 * @example terminalSafe("Ana\x1b[2J") === "Ana?[2J"
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
}

/** One line: newlines and controls out, so a message cannot spread over the terminal. */
export function oneLine(text: string): string {
  return terminalSafe(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'the name is too long',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EISDIR: 'is a directory',
  EEXIST: 'already exists',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  EFBIG: 'the file is too large',
  ELOOP: 'too many symbolic links',
  EXDEV: 'cannot rename across devices',
  EBUSY: 'the resource is busy',
  ENXIO: 'no such device',
};

/** The errno code of a Node system error, if it is one. */
export function errnoCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * A system error as a short phrase ("no space left on the device"), or undefined.
 * @example describeErrno({ code: "ENOSPC" }) === "no space left on the device"
 */
export function describeErrno(e: unknown): string | undefined {
  const code = errnoCode(e);
  if (code === undefined) return undefined;
  return ERRNO_TEXT[code] ?? code;
}

/**
 * The one line a failure prints and its exit code. Unknown errors say "unexpected error" and
 * how to see more; the stack trace only with COMPETENCY_DEBUG set.
 * @example failure(new UsageError("bad")) // { line: "competency: bad", code: 2 }
 */
export function failure(e: unknown, debug = process.env.COMPETENCY_DEBUG !== undefined && process.env.COMPETENCY_DEBUG !== '' && process.env.COMPETENCY_DEBUG !== '0'): { line: string; code: 1 | 2; stack?: string } {
  const stack = debug && e instanceof Error && e.stack ? e.stack : undefined;
  const withStack = (r: { line: string; code: 1 | 2 }): { line: string; code: 1 | 2; stack?: string } => (stack === undefined ? r : { ...r, stack });
  if (e instanceof CliError) return withStack({ line: `competency: ${oneLine(e.message)}`, code: e.exitCode });
  const errno = describeErrno(e);
  if (errno !== undefined) {
    const p = (e as NodeJS.ErrnoException).path;
    return withStack({ line: `competency: ${oneLine(p ? `${p}: ${errno}` : errno)}`, code: 1 });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return withStack({ line: `competency: unexpected error: ${oneLine(msg).slice(0, 300)}${debug ? '' : ' (COMPETENCY_DEBUG=1 shows details)'}`, code: 1 });
}
