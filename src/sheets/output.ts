/**
 * From an evaluation to what the adapters write (docs/rules.md 12), as plain 2-D arrays in the
 * shape of Office.js `range.values`: status columns beside each input table, the Competency
 * Status table, and the Competency Issues list. Adapters only place these blocks; they never
 * decide what goes in them.
 */
import {
  CERTIFICATION_REASONS, COUNTS_AS, REVENUE_REASONS, builtInRulebooks, dayFromIso, isoFromDay, normalizeExamCode, takeableExams, ttmWindowStart,
  type AttainableLevel, type Evaluation, type EvaluationNote, type ExamRole, type PartnerStatus, type PlannedExam, type Rulebook, type SlotKind, type PartnerNextSteps, type NextStepsCursor,
} from '../core';
import { formatUsd, issueCountTexts, t, type Locale, type MessageKey } from '../i18n';
import { a1, isEmpty, type Cell, type WorkbookInput } from './cells';
import type { DataIssue } from './issues';
import { NUMBER_FORMATS, type WriteColour, type WriteFormat } from '../xlsx/model';
import type { TableRef } from './headers';
import { DROPPED_ROW, EMPTY_ROW, type WorkbookRead } from './read';
import { nextStepText } from './next-step';

/** A value to write. Objects say how: a date, or a link to a cell of the workbook. */
export type OutCell =
  | string | number | boolean | null
  | { readonly date: string }
  | { readonly text: string; readonly link: { readonly sheet: string; readonly cell: string } };

/** How a column of an output table is formatted (the writers' formats, src/xlsx/model). */
export type ColumnFormat = WriteFormat;

/** The Excel number format of each column format (defined with the file format, src/xlsx/model). */
export { NUMBER_FORMATS };

/** Two status columns beside one input table: header row plus one row per data row. */
export interface StatusColumnsBlock {
  readonly sheet: string;
  /** 0-based row of the table's header, and column of the first status column. */
  readonly row: number;
  readonly col: number;
  /** [header, ...one per data row], each two cells wide. */
  readonly values: OutCell[][];
}

/** A column of an output table, its header in the output language. */
export interface OutputColumn {
  readonly key: string;
  readonly header: string;
  readonly format: ColumnFormat;
  readonly highlight?: ColumnHighlight;
  /** Cells of this column holding one of these texts are filled in its colour (conditional formatting). */
  readonly colours?: readonly WriteColour[];
}

/** A whole output table on its own sheet. */
export interface OutputTable {
  readonly sheetName: string;
  /** Name for the Excel table object. */
  readonly tableName: string;
  readonly columns: readonly OutputColumn[];
  readonly rows: OutCell[][];
  /** Written as an Excel table object (else a plain range with a filter on its header). */
  readonly excelTable?: boolean;
  /** Columns kept in view left of the scrolling ones (beside the header row, always frozen). */
  readonly frozenColumns?: number;
}

/** Everything an adapter writes, every row made (see wholeOutputs; runs give OutputSources). */
export interface Outputs {
  readonly statusColumns: readonly StatusColumnsBlock[];
  /**
   * Every output sheet in tab order (status, issues, timeline, ...): writers write each of these
   * the same way, so a new output sheet needs no writer changes.
   */
  readonly tables: readonly OutputTable[];
}

/**
 * Rows made when a writer asks for them, for writers that take one row at a time (the .xlsx
 * writer of --out): a million status rows or the timeline's rows are then never all held.
 * `row(i)` is cheapest in ascending order; each call returns a fresh array.
 */
export interface RowsOnDemand {
  readonly length: number;
  row(i: number): OutCell[];
}

/** Status columns beside one input table (as StatusColumnsBlock), rows made on demand: [header, ...one per data row]. */
export interface StatusColumnsSource {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  /** Cells per row (the header's). */
  readonly width: number;
  readonly rows: RowsOnDemand;
}

/** An output table (as OutputTable) with its rows made on demand. */
export interface OutputTableSource {
  readonly sheetName: string;
  readonly tableName: string;
  readonly columns: readonly OutputColumn[];
  readonly rows: RowsOnDemand;
  readonly excelTable?: boolean;
  readonly frozenColumns?: number;
}

/** What a streaming writer writes: the outputs with rows made on demand, tables in tab order. */
export interface OutputSources {
  readonly statusColumns: readonly StatusColumnsSource[];
  readonly tables: readonly OutputTableSource[];
}

/**
 * Rows of an array, on demand (each row copied, so a writer never shares the caller's arrays).
 * @example rowsOf([["a"]]).row(0) // ["a"]
 * @throws nothing
 */
export function rowsOf(rows: readonly (readonly OutCell[])[]): RowsOnDemand {
  return { length: rows.length, row: (i) => [...(rows[i] ?? [])] };
}

/**
 * Every row of a source, made now (for writers that place whole ranges).
 * @example allRows(rowsOf([["a"]])) // [["a"]]
 * @throws nothing
 */
export function allRows(rows: RowsOnDemand): OutCell[][] {
  const out = new Array<OutCell[]>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = rows.row(i);
  return out;
}

/**
 * Built outputs as sources (a writer taking rows on demand accepts both), sources as they are.
 * @example patch(outputSources(run.outputs))
 * @throws nothing
 */
export function outputSources(outputs: Outputs | OutputSources): OutputSources {
  const whole = outputs.tables.some((x) => Array.isArray(x.rows)) || outputs.statusColumns.some((b) => 'values' in b);
  if (!whole) return outputs as OutputSources;
  const built = outputs as Outputs;
  return {
    statusColumns: built.statusColumns.map((b) => {
      let width = 0;
      for (const r of b.values) if (r.length > width) width = r.length;
      return { sheet: b.sheet, row: b.row, col: b.col, width, rows: rowsOf(b.values) };
    }),
    tables: built.tables.map(tableSource),
  };
}

