/**
 * The one way from cells to answers: a run reads a workbook once, evaluates it once with core,
 * and then answers everything from that one evaluation (data issues and their partners, the
 * status table, the outputs to write, timelines, what-if). Every adapter (the CLI, the pane's
 * worker, the Office pane, the custom functions) holds a Run; none calls core's evaluation,
 * timeline or what-if itself, so they cannot disagree about what was evaluated.
 */
import { evaluate, nearestPerson, nextSteps, nextStepsCursor, partnersOfPerson, sharedHistory, timeline, timelines, whatIf, type Assumptions, type Evaluation, type EvaluationInput, type Market, type NextStepsCursor, type PartnerNextSteps, type ProductMapping, type Timeline, type TimelineCursor } from '../core';
import type { Locale } from '../i18n';
import type { TableSpec } from './headers';
import type { DataIssue } from './issues';
import { evaluationIssues, issuePartners, partnerIdOfIssue, statusColumnPlaces, statusColumnSources, statusTable, statusTableSource, issuesTableSource, type OutputSources, type OutputTable } from './output';
import type { WorkbookInput } from './cells';
import { readWorkbook, type WorkbookRead } from './read';
import { timelineSource, type TimelineLayout } from './timeline';

/** Settings of one run. Plain data: a worker posts them with its result. */
export interface RunOptions {
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
  /** Tables mapped by hand (see ReadOptions.tables). */
  readonly tables?: readonly TableSpec[] | undefined;
  /** False: no Competency Timeline sheet among the outputs (default: with it). */
  readonly timeline?: boolean | undefined;
  /**
   * The timeline sheet's layout: "long" (a row per partner and month; the default, what the add-in
   * writes in Excel, whose chart reads one partner's months as rows) or "wide" (a row per partner
   * and measure, months as columns; what --out and the pane's download write unless asked otherwise).
   */
  readonly timelineLayout?: TimelineLayout | undefined;
  /** The user chose the locale for the data (see ReadOptions.localeDecidesDates). */
  readonly localeDecidesDates?: boolean | undefined;
}

/**
 * What a run read and evaluated, as plain data that survives structured cloning: what the pane's
 * worker posts to the page, which makes a Run of it again with runOfResult.
 */
export interface RunResult {
  readonly options: RunOptions;
  readonly read: WorkbookRead;
  /** What was evaluated: the tables read and the settings (for timelines and what-if). */
  readonly input: EvaluationInput;
  readonly evaluation: Evaluation;
  /** Data issues from reading and from evaluating, in that order. */
  readonly issues: readonly DataIssue[];
  /** Per issue: the index of its partner in `evaluation.partners`, or -1 (see issuePartners). */
  readonly issuePartners: Int32Array;
  /** Per table read: the column its status columns go in (decided from the cells), or null when the cells were never seen. */
  readonly statusColumns: readonly number[] | null;
}

/**
 * One evaluation of one workbook and everything answered from it. Data issues are built on first
 * use (MPN.LEVEL and the other single-value functions never show them, so never pay for them).
 * A new answer about the evaluation (as next steps were) is one more method here, over `input`
 * and `evaluation`, never computed by an adapter.
 * @example const run = openRun({ sheets }, { locale: "en-US", asOf: "2018-03-15" }); run.status(); run.outputs()
 * @throws Error from outputs() only: a run made without its cells (runOfRead) and given none
 */
export class Run {
  readonly options: RunOptions;
  readonly read: WorkbookRead;
  readonly input: EvaluationInput;
  readonly evaluation: Evaluation;
  private readonly places: readonly number[] | null;
  private found: { readonly issues: readonly DataIssue[]; readonly issuePartners: Int32Array } | undefined;
  private allSteps: readonly PartnerNextSteps[] | undefined;
  /** Every partner's next steps, worked out as asked (outputs() makes it with the History the timeline shares). */
  private steps: NextStepsCursor | undefined;

  /** Use openRun, runOfRead or runOfResult. */
  constructor(result: Omit<RunResult, 'issues' | 'issuePartners'> & Partial<Pick<RunResult, 'issues' | 'issuePartners'>>) {
    this.options = result.options;
    this.read = result.read;
    this.input = result.input;
    this.evaluation = result.evaluation;
    this.places = result.statusColumns;
    if (result.issues && result.issuePartners) this.found = { issues: result.issues, issuePartners: result.issuePartners };
  }

