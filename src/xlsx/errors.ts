/**
 * Why a file cannot be read as a workbook. Each problem is a message key in src/i18n
 * ("xlsx.<problem>"), so the CLI and the pane say it in the user's language, in one line.
 */
import { LocalizedError, type MessageKey, type MessageParams, type ParamsArg } from '../i18n';

/** The keys of the .xlsx writer's failure messages. */
export type WriteMessageKey = Extract<MessageKey, `xlsx.write.${string}`>;

/** The keys of the reader's refusals ("xlsx.<problem>"): a new refusal is a new key in all six catalogues. */
export type XlsxMessageKey = Exclude<Extract<MessageKey, `xlsx.${string}`>, WriteMessageKey>;

type ProblemOf<K> = K extends `xlsx.${infer P}` ? P : never;

/** The ways an input file can fail to be a readable .xlsx workbook: exactly the reader's message keys. */
export type XlsxProblem = ProblemOf<XlsxMessageKey>;

/**
 * A file that is not a readable workbook (thrown by the reader, shown as one line by adapters):
 * the problem names its message key, and the parameters are checked against that message.
 * @example new XlsxError("malformed-xml", { part: "xl/worksheets/sheet1.xml" }).describe("de-DE")
 */
export class XlsxError<P extends XlsxProblem = XlsxProblem> extends LocalizedError<`xlsx.${P}`> {
  constructor(readonly problem: P, ...params: ParamsArg<`xlsx.${P}`>) {
    super(`xlsx.${problem}`, (params[0] ?? {}) as MessageParams<`xlsx.${P}`>);
  }
}

/**
 * Why the .xlsx writer could not write a workbook: a message key with its typed parameters, so
 * the CLI and the pane say it in the user's language. `message` is the English text.
 * @example new WriteError("xlsx.write.sheet-name-taken", { sheet: "Competency Status" }).describe("de-DE")
 */
export class WriteError<K extends WriteMessageKey = WriteMessageKey> extends LocalizedError<K> {}

/**
 * Why a workbook could not be patched: a part it needs is missing, damaged where it must be
 * rewritten, or the outputs do not fit.
 * @example throw new PatchError("xlsx.write.part-damaged", { part: "xl/styles.xml" })
 */
export class PatchError<K extends WriteMessageKey = WriteMessageKey> extends WriteError<K> {}
