/**
 * The one shape of an error a user reads: a message key of the catalogues with its typed
 * parameters, rendered in the user's language only at the edge that shows it (the CLI's line,
 * the pane's error text, an Excel function's #VALUE! message). The reader's, the writer's, the
 * delimited-text, the CLI's and the functions' errors all extend it, so an adapter needs one
 * `instanceof LocalizedError` to say any of them, and a new refusal is one new catalogue key.
 */
import { formatMessage, type Locale, type MessageKey, type MessageParams } from './index';

/** Text in the user's language, rendered when the message is (an XlsxError's reason, an errno phrase). */
export type Localized = (locale: Locale) => string;

/** What a message shows in a placeholder: a value as it is (a file name, a number), or text to translate. */
export type MessageArg = string | number | Localized;

/**
 * A message in one language, its translated parameters rendered in the same language.
 * @example renderMessage("de-DE", "cli.error.asOf", { value: "x" }) === '--as-of "x" ist kein Datum der Form YYYY-MM-DD'
 */
export function renderMessage<K extends MessageKey>(locale: Locale, key: K, params: MessageParams<K, MessageArg>): string {
  const plain: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(params as Readonly<Record<string, MessageArg>>)) plain[name] = typeof v === 'function' ? v(locale) : v;
  return formatMessage(locale, key, plain);
}

/**
 * An error a user reads: a message key and its parameters (checked against the English text's
 * placeholders). `message` is the English text, for logs and stack traces; `describe` says it in
 * the user's language.
 * @example new LocalizedError("cli.error.asOf", { value: "x" }).describe("ko-KR")
 */
export class LocalizedError<K extends MessageKey = MessageKey> extends Error {
  constructor(readonly key: K, readonly params: MessageParams<K, MessageArg>) {
    super(renderMessage('en-US', key, params));
    this.name = new.target.name;
  }

  /** The message in a language. @example err.describe("de-DE") */
  describe(locale: Locale): string {
    return renderMessage(locale, this.key, this.params);
  }
}

/**
 * The text of any error in a language: a LocalizedError's own message in that language, else
 * the error's (English) message.
 * @example describeError(new XlsxError("xls"), "de-DE"); describeError(new Error("boom"), "de-DE") === "boom"
 */
export function describeError(e: unknown, locale: Locale): string {
  if (e instanceof LocalizedError) return e.describe(locale);
  return e instanceof Error ? e.message : String(e);
}
