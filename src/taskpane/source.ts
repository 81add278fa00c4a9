/**
 * Where the task pane's workbook comes from and goes to: Excel (through src/office), or a file
 * opened in a plain browser (read by src/xlsx in a worker, downloaded through src/xlsx/patch). The
 * app talks to this interface and never to Office.js or the file formats directly.
 */
import { wholeOutputs, type Outputs, type Run, type RunOptions, type TableSpec, type TimelineLayout, type WorkbookInput } from '../sheets';
import type { ExcelRun } from '../office/excel';
import type { WorkbookSession } from '../office/session';

/** The workbook as it changes (inside Excel: the workbook session, src/office/session.ts). */
export interface LiveSource {
  /**
   * Calls back after every evaluation that followed a change Excel reported (not after a read
   * the pane asked for), with the kinds of the input tables on the sheets read again; returns
   * the unsubscribe.
   */
  follow(onChange: (changed: readonly string[]) => void): () => void;
}

/** Progress callback: a message key's parameters. */
export type OnProgress = (done: number, total: number) => void;

/** Progress of a read-and-evaluate elsewhere: rows read, share of the file read, and the stage. */
export type OnRows = (rows: number, fraction: number, stage: 'reading' | 'evaluating') => void;

/** A workbook the task pane can evaluate. */
export interface Source {
  /** Reads every sheet. */
  /** Reads every sheet; `fresh` false: the workbook as last followed will do (a live update), no new read. */
  read(progress: OnProgress, fresh?: boolean): Promise<WorkbookInput>;
  /**
   * Reads and evaluates in one step off the page's thread (a worker, outside Excel). When present
   * the pane calls it instead of read + openRun + write; it rejects with CancelledError
   * once `signal` aborts. The outputs stay where the evaluation ran (for the download): only
   * what the pane shows comes back.
   */
  evaluate?(options: RunOptions, progress: OnRows, signal: AbortSignal): Promise<Run>;
  /** Puts the outputs in place: into Excel, or into the copy offered for download. */
  write(run: Run, progress: OnProgress): Promise<void>;
  /** Shows a cell (Excel only). */
  select?(sheet: string, cell: string): Promise<void>;
  /** The selected range, for mapping a table by hand (Excel only). */
  selection?(): Promise<Omit<TableSpec, 'kind' | 'fields'> & { header: string[] }>;
  /** Draws a partner's native line chart on the Competency Timeline sheet written last (Excel only). */
  chart?(run: Run, partnerIndex: number, title: string): Promise<void>;
  /** Saves the result workbook with its Competency Timeline in `timelineLayout` (browser only). */
  download?(timelineLayout: TimelineLayout): Promise<void>;
  /** Follows the workbook's changes (Excel only, with the workbook session). */
  live?: LiveSource;
}

/**
 * The source for the task pane inside Excel. Office.js modules are imported here only. With the
 * workbook session it reads and writes through the session and follows the workbook's changes.
 * @example const source = await excelSource(Excel.run, session)
 */
export async function excelSource(run: ExcelRun, session?: WorkbookSession): Promise<Source> {
  const office = await import(/* webpackChunkName: "excel" */ '../office/excel');
  let sheetNames: readonly string[] = [];
  let written: Outputs | null = null;
  return {
    async read(progress, fresh = true) {
      if (!session) {
        const wb = await office.readFromExcel(run, progress);
        sheetNames = wb.sheetNames;
        return wb;
      }
      // The session shared with the functions. Evaluate reads everything again (a table typed on a
      // sheet the session does not follow is found then); an update after a change reads nothing
      // more, the session being current; after an error it reads everything again.
      await session.start();
      if (fresh || session.current().kind !== 'ready') await session.refresh();
      const state = session.current();
      if (state.kind !== 'ready') throw new Error(state.kind === 'error' ? state.message : 'the workbook session has not read the workbook');
      return state.workbook;
    },
    async write(result, progress) {
      // Office.js places whole ranges: every row is made once, and kept for the chart. Through
      // the session, so the changes our writes cause start no round.
      const outputs = wholeOutputs(result.outputs());
      if (session) await session.write(outputs, progress);
      else await office.writeToExcel(run, outputs, sheetNames, progress);
      written = outputs;
    },
    ...(session ? { live: { follow: (onChange) => session.subscribe((s) => { if (s.kind === 'ready' && s.cause === 'change') onChange(s.changed); }) } satisfies LiveSource } : {}),
    async select(sheet, cell) {
      await office.selectCell(run, sheet, cell);
    },
    async chart(result, partnerIndex, title) {
      const { addTimelineChart } = await import(/* webpackChunkName: "excel-chart" */ '../office/chart');
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
