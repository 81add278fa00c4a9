/**
 * The CLI's one error boundary: every failure a user can meet is a CliError with one line of
 * text and an exit code (1: the input or the output cannot be used, 2: bad usage). The line is a
 * message key of src/i18n with its parameters, rendered only here, in the run's language (English
 * until --locale is known and valid). Anything else (a bug, or a library throwing something we
 * did not foresee) is still printed as one line; COMPETENCY_DEBUG=1 adds the stack trace.
 */
import { LOCALES, LocalizedError, renderMessage as render, t, type Locale, type Localized, type MessageArg, type MessageKey, type MessageParams } from '../i18n';

export type { Localized, MessageArg };

/** The keys of the CLI's failure messages. */
export type CliMessageKey = Extract<MessageKey, `cli.error.${string}`>;

/** The parameters of a CLI failure message: exactly the placeholders of its text. */
export type CliParams<K extends CliMessageKey> = MessageParams<K, MessageArg>;

/**
 * A CLI message in one language, its translated parameters rendered in the same language.
 * @example renderMessage("de-DE", "cli.error.asOf", { value: "x" }) === '--as-of "x" ist kein Datum der Form YYYY-MM-DD'
 * @throws never
 */
export function renderMessage<K extends CliMessageKey>(locale: Locale, key: K, params: CliParams<K>): string {
  return render(locale, key, params);
}

/**
 * A failure the user can act on: a message key with its parameters, and the exit code it ends
 * the run with. `message` is the English line (for logs and COMPETENCY_DEBUG).
 * @example new CliError("cli.error.asOf", { value: "x" }, 2).describe("ko-KR")
 */
export class CliError<K extends CliMessageKey = CliMessageKey> extends LocalizedError<K> {
  constructor(key: K, params: CliParams<K>, readonly exitCode: 1 | 2) {
    super(key, params);
  }
}

/** Bad usage (options, --out naming an input or a device): exit code 2. @example new UsageError("cli.error.asOf", { value: "x" }) */
export class UsageError<K extends CliMessageKey = CliMessageKey> extends CliError<K> {
  constructor(key: K, params: CliParams<K>) { super(key, params, 2); }
}

/** The input could not be used (missing file, unreadable format): exit code 1. @example new InputError("cli.error.inputDirectory", { file: "x.csv" }) */
export class InputError<K extends CliMessageKey = CliMessageKey> extends CliError<K> {
  constructor(key: K, params: CliParams<K>) { super(key, params, 1); }
}

/** The output could not be written (disk full, no such directory): exit code 1. @example new OutputError("cli.error.outReason", { file: "r.xlsx", reason: "disk full" }) */
export class OutputError<K extends CliMessageKey = CliMessageKey> extends CliError<K> {
  constructor(key: K, params: CliParams<K>) { super(key, params, 1); }
}

/** The supported locales as a --locale message lists them. */
export const LOCALE_LIST = LOCALES.join(', ');

/**
 * Text safe for a terminal: control characters (escape sequences, carriage returns, bells,
 * C1 controls, bidi overrides) shown as "?" instead of acting on the terminal. Tabs and line
 * feeds stay.
 * @example terminalSafe("Ana\x1b[2J") === "Ana?[2J"
 * @throws never
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
}

/**
 * One line: newlines and controls out, so a message cannot spread over the terminal.
 * @example oneLine("bad\nfile\u0007.xlsx") === "bad file.xlsx"
 * @throws never
 */
export function oneLine(text: string): string {
  return terminalSafe(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

/** The system errors with a phrase of their own in every catalogue ("errno.<code>"). */
const ERRNO_CODES = ['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EROFS', 'EISDIR', 'EEXIST', 'EIO', 'EMFILE', 'EFBIG', 'ELOOP', 'EXDEV', 'EBUSY', 'ENXIO'] as const;
type KnownErrno = (typeof ERRNO_CODES)[number];
const isKnownErrno = (code: string): code is KnownErrno => (ERRNO_CODES as readonly string[]).includes(code);

/**
 * The errno code of a Node system error, if it is one. @example errnoCode({ code: "ENOSPC" }) === "ENOSPC"
 * @throws never
 */
export function errnoCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * A system error as a short phrase in a language ("no space left on the device"), its bare code
 * when we have no phrase for it, or undefined when it is not a system error.
 * @example describeErrno({ code: "ENOSPC" }) === "no space left on the device"; describeErrno({ code: "EACCES" }, "de-DE") === "Zugriff verweigert"
 * @throws never
 */
export function describeErrno(e: unknown, locale: Locale = 'en-US'): string | undefined {
  const code = errnoCode(e);
  if (code === undefined) return undefined;
  return isKnownErrno(code) ? t(locale, `errno.${code}`) : code;
}

/**
 * Why an operation failed, as a message parameter: a system error's phrase in the run's language,
 * else the error's own text.
 * @example new OutputError("cli.error.outReason", { file, reason: reasonOf(e) })
 * @throws never
 */
export function reasonOf(e: unknown): MessageArg {
  if (errnoCode(e) !== undefined) return (locale) => describeErrno(e, locale) ?? '';
  return e instanceof Error ? e.message : String(e);
}

/** True when COMPETENCY_DEBUG asks for stack traces. */
function debugFromEnv(): boolean {
  const v = process.env.COMPETENCY_DEBUG;
  return v !== undefined && v !== '' && v !== '0';
}

/**
 * The one line a failure prints, in the run's language, and its exit code. Unknown errors say
 * "unexpected error" and how to see more; the stack trace only with COMPETENCY_DEBUG set.
 * @example failure(new UsageError("cli.error.asOf", { value: "x" })) // { line: 'competency: --as-of "x" is not a date of the form YYYY-MM-DD', code: 2 }
 * @throws never
 */
export function failure(e: unknown, options: { readonly locale?: Locale; readonly debug?: boolean } = {}): { line: string; code: 1 | 2; stack?: string } {
  const locale = options.locale ?? 'en-US';
  const debug = options.debug ?? debugFromEnv();
  const stack = debug && e instanceof Error && e.stack ? e.stack : undefined;
  const result = (text: string, code: 1 | 2): { line: string; code: 1 | 2; stack?: string } => {
    const line = `competency: ${oneLine(text)}`;
    return stack === undefined ? { line, code } : { line, code, stack };
  };
  if (e instanceof CliError) return result(e.describe(locale), e.exitCode);
  const errno = describeErrno(e, locale);
  if (errno !== undefined) {
    const p = (e as NodeJS.ErrnoException).path;
    return result(p ? t(locale, 'cli.error.fileReason', { file: p, reason: errno }) : errno, 1);
  }
  const msg = oneLine(e instanceof Error ? e.message : String(e)).slice(0, 300);
  return result(t(locale, debug ? 'cli.error.unexpectedDebug' : 'cli.error.unexpected', { message: msg }), 1);
}