/**
 * An output table as a source.
 * @example tableSource(run.status()).rows.length
 * @throws nothing
 */
export function tableSource(table: OutputTable): OutputTableSource {
  return {
    sheetName: table.sheetName, tableName: table.tableName, columns: table.columns, rows: rowsOf(table.rows),
    ...(table.excelTable === undefined ? {} : { excelTable: table.excelTable }), ...(table.frozenColumns === undefined ? {} : { frozenColumns: table.frozenColumns }),
  };
}

/**
 * A table source with every row made (what adapters placing whole ranges take).
 * @example tableOf(issuesTableSource(issues, "en-US")).rows
 * @throws nothing
 */
export function tableOf(source: OutputTableSource): OutputTable {
  return {
    sheetName: source.sheetName, tableName: source.tableName, columns: source.columns, rows: allRows(source.rows),
    ...(source.excelTable === undefined ? {} : { excelTable: source.excelTable }), ...(source.frozenColumns === undefined ? {} : { frozenColumns: source.frozenColumns }),
  };
}

const rulebookById = (id: string): Rulebook | undefined => builtInRulebooks().find((b) => b.id === id);

/**
 * The as-of hint of an evaluation, when it has one: no counted row lies in the window and the
 * latest row that would count is dated `latest` (adapters offer to evaluate as of that day).
 * @example asOfHint(evaluation)?.latest === "2018-06-30"
 * @throws nothing
 */
export function asOfHint(evaluation: Evaluation): Extract<EvaluationNote, { code: 'as-of.no-counted-revenue' }> | undefined {
  for (const note of evaluation.notes) if (note.code === 'as-of.no-counted-revenue') return note;
  return undefined;
}

/**
 * A note in words, as the CLI, the JSON document, the pane and the sheets show it.
 * @example noteText(asOfHint(evaluation)!, "en-US") // "No counted row lies in the 12-month window of 2026-11-23 ..."
 * @throws nothing
 */
export function noteText(note: EvaluationNote, locale: Locale): string {
  switch (note.code) {
    case 'as-of.no-counted-revenue': return t(locale, 'issue.as-of.no-counted-revenue', { asOf: note.asOf, windowStart: note.windowStart, latest: note.latest });
    case 'market.assumed-developed': return t(locale, 'issue.market.assumed-developed', { count: note.partners });
    case 'rulebook.before-first': return t(locale, 'issue.rulebook.before-first', { rulebook: note.rulebook, effectiveFrom: note.effectiveFrom });
  }
}

/**
 * Data issues found by evaluating (passes dated before their exam existed) and about the
 * evaluation as a whole (markets assumed, rulebook before its time).
 * @example const all = [...read.issues, ...evaluationIssues(read, evaluation, "en-US")]
 * @throws nothing
 */
export function evaluationIssues(read: WorkbookRead, evaluation: Evaluation, locale: Locale): DataIssue[] {
  const out: DataIssue[] = [];
  const rb = rulebookById(evaluation.rulebook);
  const certs = read.certifications;
  for (let i = 0; i < certs.length; i++) {
    if (CERTIFICATION_REASONS[evaluation.certificationReasons[i] as number] !== 'passed-before-available') continue;
    const table = read.tables[read.certificationSource.table[i] as number];
    const row = read.certificationSource.row[i] as number;
    if (!table) continue;
    const code = normalizeExamCode(certs.exams[certs.exam[i] as number] ?? '') ?? '';
    const exam = rb?.exams.get(code);
    const col = table.ref.fields.exam ?? table.ref.firstCol;
    out.push({
      severity: 'error', table: 'certifications', sheet: table.ref.sheet, row: row + 1, column: table.ref.headers[col] ?? '', cell: a1(row, col),
      code: 'exam.before-available',
      message: t(locale, 'issue.exam.before-available', {
        exam: code, date: isoFromDay(certs.day[i] as number), availableFrom: exam ? isoFromDay(exam.availableFromDay) : '',
      }),
    });
  }
  // One warning per unknown product, at its first row's product cell, with what it holds.
  for (const u of evaluation.unknownProducts) {
    const table = read.tables[read.revenueSource.table[u.firstRow] as number];
    const row = read.revenueSource.row[u.firstRow] as number;
    const col = table ? table.ref.fields.product ?? table.ref.firstCol : null;
    out.push({
      severity: 'warning', table: 'revenue', sheet: table?.ref.sheet ?? null, row: table ? row + 1 : null,
      column: table && col !== null ? table.ref.headers[col] ?? '' : null, cell: table && col !== null ? a1(row, col) : null,
      code: 'product.unknown',
      message: t(locale, 'issue.product.unknown', { product: u.product, count: u.rows, amount: formatUsd(u.amountCents, locale), window: formatUsd(u.windowCents, locale) }),
      // A product several partners sell belongs to none of them (-1: issuePartners takes it as given).
      partner: u.partner >= 0 ? evaluation.revenuePartnerOf[u.partner] as number : -1,
    });
  }
  out.push(...unacceptedAttributionIssues(read, evaluation, locale));
  for (const note of evaluation.notes) {
    if (note.code === 'market.assumed-developed') {
      out.push({ severity: 'warning', table: null, sheet: null, row: null, column: null, cell: null, code: note.code, message: t(locale, 'issue.market.assumed-developed', { count: note.partners }) });
    } else if (note.code === 'as-of.no-counted-revenue') {
      out.push({ severity: 'warning', table: null, sheet: null, row: null, column: null, cell: null, code: note.code, message: noteText(note, locale) });
    } else {
      out.push({ severity: 'warning', table: null, sheet: null, row: null, column: null, cell: null, code: note.code, message: t(locale, 'issue.rulebook.before-first', { rulebook: note.rulebook, effectiveFrom: note.effectiveFrom }) });
    }
  }
  return out;
}

