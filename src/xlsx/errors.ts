/**
 * Why a file cannot be read as a workbook. Each problem is a message key in src/i18n
 * ("xlsx.<problem>"), so the CLI and the pane say it in the user's language, in one line.
 */
import { formatMessage, t, type Locale, type MessageKey, type MessageParams } from '../i18n';

/** The ways an input file can fail to be a readable .xlsx workbook. */
export type XlsxProblem =
  | 'empty' | 'not-zip' | 'no-central-directory' | 'malformed-zip' | 'unsupported-zip' | 'zip-bomb'
  | 'malformed-xml' | 'encrypted' | 'xls' | 'ods' | 'not-xlsx' | 'shared-string' | 'directory' | 'too-large';

/**
 * A file that is not a readable workbook (thrown by the reader, shown as one line by adapters).
 * @example new XlsxError("malformed-xml", { part: "xl/worksheets/sheet1.xml" }).describe("en-US")
 */
export class XlsxError extends Error {
  constructor(readonly problem: XlsxProblem, readonly params: Readonly<Record<string, string | number>> = {}) {
    super(t('en-US', `xlsx.${problem}` as MessageKey, params));
    this.name = 'XlsxError';
  }

  /** The message in a language. @example err.describe("de-DE") */
  describe(locale: Locale): string {
    return t(locale, `xlsx.${this.problem}` as MessageKey, this.params);
  }
}

/** The keys of the .xlsx writer's failure messages. */
export type WriteMessageKey = Extract<MessageKey, `xlsx.write.${string}`>;

/**
 * Why the .xlsx writer could not write a workbook: a message key with its typed parameters, so
 * the CLI and the pane say it in the user's language. `message` is the English text.
 * @example new WriteError("xlsx.write.sheet-name-taken", { sheet: "Competency Status" }).describe("de-DE")
 */
export class WriteError<K extends WriteMessageKey = WriteMessageKey> extends Error {
  constructor(readonly key: K, readonly params: MessageParams<K>) {
    super(formatMessage('en-US', key, params));
    this.name = new.target.name;
  }

  /** The message in a language. @example err.describe("ko-KR") */
  describe(locale: Locale): string {
    return formatMessage(locale, this.key, this.params);
  }
}
