/**
 * From an evaluation to what the adapters write (DESIGN.md 3.2), as plain 2-D arrays in the
 * shape of Office.js `range.values`: status columns beside each input table, the Competency
 * Status table, and the Competency Issues list. Adapters only place these blocks; they never
 * decide what goes in them.
 */
import {
  CERTIFICATION_REASONS, COUNTS_AS, REVENUE_REASONS, builtInRulebooks, dayFromIso, isoFromDay, normalizeExamCode, takeableExams, ttmWindowStart,
  type Evaluation, type ExamRole, type PartnerStatus, type PlannedExam, type Rulebook,
} from '../core';
import { t, type Locale, type MessageKey } from '../i18n';
import { a1, isEmpty, type Cell } from './cells';
import type { DataIssue } from './issues';
import { DROPPED_ROW, EMPTY_ROW, type WorkbookInput, type WorkbookRead } from './read';

/** A value to write. Objects say how: a date, or a link to a cell of the workbook. */
export type OutCell =
  | string | number | boolean | null
  | { readonly date: string }
  | { readonly text: string; readonly link: { readonly sheet: string; readonly cell: string } };

/** How a column of an output table is formatted. */
export type ColumnFormat = 'text' | 'usd' | 'date' | 'bool' | 'int';

/** The Excel number format of each column format, for every writer (Office.js, ExcelJS). */
export const NUMBER_FORMATS: Readonly<Record<ColumnFormat, string>> = { text: '@', usd: '#,##0.00', date: 'yyyy-mm-dd', int: '0', bool: 'General' };

/** Two status columns beside one input table: header row plus one row per data row. */
export interface StatusColumnsBlock {
  readonly sheet: string;
  /** 0-based row of the table's header, and column of the first status column. */
  readonly row: number;
  readonly col: number;
  /** [header, ...one per data row], each two cells wide. */
  readonly values: OutCell[][];
}

/** A whole output table on its own sheet. */
export interface OutputTable {
  readonly sheetName: string;
  /** Name for the Excel table object. */
  readonly tableName: string;
  readonly columns: readonly { readonly key: string; readonly header: string; readonly format: ColumnFormat }[];
  readonly rows: OutCell[][];
}

/** Everything an adapter writes. */
export interface Outputs {
  readonly statusColumns: readonly StatusColumnsBlock[];
  readonly status: OutputTable;
  readonly issues: OutputTable;
}

const rulebookById = (id: string): Rulebook | undefined => builtInRulebooks().find((b) => b.id === id);

/**
 * Data issues found by evaluating (passes dated before their exam existed) and about the
 * evaluation as a whole (markets assumed, rulebook before its time), plus the partner each issue
 * belongs to, so the status table can count them.
 * @example const all = [...read.issues, ...evaluationIssues(read, evaluation, "en-US")]
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
      partner: evaluation.certificationPartnerOf[certs.partner[i] as number] as number,
    });
  }
  // One warning per unknown product, at its first row's product cell, with what it holds.
  const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  for (const u of evaluation.unknownProducts) {
    const table = read.tables[read.revenueSource.table[u.firstRow] as number];
    const row = read.revenueSource.row[u.firstRow] as number;
    const col = table ? table.ref.fields.product ?? table.ref.firstCol : null;
    out.push({
      severity: 'warning', table: 'revenue', sheet: table?.ref.sheet ?? null, row: table ? row + 1 : null,
      column: table && col !== null ? table.ref.headers[col] ?? '' : null, cell: table && col !== null ? a1(row, col) : null,
      code: 'product.unknown',
      message: t(locale, 'issue.product.unknown', { product: u.product, rows: u.rows, amount: money.format(u.amountCents / 100), window: money.format(u.windowCents / 100) }),
      // A product several partners sell belongs to none of them (-1 keeps attachPartners off it).
      partner: u.partner >= 0 ? evaluation.revenuePartnerOf[u.partner] as number : -1,
    });
  }
  for (const note of evaluation.notes) {
    if (note.code === 'market.assumed-developed') {
      out.push({ severity: 'warning', table: null, sheet: null, row: null, column: null, cell: null, code: note.code, message: t(locale, 'issue.market.assumed-developed', { count: note.partners }) });
    } else {
      out.push({ severity: 'warning', table: null, sheet: null, row: null, column: null, cell: null, code: note.code, message: t(locale, 'issue.rulebook.before-first', { rulebook: note.rulebook, effectiveFrom: note.effectiveFrom }) });
    }
  }
  return out;
}

/**
 * Sets `partner` on read issues whose row became a record, so issues can be counted per partner.
 * Issues of dropped rows stay workbook-wide (the row never reached a partner).
 */
