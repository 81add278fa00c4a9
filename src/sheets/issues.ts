/**
 * Data issues: a cell (or a table) that could not be used as it is. An error drops its row; a
 * warning keeps it with a stated assumption. Codes are stable (tests and users may key on them);
 * messages are translated.
 */
import type { TableKind } from './headers';

/** Every data issue code. */
export const ISSUE_CODES = [
  'table.revenue-missing',
  'table.certifications-missing',
  'workbook.hidden-sheets',
  'column.attribution-missing',
  'column.partner-empty',
  'column.amount-currency',
  'column.amount-chosen',
  'cell.formula-error',
  'cell.formula-no-result',
  'cell.formula-error-kept',
  'date.empty',
  'date.invalid',
  'date.1900-02-29',
  'date.order-ambiguous',
  'amount.empty',
  'amount.invalid',
  'product.empty',
  'product.unknown',
  'mapping.counts-empty',
  'mapping.counts-invalid',
  'individual.empty',
  'individual.spelling',
  'individual.ambiguous',
  'exam.empty',
  'exam.before-available',
  'partner.empty',
  'attribution.empty',
  'attribution.invalid',
  'attribution.not-accepted',
  'active.invalid',
  'market.invalid',
  'partner.duplicate',
  'partner.spelling',
  'market.assumed-developed',
  'rulebook.before-first',
  'as-of.no-counted-revenue',
] as const;

/** A data issue code. */
export type IssueCode = (typeof ISSUE_CODES)[number];

/** One data issue, pointing at the cell to fix. Rows are 1-based as Excel shows them. */
export interface DataIssue {
  readonly severity: 'error' | 'warning';
  readonly table: TableKind | null;
  readonly sheet: string | null;
  readonly row: number | null;
  /** The column's header text. */
  readonly column: string | null;
  /** A1 address on `sheet`. */
  readonly cell: string | null;
  readonly code: IssueCode;
  readonly message: string;
  /**
   * Set by the evaluation for issues whose partner is not the partner of their row (an unknown
   * product belongs to the partner selling it, -1 when several do). Otherwise issuePartners
   * finds the partner from the row.
   */
  readonly partner?: number;
  /**
   * The partner id read from the issue's row, when its partner cell is readable: the row's
   * partner even when the row is dropped (issuePartners falls back to it).
   */
  readonly partnerId?: string;
}