/** One warning per attribution value not accepted (CPOR, ...), at its first row's attribution cell. */
function unacceptedAttributionIssues(read: WorkbookRead, evaluation: Evaluation, locale: Locale): DataIssue[] {
  return evaluation.unacceptedAttributions.map((u) => {
    const table = read.tables[read.revenueSource.table[u.firstRow] as number];
    const row = read.revenueSource.row[u.firstRow] as number;
    const col = table ? table.ref.fields.attribution ?? table.ref.fields.dpor ?? table.ref.firstCol : null;
    return {
      severity: 'warning', table: 'revenue', sheet: table?.ref.sheet ?? null, row: table ? row + 1 : null,
      column: table && col !== null ? table.ref.headers[col] ?? '' : null, cell: table && col !== null ? a1(row, col) : null,
      code: 'attribution.not-accepted',
      message: t(locale, 'issue.attribution.not-accepted', { value: u.attribution, count: u.rows, amount: formatUsd(u.amountCents, locale), window: formatUsd(u.windowCents, locale) }),
      partner: u.partner >= 0 ? evaluation.revenuePartnerOf[u.partner] as number : -1,
    };
  });
}

/**
 * The partner (index into `evaluation.partners`) each issue belongs to, or -1: the partner the
 * evaluation gave the issue, else the partner named in its row (dropped rows too, when their
 * partner cell is readable), else the partner of its row's record; issues of the workbook as a
 * whole, and of rows whose partner cell is unreadable, belong to no partner.
 * Issues are not changed.
 * @example issuePartners(read, evaluation, issues)[0] // 0: the first partner
 * @throws nothing
 */
export function issuePartners(read: WorkbookRead, evaluation: Evaluation, issues: readonly DataIssue[]): Int32Array {
  // Each issue's row is looked up in its table directly (O(issues)); a map keyed by every record
  // row cost a fifth of MPN.LEVEL's first call on 100,000 rows. Tables later in the workbook win
  // a row claimed twice, as before.
  const out = new Int32Array(issues.length).fill(-1);
  let byId: Map<string, number> | undefined;
  issues.forEach((issue, k) => {
    if (issue.partner !== undefined) { out[k] = issue.partner; return; }
    // A dropped row still names its partner when its partner cell was readable.
    if (issue.partnerId !== undefined) {
      byId ??= new Map(evaluation.partners.map((p, i) => [p.partnerId ?? '', i] as const));
      const index = byId.get(issue.partnerId);
      if (index !== undefined) { out[k] = index; return; }
    }
    if (issue.row === null || issue.sheet === null || issue.table === null) return;
    for (let t = read.tables.length - 1; t >= 0; t--) {
      const tb = read.tables[t] as (typeof read.tables)[number];
      if (tb.ref.sheet !== issue.sheet || tb.ref.kind !== issue.table) continue;
      const cols = tb.ref.kind === 'revenue' ? read.revenue : tb.ref.kind === 'certifications' ? read.certifications : null;
      if (!cols) continue;
      // Issues carry 1-based sheet rows; recordOfRow starts at the row after the header.
      const record = tb.recordOfRow[issue.row - 1 - (tb.ref.headerRow + 1)];
      if (record === undefined || record < 0) continue;
      const partnerOf = tb.ref.kind === 'revenue' ? evaluation.revenuePartnerOf : evaluation.certificationPartnerOf;
      out[k] = partnerOf[cols.partner[record] as number] as number;
      return;
    }
  });
  return out;
}

/** True when columns col..col + width - 1 hold nothing in rows fromRow..toRow - 1. */
function isFree(values: readonly (readonly Cell[])[], fromRow: number, toRow: number, col: number, width: number): boolean {
  for (let r = fromRow; r < toRow; r++) {
    const row = values[r];
    // A row that ends before `col` holds nothing there (most rows end at their table's last
    // column): its cells past the end are not read one by one.
    if (!row || row.length <= col) continue;
    const end = Math.min(col + width, row.length);
    for (let c = col; c < end; c++) if (!isEmpty(row[c])) return false;
  }
  return true;
}

/**
 * Where each table's status columns go, per sheet: where an earlier run put them (recognised by
 * header), else right of the table when those columns and the one after them are free (so they
 * never touch another table or a user's column), else right of the sheet's used range and of the
 * status columns placed there already, one empty column apart. A re-run finds them again: beside
 * its table, or standing alone (detectHeaderRow gives such pairs to tables in column order).
 */
class StatusPlaces {
  private readonly cols = new Map<TableRef, number>();

  /** Places every table's columns: beside their tables first, then the rest right of all of those. */
  constructor(sheets: ReadonlyMap<string, readonly (readonly Cell[])[]>, tables: readonly TableRef[], width: number) {
    const farRight = new Map<string, number>();
    const rightOf = (sheet: string, end: number): void => { farRight.set(sheet, Math.max(farRight.get(sheet) ?? 0, end)); };
    const later: TableRef[] = [];
    for (const ref of tables) {
      const values = sheets.get(ref.sheet) ?? [];
      const col = ref.statusCol ?? (isFree(values, ref.headerRow, ref.endRow, ref.lastCol + 1, width + 1) ? ref.lastCol + 1 : -1);
      if (col < 0) { later.push(ref); continue; }
      this.cols.set(ref, col);
      rightOf(ref.sheet, col + width);
    }
    const measured = new Set<string>();
    for (const ref of later) {
      if (!measured.has(ref.sheet)) {
        measured.add(ref.sheet);
        // The used range's width (rows may be sparse: holes are empty rows).
        let used = 0;
        for (const row of sheets.get(ref.sheet) ?? []) if (row && row.length > used) used = row.length;
        rightOf(ref.sheet, used);
      }
      const col = (farRight.get(ref.sheet) ?? 0) + 1;
      this.cols.set(ref, col);
      rightOf(ref.sheet, col + width);
    }
  }