  /** Every data issue: the product mapping's, reading's, then evaluating's. */
  get issues(): readonly DataIssue[] {
    return this.issuesFound().issues;
  }

  /** Per issue: the index of its partner in `evaluation.partners`, or -1. */
  get issuePartners(): Int32Array {
    return this.issuesFound().issuePartners;
  }

  private issuesFound(): { readonly issues: readonly DataIssue[]; readonly issuePartners: Int32Array } {
    if (!this.found) {
      const issues = [...(this.options.productIssues ?? []), ...this.read.issues, ...evaluationIssues(this.read, this.evaluation, this.options.locale)];
      this.found = { issues, issuePartners: issuePartners(this.read, this.evaluation, issues) };
    }
    return this.found;
  }

  /**
   * The Competency Status table (what MPN.STATUS spills and the sheet holds), in the run's
   * language, each partner's next step included.
   * @example openRun({ sheets }, { locale: "en-US", asOf: "2018-03-15" }).status().rows[0]
   */
  status(): OutputTable {
    return statusTable(this.evaluation, this.issues, this.issuePartners, this.options.locale, this.nextSteps());
  }

  /**
   * The timeline of every partner, or of the partners named, with the run's settings.
   * @example run.timeline(["P1"]).partners[0].outlook.holdsUntil
   */
  timeline(partnerIds?: readonly (string | null)[]): Timeline {
    return timeline(this.input, { evaluation: this.evaluation, partnerIds });
  }

  /**
   * The timelines of every partner (or the partners named), each computed when asked for: the
   * rows are gone through once, whatever the number of partners (a writer's timeline sheet).
   * @example run.timelines().at(0).points.length === 37
   */
  timelines(partnerIds?: readonly (string | null)[]): TimelineCursor {
    return timelines(this.input, { evaluation: this.evaluation, partnerIds });
  }

  /**
   * The timeline as it would be with assumed passes and revenue (the workbook and this run's
   * evaluation unchanged), for every partner or the partners named. Throws nothing for unusable
   * assumptions: check them first with core's checkAssumptions.
   * @example run.whatIf({ passes: [{ partnerId: "P1", individual: "Sara Conti", exam: "MB2-710", date: "2018-04-10" }] }, ["P1"]).partners[0].outlook
   */
  whatIf(assumptions: Assumptions, partnerIds?: readonly (string | null)[]): Timeline {
    return whatIf(this.input, assumptions, { evaluation: this.evaluation, partnerIds });
  }

  /**
   * Each partner's next steps (all, or the ones named), in the evaluation's partner order: what
   * keeps the level past holds-until and what reaches the next one (core's nextSteps, reusing
   * this run's evaluation; sheets/next-step.ts says them in words). Every partner's are made
   * once per run (the status table and the CLI's report both ask); a copy of the list is returned.
   * @example run.nextSteps()[0].steps
   * @throws nothing (the as-of date and rulebook were checked when the run was opened)
   */
  nextSteps(partnerIds?: readonly (string | null)[]): PartnerNextSteps[] {
    if (partnerIds !== undefined) return nextSteps(this.input, { evaluation: this.evaluation, partnerIds });
    // Through the cursor outputs() made, when it did: the partners a writer has asked about are not worked out again.
    this.allSteps ??= (this.steps ?? nextStepsCursor(this.input, { evaluation: this.evaluation })).all();
    return [...this.allSteps];
  }

  /**
   * The partners whose certifications hold a person typed by a user (by name, e-mail or MCP ID,
   * any case; null for one organisation), and, for a partner that does not have them, its person
   * nearest the name typed (core's partnersOfPerson and nearestPerson over this run's input).
   * @example run.person("Minjun Kim", "1005") // { partners: [], nearest: "Min-jun Kim" }
   * @throws nothing
   */
  person(individual: string, partnerId?: string | null): { partners: (string | null)[]; nearest: string | undefined } {
    const partners = partnersOfPerson(this.input.certifications, individual);
    const nearest = partnerId === undefined || partners.includes(partnerId) ? undefined : nearestPerson(this.input.certifications, partnerId, individual);
    return { partners, nearest };
  }