export function attachPartners(read: WorkbookRead, evaluation: Evaluation, issues: readonly DataIssue[]): void {
  const key = (sheet: string, kind: string, row: number): string => `${sheet}\u0000${kind}\u0000${row}`;
  const byRow = new Map<string, number>();
  for (const tb of read.tables) {
    const first = tb.ref.headerRow + 1;
    const cols = tb.ref.kind === 'revenue' ? read.revenue : tb.ref.kind === 'certifications' ? read.certifications : null;
    const partnerOf = tb.ref.kind === 'revenue' ? evaluation.revenuePartnerOf : evaluation.certificationPartnerOf;
    if (!cols) continue;
    tb.recordOfRow.forEach((rec, off) => {
      if (rec >= 0) byRow.set(key(tb.ref.sheet, tb.ref.kind, first + off + 1), partnerOf[cols.partner[rec] as number] as number);
    });
  }
  for (const issue of issues) {
    if (issue.partner !== undefined || issue.row === null || issue.sheet === null || issue.table === null) continue;
    const p = byRow.get(key(issue.sheet, issue.table, issue.row));
    if (p !== undefined) issue.partner = p;
  }
}

function isFree(values: readonly (readonly Cell[])[], fromRow: number, toRow: number, col: number): boolean {
  for (let r = fromRow; r < toRow; r++) {
    const row = values[r];
    if (row && (!isEmpty(row[col]) || !isEmpty(row[col + 1]))) return false;
  }
  return true;
}

/** Reason texts are shared between rows: one string per distinct (reason, parameter). */
class ReasonTexts {
  private readonly cache = new Map<string, string>();
  constructor(private readonly locale: Locale) {}
  get(key: MessageKey, params: Readonly<Record<string, string | number>> = {}, cacheKey = ''): string {
    const k = `${key}\u0000${cacheKey}`;
    let s = this.cache.get(k);
    if (s === undefined) { s = t(this.locale, key, params); this.cache.set(k, s); }
    return s;
  }
}

function examList(rb: Rulebook | undefined, role: ExamRole, asOfDay: number): string {
  return rb ? takeableExams(rb, role, asOfDay).join(', ') : '';
}

/**
 * Status columns for every input table: "Counted"/"Reason" beside revenue tables, "Counts as"/
 * "Reason" beside certification tables. They go where a previous run put them (recognised by
 * header), else immediately right of the table, moving further right past any column that holds
 * anything, so no user cell is ever overwritten.
 */