  /** The first status column of a table placed by the constructor. */
  col(ref: TableRef): number {
    return this.cols.get(ref) ?? ref.lastCol + 1;
  }
}

function examList(rb: Rulebook | undefined, role: ExamRole, asOfDay: number): string {
  return rb ? takeableExams(rb, role, asOfDay).join(', ') : '';
}

/**
 * How many passes a certification row made, starting at its first record `rec`: one, or one per
 * exam code of a cell naming several ("MB2-714, MB2-710"), whose records follow one another.
 */
function passesOfRow(read: WorkbookRead, rec: number): number {
  const { table, row } = read.certificationSource;
  let n = 1;
  while (rec + n < row.length && row[rec + n] === row[rec] && table[rec + n] === table[rec]) n++;
  return n;
}

/** One status text per pass of a row, each after its exam code: "MB2-714: Counted; MB2-710: Counted". */
function eachPass(read: WorkbookRead, rec: number, passes: number, locale: Locale, text: (rec: number) => string): string {
  const certs = read.certifications;
  const parts: string[] = [];
  for (let r = rec; r < rec + passes; r++) {
    const written = certs.exams[certs.exam[r] as number] ?? '';
    parts.push(t(locale, 'status.pass', { exam: normalizeExamCode(written) ?? written, text: text(r) }));
  }
  return parts.join(t(locale, 'status.passSeparator'));
}

/** What the status texts of a run are made from (the run's settings, worked out once). */
interface StatusTextContext {
  readonly read: WorkbookRead;
  readonly evaluation: Evaluation;
  readonly locale: Locale;
  readonly rb: Rulebook | undefined;
  readonly asOfDay: number;
  readonly no: string;
}

/**
 * The Reason of a revenue record. A reason's text depends on the reason alone (and the
 * attribution, for an attribution that does not count): made once each, then looked up by index.
 */
function revenueReasonTexts(c: StatusTextContext): (rec: number) => string {
  const { evaluation, locale } = c;
  const rev = c.read.revenue;
  const windowStart = isoFromDay(ttmWindowStart(c.asOfDay));
  const byCode: (string | undefined)[] = [];
  const byAttribution: (string | undefined)[] = [];
  return (rec) => {
    const code = evaluation.revenueReasons[rec] as number;
    const known = byCode[code];
    if (known !== undefined) return known;
    const reason = REVENUE_REASONS[code] ?? 'counted';
    if (reason !== 'attribution-not-accepted') return byCode[code] = t(locale, `revenue.${reason}`, { asOf: evaluation.asOf, windowStart, rulebook: evaluation.rulebook });
    const k = rev.attribution[rec] as number;
    let text = byAttribution[k];
    if (text === undefined) {
      const a = rev.attributions[k] ?? '';
      text = byAttribution[k] = t(locale, 'revenue.attribution-not-accepted', { attribution: a === 'none' ? c.no : a });
    }
    return text;
  };
}

/** The Reason of a certification record: one text per reason, or per reason and exam where the exam is named. */
function certificationReasonTexts(c: StatusTextContext): (rec: number) => string {
  const { evaluation, locale, rb, asOfDay } = c;
  const certs = c.read.certifications;
  const byCode: (string | undefined)[] = [];
  const byExam: (string | undefined)[][] = [];
  const examText = (reason: 'passed-before-available' | 'no-longer-accepted', rec: number): string => {
    const code = normalizeExamCode(certs.exams[certs.exam[rec] as number] ?? '') ?? '';
    const exam = rb?.exams.get(code);
    return t(locale, `certification.${reason}`, {
      exam: code,
      availableFrom: exam && Number.isFinite(exam.availableFromDay) ? isoFromDay(exam.availableFromDay) : '',
      acceptedUntil: exam && Number.isFinite(exam.acceptedUntilDay) ? isoFromDay(exam.acceptedUntilDay) : '',
    });
  };
  return (rec) => {
    const code = evaluation.certificationReasons[rec] as number;
    const known = byCode[code];
    if (known !== undefined) return known;
    const reason = CERTIFICATION_REASONS[code] ?? 'counted';
    switch (reason) {
      case 'needs-deployment-exam': return byCode[code] = t(locale, 'certification.needs-deployment-exam', { exams: examList(rb, 'deployment', asOfDay) });
      case 'needs-application-exam': return byCode[code] = t(locale, 'certification.needs-application-exam', { exams: examList(rb, 'application', asOfDay) });
      case 'passed-before-available':
      case 'no-longer-accepted': {
        // By the exam as written: the same code written the same way, the same text.
        const perExam = (byExam[code] ??= []);
        const e = certs.exam[rec] as number;
        return perExam[e] ??= examText(reason, rec);
      }
      default:
        return byCode[code] = t(locale, `certification.${reason}`, { asOf: evaluation.asOf, rulebook: evaluation.rulebook });
    }
  };
}

/** The Counts as of a certification record: one text per (counts as, slot level). */
function countsAsTexts(c: StatusTextContext): (rec: number) => string {
  const { evaluation, locale } = c;
  const texts: (string | undefined)[] = [];
  return (rec) => {
    const code = evaluation.certificationCountsAs[rec] as number;
    const gold = evaluation.certificationSlotLevel[rec] === 2;
    const k = code * 2 + (gold ? 1 : 0);
    let text = texts[k];
    if (text === undefined) {
      const countsAs = COUNTS_AS[code] ?? 'not-counted';
      text = texts[k] = t(locale, `countsAs.${countsAs}`, { level: t(locale, gold ? 'level.gold' : 'level.silver') });
    }
    return text;
  };
}