  /**
   * What a writer writes: status columns beside the input tables and the output sheets (status,
   * issues, and the timeline unless options.timeline is false), rows made as the writer asks.
   * A run made without its cells (runOfRead) is given them here, to place the status columns.
   * @example await patchXlsx(bytes, run.outputs(), sink, { isOurs: isOutputSheet })
   * @throws Error when the run has no cells and none are given: nothing says where the status columns go.
   */
  outputs(cells?: WorkbookInput): OutputSources {
    const places = this.places ?? (cells ? statusColumnPlaces(cells, this.read) : null);
    if (!places) throw new Error('outputs of a run made without its cells');
    const { locale } = this.options;
    const withTimeline = this.options.timeline !== false;
    // The next steps and the timeline sheet ask about the same rows: one History answers both
    // (the rows are gone through once, not twice).
    const shared = withTimeline ? sharedHistory(this.input, this.evaluation) : undefined;
    // The status rows are made as the writer writes them, and each partner's next steps as its
    // row is made (the CLI's --out: while zlib's threads compress the patched sheets, not before
    // the patch starts); the summary's nextSteps() then finds them worked out.
    const steps = this.allSteps ?? (this.steps ??= nextStepsCursor(this.input, { evaluation: this.evaluation, shared }));
    const tables = [statusTableSource(this.evaluation, this.issues, this.issuePartners, locale, steps), issuesTableSource(this.issues, locale, partnerIdOfIssue(this.evaluation, this.issuePartners))];
    if (withTimeline) tables.push(timelineSource(timelines(this.input, { evaluation: this.evaluation, shared }), locale, this.options.timelineLayout ?? 'long'));
    return { statusColumns: statusColumnSources(places, this.read, this.evaluation, locale), tables };
  }

  /**
   * The run as plain data, for postMessage (see runOfResult).
   * @example self.postMessage({ type: "done", result: run.result() })
   */
  result(): RunResult {
    const { issues, issuePartners } = this.issuesFound();
    return { options: this.options, read: this.read, input: this.input, evaluation: this.evaluation, issues, issuePartners, statusColumns: this.places };
  }
}

function evaluated(read: WorkbookRead, options: RunOptions, statusColumns: readonly number[] | null): Run {
  const input: EvaluationInput = {
    asOf: options.asOf,
    revenue: read.revenue,
    certifications: read.certifications,
    partners: read.partners,
    defaultMarket: options.defaultMarket,
    rulebook: options.rulebook,
    productMapping: [...(options.productMapping ?? []), ...read.productMapping],
  };
  return new Run({ options, read, input, evaluation: evaluate(input), statusColumns });
}

/**
 * Reads and evaluates a workbook: the run every adapter starts from. Where the status columns go
 * is decided now, from the cells; the run keeps no cells, so a caller may drop them. A caller that
 * will not write (the CLI's --json and summary) passes `place` false: the columns are not placed
 * (a scan of every table's rows), and outputs() then needs the cells given to it.
 * Throws only on programmer errors (bad as-of, unknown rulebook). When a required table is
 * missing it still evaluates what it has; callers decide whether that is usable (`read.missing`).
 * @example const run = openRun({ sheets }, { locale: "en-US", asOf: "2018-03-15" }); run.evaluation.partners[0].level
 * @throws InvalidArgumentError (core) for a bad as-of date, RulebookError (core) for an unknown rulebook or a product mapping it cannot use
 */
export function openRun(workbook: WorkbookInput, options: RunOptions, place = true): Run {
  const read = readWorkbook(workbook, { locale: options.locale, tables: options.tables, localeDecidesDates: options.localeDecidesDates });
  return evaluated(read, options, place ? statusColumnPlaces(workbook, read) : null);
}

/**
 * A run over tables already read (the custom functions' cached ranges, read whole or for one
 * partner; the workbook session, which re-reads only the sheets that changed). Its outputs are
 * placed from the cells given to Run.outputs.
 * @example runOfRead(readWorkbook({ sheets }, { locale: "en-US" }), { locale: "en-US", asOf: "2018-03-15" }).evaluation
 * @throws InvalidArgumentError (core) for a bad as-of date or an unknown rulebook.
 */
export function runOfRead(read: WorkbookRead, options: RunOptions): Run {
  return evaluated(read, options, null);
}

/**
 * The run a worker evaluated, again (from Run.result after postMessage): nothing is read or
 * evaluated again. Throws nothing.
 * @example const run = runOfResult(reply.result)
 * @throws nothing
 */
export function runOfResult(result: RunResult): Run {
  return new Run(result);
}