export function statusColumns(workbook: WorkbookInput, read: WorkbookRead, evaluation: Evaluation, locale: Locale): StatusColumnsBlock[] {
  const texts = new ReasonTexts(locale);
  const rb = rulebookById(evaluation.rulebook);
  const asOfDay = dayFromIso(evaluation.asOf) ?? 0;
  const windowStart = isoFromDay(ttmWindowStart(asOfDay));
  const yes = t(locale, 'word.yes'), no = t(locale, 'word.no');
  const blocks: StatusColumnsBlock[] = [];
  const sheetValues = new Map(workbook.sheets.map((s) => [s.name, s.values]));
  const rev = read.revenue, certs = read.certifications;

  const revenueReason = (rec: number): string => {
    const reason = REVENUE_REASONS[evaluation.revenueReasons[rec] as number] ?? 'counted';
    switch (reason) {
      case 'attribution-not-accepted': {
        const a = rev.attributions[rev.attribution[rec] as number] ?? '';
        return texts.get('revenue.attribution-not-accepted', { attribution: a === 'none' ? no : a }, a);
      }
      default:
        return texts.get(`revenue.${reason}`, { asOf: evaluation.asOf, windowStart, rulebook: evaluation.rulebook });
    }
  };
  const certReason = (rec: number): string => {
    const reason = CERTIFICATION_REASONS[evaluation.certificationReasons[rec] as number] ?? 'counted';
    switch (reason) {
      case 'needs-deployment-exam': return texts.get('certification.needs-deployment-exam', { exams: examList(rb, 'deployment', asOfDay) });
      case 'needs-application-exam': return texts.get('certification.needs-application-exam', { exams: examList(rb, 'application', asOfDay) });
      case 'passed-before-available':
      case 'no-longer-accepted': {
        const code = normalizeExamCode(certs.exams[certs.exam[rec] as number] ?? '') ?? '';
        const exam = rb?.exams.get(code);
        return texts.get(`certification.${reason}`, {
          exam: code,
          availableFrom: exam && Number.isFinite(exam.availableFromDay) ? isoFromDay(exam.availableFromDay) : '',
          acceptedUntil: exam && Number.isFinite(exam.acceptedUntilDay) ? isoFromDay(exam.acceptedUntilDay) : '',
        }, code);
      }
      default:
        return texts.get(`certification.${reason}`, { asOf: evaluation.asOf, rulebook: evaluation.rulebook });
    }
  };
  const countsAs = (rec: number): string => {
    const c = COUNTS_AS[evaluation.certificationCountsAs[rec] as number] ?? 'not-counted';
    const lvl = evaluation.certificationSlotLevel[rec] === 2 ? 'level.gold' : 'level.silver';
    return texts.get(`countsAs.${c}`, { level: t(locale, lvl) }, lvl);
  };

  for (const tb of read.tables) {
    const { ref } = tb;
    if (ref.kind === 'partners') continue;
    const values = sheetValues.get(ref.sheet) ?? [];
    let col = ref.statusCol ?? ref.lastCol + 1;
    if (ref.statusCol === null) while (!isFree(values, ref.headerRow, ref.endRow, col)) col++;
    const header: OutCell[] = ref.kind === 'revenue'
      ? [t(locale, 'column.counted'), t(locale, 'column.reason')]
      : [t(locale, 'column.countsAs'), t(locale, 'column.reason')];
    const out: OutCell[][] = new Array<OutCell[]>(tb.recordOfRow.length + 1);
    out[0] = header;
    const notCounted = texts.get('countsAs.not-counted');
    for (let off = 0; off < tb.recordOfRow.length; off++) {
      const rec = tb.recordOfRow[off] as number;
      if (rec === EMPTY_ROW) out[off + 1] = [null, null];
      else if (rec === DROPPED_ROW) out[off + 1] = [ref.kind === 'revenue' ? no : notCounted, tb.dropped.get(off) ?? ''];
      else if (ref.kind === 'revenue') out[off + 1] = [evaluation.revenueReasons[rec] === 0 ? yes : no, revenueReason(rec)];
      else out[off + 1] = [countsAs(rec), certReason(rec)];
    }
    blocks.push({ sheet: ref.sheet, row: ref.headerRow, col, values: out });
  }
  return blocks;
}

/**
 * An exam plan as one line: "Ana Souza: a deployment exam (MB2-710, MB2-706, MB2-715); New
 * person 1: a customization exam (MB2-712, MB2-707, MB2-716)".
 * @example planText(status.examPlans.gold, "en-US")
 */
export function planText(plan: readonly PlannedExam[], locale: Locale): string {
  if (plan.length === 0) return '';
  return plan.map((p) => t(locale, 'plan.step', {
    who: p.newIndividual !== null ? t(locale, 'plan.newIndividual', { n: p.newIndividual }) : p.individual,
    role: t(locale, `role.${p.role}`),
    exams: p.exams.join(', '),
  })).join('; ');
}

/** The status table's columns, in order. */
export const STATUS_COLUMNS = [
  ['partnerId', 'status.partnerId', 'text'], ['name', 'status.name', 'text'], ['market', 'status.market', 'text'],
  ['asOf', 'status.asOf', 'date'], ['rulebook', 'status.rulebook', 'text'], ['level', 'status.level', 'text'],
  ['atRisk', 'status.atRisk', 'bool'], ['ttmRevenue', 'status.ttmRevenue', 'usd'],
  ['silverRevenueMet', 'status.silverRevenueMet', 'bool'], ['goldRevenueMet', 'status.goldRevenueMet', 'bool'],
  ['silverExamsMet', 'status.silverExamsMet', 'bool'], ['goldExamsMet', 'status.goldExamsMet', 'bool'],
  ['applicationDeployment', 'status.applicationDeployment', 'text'], ['customization', 'status.customization', 'text'],
  ['revenueToNext', 'status.revenueToNext', 'usd'], ['examPlan', 'status.examPlan', 'text'],
  ['holdsUntil', 'status.holdsUntil', 'date'], ['issues', 'status.issues', 'text'],
] as const satisfies readonly (readonly [string, MessageKey, ColumnFormat])[];