/**
 * Status columns for every input table: "Counted"/"Reason" beside revenue tables, "Counts as"/
 * "Reason" beside certification tables, in the columns statusColumnPlaces chose; each row is
 * made when a writer asks for it.
 * @example statusColumnSources(statusColumnPlaces(workbook, read), read, evaluation, "en-US")[0].rows.row(0) // ["Counted", "Reason"]
 * @throws nothing
 */
export function statusColumnSources(places: readonly number[], read: WorkbookRead, evaluation: Evaluation, locale: Locale): StatusColumnsSource[] {
  const yes = t(locale, 'word.yes'), no = t(locale, 'word.no');
  const context: StatusTextContext = { read, evaluation, locale, rb: rulebookById(evaluation.rulebook), asOfDay: dayFromIso(evaluation.asOf) ?? 0, no };
  const revenueReason = revenueReasonTexts(context);
  const certReason = certificationReasonTexts(context);
  const countsAs = countsAsTexts(context);
  const notCounted = t(locale, 'countsAs.not-counted');
  const productStatus = productStatusOf(read, context.rb, locale);
  const { revenueReasons } = evaluation;
  const blocks: StatusColumnsSource[] = [];
  read.tables.forEach((tb, k) => {
    const { ref, recordOfRow } = tb;
    const col = places[k] ?? -1;
    if (ref.kind === 'partners' || col < 0) return;
    const header: OutCell[] = ref.kind === 'revenue' || ref.kind === 'products'
      ? [t(locale, 'column.counted'), t(locale, 'column.reason')]
      : [t(locale, 'column.countsAs'), t(locale, 'column.reason')];
    // What a record's row holds, by the table's kind.
    const ofRecord: (rec: number) => OutCell[] = ref.kind === 'revenue'
      ? (rec) => [revenueReasons[rec] === 0 ? yes : no, revenueReason(rec)]
      : ref.kind === 'products'
        ? (rec) => [read.productMapping[rec]?.counts ? yes : no, productStatus(rec)]
        : (rec) => {
          const passes = passesOfRow(read, rec);
          if (passes === 1) return [countsAs(rec), certReason(rec)];
          // A cell naming several exams is several passes: each one's status, by its exam code.
          return [eachPass(read, rec, passes, locale, countsAs), eachPass(read, rec, passes, locale, certReason)];
        };
    // Each row is made from the evaluation when it is asked for: nothing per row is held here.
    const row = (i: number): OutCell[] => {
      if (i === 0) return [...header];
      const off = i - 1;
      const rec = recordOfRow[off];
      if (rec === undefined) return [];
      if (rec >= 0) return ofRecord(rec);
      if (rec === EMPTY_ROW) return [null, null];
      if (rec === DROPPED_ROW) return [ref.kind === 'certifications' ? notCounted : no, tb.dropped.get(off) ?? ''];
      return ofRecord(rec);
    };
    blocks.push({ sheet: ref.sheet, row: ref.headerRow, col, width: header.length, rows: { length: recordOfRow.length + 1, row } });
  });
  return blocks;
}

/**
 * Where each table's status columns go (the first of the two columns; -1 for a partners table,
 * which gets none): where a previous run put them (recognised by header), else right of the table
 * when that touches nothing, else right of the sheet's used range (StatusPlaces), so no user cell
 * is ever overwritten and no table gains our columns. Decided from the cells, which the outputs
 * then no longer need.
 * @example statusColumnPlaces({ sheets }, readWorkbook({ sheets }, { locale: "en-US" }))[0] === 6
 * @throws nothing
 */
export function statusColumnPlaces(workbook: WorkbookInput, read: WorkbookRead): number[] {
  const places = new StatusPlaces(new Map(workbook.sheets.map((s) => [s.name, s.values])), read.tables.filter((tb) => tb.ref.kind !== 'partners').map((tb) => tb.ref), 2);
  return read.tables.map(({ ref }) => (ref.kind === 'partners' ? -1 : places.col(ref)));
}

/** Who a planned pass is for: the person's name, or "New person 1". */
const plannedWho = (p: PlannedExam, locale: Locale): string =>
  p.newIndividual !== null ? t(locale, 'plan.newIndividual', { n: p.newIndividual }) : p.individual;

/**
 * One line per planned exam pass, rendered from the plan's data: "Ana Souza: a deployment exam
 * (MB2-710, MB2-706, MB2-715)". Renderers that list steps use these; never split a joined line.
 * @example planSteps(status.examPlans.gold, "en-US")[0]
 * @throws nothing
 */
export function planSteps(plan: readonly PlannedExam[], locale: Locale): string[] {
  return plan.map((p) => t(locale, 'plan.step', {
    who: plannedWho(p, locale),
    role: t(locale, `role.${p.role}`),
    exams: p.exams.join(', '),
  }));
}

/**
 * What each row of the user's Products tables did: how many revenue rows (and how much revenue)
 * it decided, what the catalogue alone would have said, or that an earlier row names the same
 * product (matched as the evaluator matches: by the rulebook's product key).
 */
