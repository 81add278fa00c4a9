/**
 * Where the task pane's workbook comes from and goes to: Excel (through src/office), or a file
 * opened in a plain browser (read by src/xlsx in a worker, downloaded through src/xlsx/patch). The
 * app talks to this interface and never to Office.js or the file formats directly.
 */
import type { EvaluatedRead, Outputs, TableSpec, WorkbookInput, WorkbookOptions, WorkbookRun } from '../sheets';
import type { ExcelRun } from '../office/excel';

/** Progress callback: a message key's parameters. */
export type OnProgress = (done: number, total: number) => void;

/** Progress of a read-and-evaluate elsewhere: rows read, share of the file read, and the stage. */
export type OnRows = (rows: number, fraction: number, stage: 'reading' | 'evaluating') => void;

/** Evaluate was cancelled (the pane goes back to idle, with no error). */
export class CancelledError extends Error {
  constructor() { super('cancelled'); this.name = 'CancelledError'; }
}

/** A workbook the task pane can evaluate. */
export interface Source {
  /** Reads every sheet. */
  read(progress: OnProgress): Promise<WorkbookInput>;
  /**
   * Reads and evaluates in one step off the page's thread (a worker, outside Excel). When present
   * the pane calls it instead of read + evaluateWorkbook + write; it rejects with CancelledError
   * once `signal` aborts. The outputs stay where the evaluation ran (for the download): only
   * what the pane shows comes back.
   */
  evaluate?(options: WorkbookOptions, progress: OnRows, signal: AbortSignal): Promise<EvaluatedRead>;
  /** Puts the outputs in place: into Excel, or into the copy offered for download. */
  write(run: WorkbookRun, progress: OnProgress): Promise<void>;
  /** Shows a cell (Excel only). */
  select?(sheet: string, cell: string): Promise<void>;
  /** The selected range, for mapping a table by hand (Excel only). */
  selection?(): Promise<Omit<TableSpec, 'kind' | 'fields'> & { header: string[] }>;
  /** Draws a partner's native line chart on the Competency Timeline sheet written last (Excel only). */
  chart?(run: EvaluatedRead, partnerIndex: number, title: string): Promise<void>;
  /** Saves the result workbook (browser only). */
  download?(): Promise<void>;
}

/**
 * The source for the task pane inside Excel. Office.js modules are imported here only.
 * @example const source = excelSource(Excel.run)
 */
export async function excelSource(run: ExcelRun): Promise<Source> {
  const office = await import('../office/excel');
  let sheetNames: readonly string[] = [];
  let written: Outputs | null = null;
  return {
    async read(progress) {
      const wb = await office.readFromExcel(run, progress);
      sheetNames = wb.sheetNames;
      return wb;
    },
    async write(result, progress) {
      await office.writeToExcel(run, result.outputs, sheetNames, progress);
      written = result.outputs;
    },
    async select(sheet, cell) {
      await office.selectCell(run, sheet, cell);
    },
    async chart(result, partnerIndex, title) {
      const { addTimelineChart } = await import('../office/chart');
      const table = written?.tables.find((x) => x.tableName === 'CompetencyTimeline');
      if (!table) return;
      // The timeline table holds the same number of months for every partner, in partner order.
      const perPartner = table.rows.length / Math.max(1, result.evaluation.partners.length);
      const cell = table.rows[partnerIndex * perPartner]?.[0];
      if (typeof cell === 'string') await addTimelineChart(run, table, cell, title);
    },
    async selection() {
      const s = await office.selectedRange(run);
      return {
        sheet: s.sheet, headerRow: s.rowIndex, firstCol: s.columnIndex, lastCol: s.columnIndex + s.columnCount - 1,
        header: s.header.map((h) => (h === null || h === undefined ? '' : String(h))),
      };
    },
  };
}