/**
 * One status row for a partner, in STATUS_COLUMNS order.
 * @example statusRow(evaluation.partners[0], evaluation, "en-US", { errors: 0, warnings: 1 })
 */
export function statusRow(p: PartnerStatus, evaluation: Evaluation, locale: Locale, counts: { errors: number; warnings: number }): OutCell[] {
  const names = (slot: string): string => p.slots.filter((s) => s.slot === slot).map((s) => s.individual).join(', ');
  const next = p.nextLevel;
  return [
    p.partnerId ?? t(locale, 'status.oneOrganisation'),
    p.name ?? '',
    t(locale, `market.${p.market}`),
    { date: evaluation.asOf },
    p.rulebook,
    t(locale, `level.${p.level}`),
    p.atRisk,
    p.ttmRevenueCents / 100,
    p.revenueMet.silver, p.revenueMet.gold, p.examsMet.silver, p.examsMet.gold,
    names('application+deployment'),
    names('customization'),
    next ? p.revenueGapCents[next] / 100 : 0,
    next ? planText(p.examPlans[next], locale) : '',
    p.holdsUntil ? { date: p.holdsUntil } : null,
    counts.errors + counts.warnings === 0 ? '' : t(locale, 'status.issueCount', counts),
  ];
}

/**
 * Errors and warnings per partner (by index), from issues whose `partner` is set.
 * @example issueCounts(issues, evaluation.partners.length)[0] // { errors: 1, warnings: 0 }
 */
export function issueCounts(issues: readonly DataIssue[], partners: number): { errors: number; warnings: number }[] {
  const counts = Array.from({ length: partners }, () => ({ errors: 0, warnings: 0 }));
  for (const i of issues) {
    const c = i.partner === undefined ? undefined : counts[i.partner];
    if (c) { if (i.severity === 'error') c.errors++; else c.warnings++; }
  }
  return counts;
}

/**
 * The three outputs of DESIGN.md 3.2.
 * @example const outputs = buildOutputs(workbook, read, evaluation, issues, "en-US"); outputs.status.rows.length
 */
export function buildOutputs(workbook: WorkbookInput, read: WorkbookRead, evaluation: Evaluation, issues: readonly DataIssue[], locale: Locale): Outputs {
  const perPartner = issueCounts(issues, evaluation.partners.length);
  const status: OutputTable = {
    sheetName: t(locale, 'sheet.status'),
    tableName: 'CompetencyStatus',
    columns: STATUS_COLUMNS.map(([key, header, format]) => ({ key, header: t(locale, header), format })),
    rows: evaluation.partners.map((p, i) => statusRow(p, evaluation, locale, perPartner[i] ?? { errors: 0, warnings: 0 })),
  };
  const issueColumns = [
    ['severity', 'issues.severity', 'text'], ['table', 'issues.table', 'text'], ['sheet', 'issues.sheet', 'text'], ['row', 'issues.row', 'int'],
    ['column', 'issues.column', 'text'], ['cell', 'issues.cell', 'text'], ['code', 'issues.code', 'text'], ['message', 'issues.message', 'text'],
  ] as const;
  const issuesTable: OutputTable = {
    sheetName: t(locale, 'sheet.issues'),
    tableName: 'CompetencyIssues',
    columns: issueColumns.map(([key, header, format]) => ({ key, header: t(locale, header), format })),
    rows: issues.map((i) => [
      t(locale, `severity.${i.severity}`),
      i.table ? t(locale, `table.${i.table}`) : '',
      i.sheet ?? '',
      i.row,
      i.column ?? '',
      i.sheet !== null && i.cell !== null ? { text: `${i.sheet}!${i.cell}`, link: { sheet: i.sheet, cell: i.cell } } : '',
      i.code,
      i.message,
    ]),
  };
  return { statusColumns: statusColumns(workbook, read, evaluation, locale), status, issues: issuesTable };
}
