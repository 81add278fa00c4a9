/**
 * Tables in and out, shared by every adapter (task pane, custom functions, CLI): find and read
 * the input tables, evaluate with core, and build the outputs. Pure: cell arrays in, cell arrays
 * out.
 */
import { evaluate, type Evaluation, type EvaluationInput, type Market, type ProductMapping } from '../core';
import type { Locale } from '../i18n';
import type { DataIssue } from './issues';
import type { TableSpec } from './headers';
import { nextStepsOf } from './next-step';
import { buildOutputSources, buildOutputs, evaluationIssues, issuePartners, statusTable, type OutputSources, type OutputTable, type Outputs } from './output';
import { timelineOf, timelineSource, timelineTable } from './timeline';
import { readWorkbook, type WorkbookInput, type WorkbookRead } from './read';

export * from './cells';
export * from './cell-limit';
export * from './date-order';
export * from './headers';
export * from './issues';
export * from './read';
export * from './output';

/** Settings of one evaluation. */
export interface EvaluateOptions {
  readonly locale: Locale;
  /** "YYYY-MM-DD"; adapters default it to today. */
  readonly asOf: string;
  readonly defaultMarket?: Market | undefined;
  readonly rulebook?: string | undefined;
  /**
   * A product mapping from outside the workbook (the CLI's --products file), ahead of the
   * workbook's own Products tables; both override the rulebook's catalogue.
   */
  readonly productMapping?: readonly ProductMapping[] | undefined;
  /** Data issues found where that mapping was read, listed first. */
  readonly productIssues?: readonly DataIssue[] | undefined;
}

/** Settings of one evaluation of a workbook. */
export interface WorkbookOptions extends EvaluateOptions {
  /** Tables mapped by hand (see ReadOptions.tables). */
  readonly tables?: readonly TableSpec[] | undefined;
  /** False: no Competency Timeline sheet among the outputs (default: with it). */
  readonly timeline?: boolean | undefined;
  /** The user chose the locale for the data (see ReadOptions.localeDecidesDates). */
  readonly localeDecidesDates?: boolean | undefined;
}

/** An evaluation of what was read, with every data issue and the partner each belongs to. */
export interface EvaluatedRead {
  readonly read: WorkbookRead;
  /** What was evaluated: the tables read and the settings (for timelines and what-if). */
  readonly input: EvaluationInput;
  readonly evaluation: Evaluation;
  /** Data issues from reading and from evaluating, in that order. */
  readonly issues: readonly DataIssue[];
  /** Per issue: the index of its partner in `evaluation.partners`, or -1 (see issuePartners). */
  readonly issuePartners: Int32Array;
}

/** A whole run over a workbook. */
export interface WorkbookRun extends EvaluatedRead {
  readonly outputs: Outputs;
}

/**
 * Evaluates tables already read: the path every adapter takes after reading (the CLI and pane
 * through evaluateWorkbook, the custom functions on their cached ranges).
 * Throws only on programmer errors (bad as-of, unknown rulebook).
 * @example const { evaluation, issues } = evaluateRead(readWorkbook({ sheets }, { locale: "en-US" }), { locale: "en-US", asOf: "2018-03-15" })
 */
export function evaluateRead(read: WorkbookRead, options: EvaluateOptions): EvaluatedRead {
  return withIssues(read, evaluationOf(read, options), options);
}

/** What was evaluated and its evaluation, without the data issues (see evaluateRead). */
export interface ReadEvaluation {
  readonly input: EvaluationInput;
  readonly evaluation: Evaluation;
}

/**
 * Only the evaluation of tables already read: for callers that need no data issues (MPN.LEVEL
 * and the other single-value functions), which then skip building them. withIssues completes it.
 * @example evaluationOf(read, { locale: "en-US", asOf: "2018-03-15" }).evaluation.partners[0].level
 */
export function evaluationOf(read: WorkbookRead, options: EvaluateOptions): ReadEvaluation {
  const input: EvaluationInput = {
    asOf: options.asOf,
    revenue: read.revenue,
    certifications: read.certifications,
    partners: read.partners,
    defaultMarket: options.defaultMarket,
    rulebook: options.rulebook,
    productMapping: [...(options.productMapping ?? []), ...read.productMapping],
  };
  return { input, evaluation: evaluate(input) };
}

/**
 * An evaluation with every data issue (reading's and evaluating's) and each issue's partner:
 * evaluateRead in two steps.
 * @example withIssues(read, evaluationOf(read, options), options).issues
 */
export function withIssues(read: WorkbookRead, { input, evaluation }: ReadEvaluation, options: EvaluateOptions): EvaluatedRead {
  const issues = [...(options.productIssues ?? []), ...read.issues, ...evaluationIssues(read, evaluation, options.locale)];
  return { read, input, evaluation, issues, issuePartners: issuePartners(read, evaluation, issues) };
}

/**
 * The Competency Status table of an evaluated read (what MPN.STATUS spills and the sheet holds).
 * @example statusOf(evaluateRead(read, options), "en-US").rows[0]
 */
export function statusOf(evaluated: EvaluatedRead, locale: Locale): OutputTable {
  return statusTable(evaluated.evaluation, evaluated.issues, evaluated.issuePartners, locale, nextStepsOf(evaluated));
}

/**
 * Reads, evaluates and builds the outputs of a workbook: the one call every adapter makes.
 * Throws only on programmer errors (bad as-of, unknown rulebook). When a required table is
 * missing it still evaluates what it has; callers decide whether that is usable (`read.missing`).
 * @example const run = evaluateWorkbook({ sheets }, { locale: "en-US", asOf: "2018-03-15" }); run.evaluation.partners[0].level
 */
export function evaluateWorkbook(workbook: WorkbookInput, options: WorkbookOptions): WorkbookRun {
  const evaluated = readAndEvaluate(workbook, options);
  const { read } = evaluated;
  const built = buildOutputs(workbook, read, evaluated.evaluation, evaluated.issues, evaluated.issuePartners, options.locale, nextStepsOf(evaluated));
  const outputs = options.timeline === false ? built : { ...built, tables: [...built.tables, timelineTable(timelineOf(evaluated), options.locale)] };
  return { ...evaluated, outputs };
}
export * from './timeline';
export * from './next-step';

/**
 * Reads and evaluates a workbook without building its outputs (a streaming writer takes them
 * from workbookOutputSources as it writes).
 * @example const evaluated = readAndEvaluate({ sheets }, { locale: "en-US", asOf: "2018-03-15" })
 */
export function readAndEvaluate(workbook: WorkbookInput, options: WorkbookOptions): EvaluatedRead {
  const read = readWorkbook(workbook, { locale: options.locale, tables: options.tables, localeDecidesDates: options.localeDecidesDates });
  return evaluateRead(read, options);
}

/**
 * The outputs evaluateWorkbook builds, as sources whose rows are made as a writer asks for them
 * (status columns, issues and the timeline: the --out of a million rows never holds them all).
 * Only where the status columns go is decided now (from the cells); the cells are not kept.
 * @example await patchXlsx(bytes, workbookOutputSources(workbook, readAndEvaluate(workbook, options), options), sink)
 */
export function workbookOutputSources(workbook: WorkbookInput, evaluated: EvaluatedRead, options: Pick<WorkbookOptions, 'locale' | 'timeline'>): OutputSources {
  const built = buildOutputSources(workbook, evaluated.read, evaluated.evaluation, evaluated.issues, evaluated.issuePartners, options.locale, nextStepsOf(evaluated));
  return options.timeline === false ? built : { ...built, tables: [...built.tables, timelineSource(evaluated, options.locale)] };
}