function productStatusOf(read: WorkbookRead, rb: Rulebook | undefined, locale: Locale): (record: number) => string {
  const mapping = read.productMapping;
  if (mapping.length === 0 || !rb) return () => '';
  const rev = read.revenue;
  const byKey = new Map<string, { rows: number; cents: number }>();
  const perName = rev.products.map(() => ({ rows: 0, cents: 0 }));
  for (let i = 0; i < rev.length; i++) {
    const acc = perName[rev.product[i] as number];
    const cents = rev.amountCents[i] as number;
    if (acc) { acc.rows++; if (cents === cents) acc.cents += cents; }
  }
  rev.products.forEach((name, k) => {
    const key = rb.productKey(name);
    const acc = byKey.get(key) ?? { rows: 0, cents: 0 };
    acc.rows += perName[k]?.rows ?? 0;
    acc.cents += perName[k]?.cents ?? 0;
    byKey.set(key, acc);
  });
  // The sheet row of each mapping record, to name the row a duplicate defers to.
  const rowOf = new Int32Array(mapping.length);
  for (const tb of read.tables) {
    if (tb.ref.kind !== 'products') continue;
    tb.recordOfRow.forEach((rec, off) => { if (rec >= 0) rowOf[rec] = tb.ref.headerRow + 2 + off; });
  }
  const firstOfKey = new Map<string, number>();
  mapping.forEach((m, rec) => { const key = rb.productKey(m.product); if (!firstOfKey.has(key)) firstOfKey.set(key, rec); });
  return (rec) => {
    const m = mapping[rec];
    if (!m) return '';
    const key = rb.productKey(m.product);
    const first = firstOfKey.get(key) ?? rec;
    if (first !== rec) return t(locale, 'products.duplicate', { row: rowOf[first] as number });
    const catalogue = t(locale, `products.kind.${rb.classifyProduct(m.product)}`);
    const used = byKey.get(key);
    return used && used.rows > 0
      ? t(locale, 'products.used', { count: used.rows, amount: formatUsd(used.cents, locale), catalogue })
      : t(locale, 'products.unused', { catalogue });
  };
}

/**
 * An exam plan as one line, one item per person (issue 18.5: a person's passes read as one item,
 * not "New person 1:" once per exam): "New person 1: an application exam (MB2-714, ...) and a
 * deployment exam (MB2-710, ...); New person 2: a customization exam (MB2-712, ...)". People
 * keep the plan's order of first appearance.
 * `texts`: a status table's, whose rows share the passes' texts.
 * @example planText(status.examPlans.gold, "en-US")
 * @throws nothing
 */
export function planText(plan: readonly PlannedExam[], locale: Locale, texts: StatusTexts = new StatusTexts(locale)): string {
  const byPerson = new Map<string, string[]>();
  for (const p of plan) {
    const who = plannedWho(p, locale);
    const pass = texts.pass(p.role, p.exams);
    const passes = byPerson.get(who);
    if (passes) passes.push(pass); else byPerson.set(who, [pass]);
  }
  return [...byPerson].map(([who, passes]) => t(locale, 'plan.person', {
    who, passes: passes.reduce((first, second) => t(locale, 'next.and', { first, second })),
  })).join('; ');
}

/**
 * Texts a status table says on many rows, each made once per table (a market, a level, "1 of 2",
 * an issue count, a planned pass): a row looks them up by the values they are made from.
 */
export class StatusTexts {
  private readonly markets = new Map<string, string>();
  private readonly levels = new Map<string, string>();
  private readonly individualTexts = new Map<number, string>();
  private readonly issueTexts = new Map<number, string>();
  private readonly passes = new Map<string, string>();

  constructor(readonly locale: Locale) {}

  /** The market's name (t of market.*). */
  market(market: PartnerStatus['market']): string {
    let text = this.markets.get(market);
    if (text === undefined) this.markets.set(market, text = t(this.locale, `market.${market}`));
    return text;
  }

  /** The level's name (t of level.*). */
  level(level: PartnerStatus['level']): string {
    let text = this.levels.get(level);
    if (text === undefined) this.levels.set(level, text = t(this.locale, `level.${level}`));
    return text;
  }

  /** "1 of 2": individuals filled of needed. */
  individuals(filled: number, needed: number): string {
    const key = small(filled) && small(needed) ? filled * 0x100000 + needed : -1;
    let text = this.individualTexts.get(key);
    if (text === undefined) {
      text = t(this.locale, 'status.individualsValue', { filled, needed });
      if (key >= 0) this.individualTexts.set(key, text);
    }
    return text;
  }

  /** "1 error, 0 warnings" ("" for none). */
  issues(errors: number, warnings: number): string {
    if (errors + warnings === 0) return '';
    const key = small(errors) && small(warnings) ? errors * 0x100000 + warnings : -1;
    let text = this.issueTexts.get(key);
    if (text === undefined) {
      text = t(this.locale, 'status.issueCount', issueCountTexts(this.locale, errors, warnings));
      if (key >= 0) this.issueTexts.set(key, text);
    }
    return text;
  }

  /** A planned pass: "a deployment exam (MB2-710, MB2-706, MB2-715)". */
  pass(role: ExamRole, exams: readonly string[]): string {
    const list = exams.join(', ');
    const key = `${role}\u0000${list}`;
    let text = this.passes.get(key);
    if (text === undefined) {
      text = t(this.locale, 'plan.pass', { role: t(this.locale, `role.${role}`), exams: list });
      if (this.passes.size < 10000) this.passes.set(key, text);
    }
    return text;
  }
}

/** A whole number from 0 to 2^20 - 1: a key part of StatusTexts' numbers. */
const small = (n: number): boolean => n >= 0 && n < 0x100000 && Number.isInteger(n);

/** How an Office writer highlights a status column (conditional formats). */
export type ColumnHighlight = 'level' | 'risk' | 'bar';

/** What a status cell is computed from: one partner's results, and its issue counts. */
export interface StatusRowContext {
  readonly evaluation: Evaluation;
  readonly locale: Locale;
  readonly issues: { readonly errors: number; readonly warnings: number };
  /** The partner's next step in one sentence ("" when not computed: see Run.nextSteps). */
  readonly nextStep: string;
  /** The texts of the table the row is in, shared by its rows. */
  readonly texts: StatusTexts;
}

