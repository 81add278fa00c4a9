/**
 * Tables in and out, shared by every adapter (task pane, custom functions, CLI): find and read
 * the input tables, evaluate with core, and build the outputs. Pure: cell arrays in, cell arrays
 * out.
 */
import { evaluate, type Evaluation, type Market } from '../core';
import type { Locale } from '../i18n';
import type { DataIssue } from './issues';
import type { TableSpec } from './headers';
import { attachPartners, buildOutputs, evaluationIssues, type Outputs } from './output';
import { readWorkbook, type WorkbookInput, type WorkbookRead } from './read';

export * from './cells';
export * from './headers';
export * from './issues';
export * from './read';
export * from './output';

/** Settings of one evaluation. */
export interface WorkbookOptions {
  readonly locale: Locale;
  /** "YYYY-MM-DD"; adapters default it to today. */
  readonly asOf: string;
  readonly defaultMarket?: Market | undefined;
  readonly rulebook?: string | undefined;
  /** Tables mapped by hand (see ReadOptions.tables). */
  readonly tables?: readonly TableSpec[] | undefined;
}

/** A whole run over a workbook. */
export interface WorkbookRun {
  readonly read: WorkbookRead;
  readonly evaluation: Evaluation;
  /** Data issues from reading and from evaluating, in that order. */
  readonly issues: readonly DataIssue[];
  readonly outputs: Outputs;
}

/**
 * Reads, evaluates and builds the outputs of a workbook: the one call every adapter makes.
 * Throws only on programmer errors (bad as-of, unknown rulebook). When a required table is
 * missing it still evaluates what it has; callers decide whether that is usable (`read.missing`).
 * @example const run = evaluateWorkbook({ sheets }, { locale: "en-US", asOf: "2018-03-15" }); run.evaluation.partners[0].level
 */
export function evaluateWorkbook(workbook: WorkbookInput, options: WorkbookOptions): WorkbookRun {
  const read = readWorkbook(workbook, { locale: options.locale, tables: options.tables });
  const evaluation = evaluate({
    asOf: options.asOf,
    revenue: read.revenue,
    certifications: read.certifications,
    partners: read.partners,
    defaultMarket: options.defaultMarket,
    rulebook: options.rulebook,
  });
  const issues = [...read.issues, ...evaluationIssues(read, evaluation, options.locale)];
  attachPartners(read, evaluation, issues);
  const outputs = buildOutputs(workbook, read, evaluation, issues, options.locale);
  return { read, evaluation, issues, outputs };
}