/** One column of the Competency Status table, defined once for every writer and MPN.STATUS. */
export interface StatusColumn {
  readonly key: string;
  readonly header: MessageKey;
  readonly format: ColumnFormat;
  readonly highlight?: ColumnHighlight;
  readonly value: (partner: PartnerStatus, context: StatusRowContext) => OutCell;
}

const slotHolders = (p: PartnerStatus, slot: SlotKind): string => p.slots.filter((s) => s.slot === slot).map((s) => s.individual).join(', ');
const individualsText = (p: PartnerStatus, level: AttainableLevel, texts: StatusTexts): string => {
  const { actual, required } = p.requirements[level].individuals;
  return texts.individuals(actual, required);
};

/** The status table's columns, in order. Every value is rendered from core's results. */
export const STATUS_COLUMNS: readonly StatusColumn[] = [
  { key: 'partnerId', header: 'status.partnerId', format: 'text', value: (p, c) => p.partnerId ?? t(c.locale, 'status.oneOrganisation') },
  { key: 'name', header: 'status.name', format: 'text', value: (p) => p.name ?? '' },
  { key: 'market', header: 'status.market', format: 'text', value: (p, c) => c.texts.market(p.market) },
  { key: 'asOf', header: 'status.asOf', format: 'date', value: (_p, c) => ({ date: c.evaluation.asOf }) },
  { key: 'rulebook', header: 'status.rulebook', format: 'text', value: (p) => p.rulebook },
  { key: 'level', header: 'status.level', format: 'text', highlight: 'level', value: (p, c) => c.texts.level(p.level) },
  { key: 'atRisk', header: 'status.atRisk', format: 'bool', highlight: 'risk', value: (p) => p.atRisk },
  { key: 'holdsUntil', header: 'status.holdsUntil', format: 'date', value: (p) => (p.holdsUntil ? { date: p.holdsUntil } : null) },
  // The next step leads (docs/rules.md 15): one sentence, e.g. "Book US$ 23,000 of DPOR revenue by 31 Aug 2018 to keep Silver".
  { key: 'nextStep', header: 'next.column', format: 'text', value: (_p, c) => c.nextStep },
  { key: 'ttmRevenue', header: 'status.ttmRevenue', format: 'usd', highlight: 'bar', value: (p) => p.ttmRevenueCents / 100 },
  { key: 'silverRevenueMet', header: 'status.silverRevenueMet', format: 'bool', value: (p) => p.requirements.silver.revenue.met },
  { key: 'goldRevenueMet', header: 'status.goldRevenueMet', format: 'bool', value: (p) => p.requirements.gold.revenue.met },
  { key: 'silverExamsMet', header: 'status.silverExamsMet', format: 'bool', value: (p) => p.requirements.silver.individuals.met },
  { key: 'goldExamsMet', header: 'status.goldExamsMet', format: 'bool', value: (p) => p.requirements.gold.individuals.met },
  { key: 'applicationDeployment', header: 'status.applicationDeployment', format: 'text', value: (p) => slotHolders(p, 'application+deployment') },
  { key: 'customization', header: 'status.customization', format: 'text', value: (p) => slotHolders(p, 'customization') },
  { key: 'revenueToNext', header: 'status.revenueToNext', format: 'usd', value: (p) => (p.nextLevel ? p.revenueGapCents[p.nextLevel] / 100 : 0) },
  { key: 'examPlan', header: 'status.examPlan', format: 'text', value: (p, c) => (p.nextLevel ? planText(p.examPlans[p.nextLevel], c.locale, c.texts) : '') },
  { key: 'issues', header: 'status.issues', format: 'text', value: (_p, c) => c.texts.issues(c.issues.errors, c.issues.warnings) },
  { key: 'silverIndividuals', header: 'status.silverIndividuals', format: 'text', value: (p, c) => individualsText(p, 'silver', c.texts) },
  { key: 'goldIndividuals', header: 'status.goldIndividuals', format: 'text', value: (p, c) => individualsText(p, 'gold', c.texts) },
  // The as-of hint on every row without counted revenue: a 2017 workbook evaluated as of today says why it is all None.
  { key: 'note', header: 'status.note', format: 'text', value: (p, c) => { const h = p.rows.revenueCounted === 0 ? asOfHint(c.evaluation) : undefined; return h ? noteText(h, c.locale) : ''; } },
];

/**
 * One status row for a partner, in STATUS_COLUMNS order.
 * @example statusRow(evaluation.partners[0], evaluation, "en-US", { errors: 0, warnings: 1 }, "Book US$ 23,000 of DPOR revenue by 31 Aug 2018 to keep Silver")
 * @throws nothing
 */
export function statusRow(
  p: PartnerStatus, evaluation: Evaluation, locale: Locale, counts: { errors: number; warnings: number }, nextStep = '', texts: StatusTexts = new StatusTexts(locale),
): OutCell[] {
  const context: StatusRowContext = { evaluation, locale, issues: counts, nextStep, texts };
  return STATUS_COLUMNS.map((column) => column.value(p, context));
}

/**
 * The status table's columns with their headers in a language (for writers and MPN.STATUS).
 * @example statusColumnsIn("de-DE")[0].header === "Partner-ID"
 * @throws nothing
 */
export function statusColumnsIn(locale: Locale): OutputColumn[] {
  return STATUS_COLUMNS.map((c) => ({ key: c.key, header: t(locale, c.header), format: c.format, ...(c.highlight ? { highlight: c.highlight } : {}) }));
}

/**
 * Errors and warnings per partner (by index), given each issue's partner (see issuePartners).
 * @example issueCounts(issues, issuePartners(read, evaluation, issues), evaluation.partners.length)[0] // { errors: 1, warnings: 0 }
 * @throws nothing
 */
export function issueCounts(issues: readonly DataIssue[], partnerOfIssue: Int32Array, partners: number): { errors: number; warnings: number }[] {
  const counts = Array.from({ length: partners }, () => ({ errors: 0, warnings: 0 }));
  issues.forEach((issue, k) => {
    const c = counts[partnerOfIssue[k] ?? -1];
    if (c) { if (issue.severity === 'error') c.errors++; else c.warnings++; }
  });
  return counts;
}

/**
 * The Competency Status table: one row per partner, columns as STATUS_COLUMNS; `nextSteps`
 * (core's, in the evaluation's partner order) fill the Next step column.
 * @example statusTable(evaluation, issues, issuePartners(read, evaluation, issues), "en-US").rows.length === evaluation.partners.length
 * @throws nothing
 */
export function statusTable(
  evaluation: Evaluation, issues: readonly DataIssue[], partnerOfIssue: Int32Array, locale: Locale, nextSteps: readonly PartnerNextSteps[] = [],
): OutputTable {
  return tableOf(statusTableSource(evaluation, issues, partnerOfIssue, locale, nextSteps));
}

/**
 * The Competency Status table (as statusTable), each row made when a writer asks for it: the
 * --out writer makes them while it patches the input's sheets, instead of all before it starts.
 * The next steps may be a cursor (core's nextStepsCursor): each partner's are then worked out
 * as its row is made.
 * @example statusTableSource(evaluation, issues, issuePartners(read, evaluation, issues), "en-US", run.nextSteps()).rows.row(0)[0] === "1003"
 * @throws nothing itself; what the cursor's at throws
 */
export function statusTableSource(
  evaluation: Evaluation, issues: readonly DataIssue[], partnerOfIssue: Int32Array, locale: Locale, nextSteps: readonly PartnerNextSteps[] | NextStepsCursor = [],
): OutputTableSource {
  const stepsOf = Array.isArray(nextSteps) ? (i: number): PartnerNextSteps | undefined => (nextSteps as readonly PartnerNextSteps[])[i] : (i: number): PartnerNextSteps => (nextSteps as NextStepsCursor).at(i);
  const perPartner = issueCounts(issues, partnerOfIssue, evaluation.partners.length);
  const { partners } = evaluation;
  const texts = new StatusTexts(locale);
  return {
    sheetName: t(locale, 'sheet.status'),
    tableName: 'CompetencyStatus',
    excelTable: true,
    columns: statusColumnsIn(locale),
    rows: {
      length: partners.length,
      row: (i) => {
        const p = partners[i];
        return p ? statusRow(p, evaluation, locale, perPartner[i] ?? { errors: 0, warnings: 0 }, nextStepText(stepsOf(i), locale), texts) : [];
      },
    },
  };
}

/**
 * The Competency Issues table, its rows made on demand: one per data issue, with a link to its cell.
 * The Partner column holds the partner each issue belongs to (see issuePartners).
 * @example issuesTableSource(issues, "en-US", (k) => "1003").rows.row(0)[1] === "Error"
 * @throws nothing
 */
export function issuesTableSource(issues: readonly DataIssue[], locale: Locale, partnerOfIssue?: (k: number) => string | null): OutputTableSource {
  const issueColumns = [
    ['partner', 'issues.partner', 'text'], ['severity', 'issues.severity', 'text'], ['table', 'issues.table', 'text'], ['sheet', 'issues.sheet', 'text'], ['row', 'issues.row', 'int'],
    ['column', 'issues.column', 'text'], ['cell', 'issues.cell', 'text'], ['code', 'issues.code', 'text'], ['message', 'issues.message', 'text'],
  ] as const;
  const row = (k: number): OutCell[] => {
    const i = issues[k];
    if (!i) return [];
    return [
      partnerOfIssue?.(k) ?? '',
      t(locale, `severity.${i.severity}`),
      i.table ? t(locale, `table.${i.table}`) : '',
      i.sheet ?? '',
      i.row,
      i.column ?? '',
      i.sheet !== null && i.cell !== null ? { text: `${i.sheet}!${i.cell}`, link: { sheet: i.sheet, cell: i.cell } } : '',
      i.code,
      i.message,
    ];
  };
  return {
    sheetName: t(locale, 'sheet.issues'),
    tableName: 'CompetencyIssues',
    columns: issueColumns.map(([key, header, format]) => ({ key, header: t(locale, header), format })),
    rows: { length: issues.length, row },
  };
}

/**
 * The partner id of issue k (null: none), for the Issues sheet's Partner column.
 * @example issuesTableSource(issues, "en-US", partnerIdOfIssue(evaluation, issuePartners(read, evaluation, issues)))
 * @throws nothing
 */
export function partnerIdOfIssue(evaluation: Evaluation, partnerOfIssue: Int32Array): (k: number) => string | null {
  return (k) => evaluation.partners[partnerOfIssue[k] ?? -1]?.partnerId ?? null;
}

/**
 * Outputs with every row made, for writers that place whole ranges (Office.js): the same cells as
 * the sources, which stay the one shape runs give (see Run.outputs).
 * @example await writeToExcel(Excel.run, wholeOutputs(run.outputs()), workbook.sheetNames)
 * @throws nothing
 */
export function wholeOutputs(sources: OutputSources): Outputs {
  return {
    statusColumns: sources.statusColumns.map((b) => ({ sheet: b.sheet, row: b.row, col: b.col, values: allRows(b.rows) })),
    tables: sources.tables.map(tableOf),
  };
}
