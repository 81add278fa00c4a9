/**
 * A native Excel line chart of one partner's timeline, on the Competency Timeline sheet that
 * writeToExcel wrote: TTM revenue against the Silver and Gold thresholds, month by month. The
 * chart reads the sheet's cells (it is Excel's own, so it follows edits and prints with the
 * workbook); it is replaced, never duplicated, when the pane draws it again.
 */
import type { OutputTable } from '../sheets';
import type { ExcelRun } from './excel';

/** The name our chart goes by, so a later run finds and replaces it. */
export const TIMELINE_CHART = 'CompetencyTimelineChart';

/** Where in a timeline table one partner's rows are, and the columns a chart needs. */
export interface ChartRows {
  /** 0-based sheet row of the partner's first row (the header is row 0). */
  readonly firstRow: number;
  readonly rows: number;
  readonly monthCol: number;
  /** TTM revenue, then the Silver and Gold thresholds: three adjacent columns. */
  readonly firstValueCol: number;
}

/**
 * The block of a partner's rows in a timeline table (rows are grouped by partner), or null when
 * the table has no row for it. `partnerCell` is the partner-id cell as written.
 * @example chartRows(outputs.tables[2], "P1") // { firstRow: 1, rows: 37, monthCol: 2, firstValueCol: 3 }
 */
export function chartRows(table: OutputTable, partnerCell: string): ChartRows | null {
  const col = (key: string): number => table.columns.findIndex((c) => c.key === key);
  const idCol = col('partnerId'), monthCol = col('month'), ttmCol = col('ttmRevenue');
  if (idCol < 0 || monthCol < 0 || ttmCol < 0 || col('silverThreshold') !== ttmCol + 1 || col('goldThreshold') !== ttmCol + 2) return null;
  const first = table.rows.findIndex((r) => r[idCol] === partnerCell);
  if (first < 0) return null;
  let last = first;
  while (last + 1 < table.rows.length && table.rows[last + 1]?.[idCol] === partnerCell) last++;
  return { firstRow: 1 + first, rows: last - first + 1, monthCol, firstValueCol: ttmCol };
}

/**
 * Adds (or replaces) the line chart of one partner on the timeline sheet, right of the table.
 * Returns false, drawing nothing, when the table has no rows for the partner.
 * @example await addTimelineChart(Excel.run, run.outputs.tables[2], "P1", "P1 Contoso: TTM revenue")
 */
export async function addTimelineChart(run: ExcelRun, table: OutputTable, partnerCell: string, title: string): Promise<boolean> {
  const at = chartRows(table, partnerCell);
  if (!at) return false;
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(table.sheetName);
    ws.charts.load('items/name');
    await context.sync();
    for (const c of ws.charts.items) if (c.name === TIMELINE_CHART) ws.charts.getItem(c.name).delete();
    const values = ws.getRangeByIndexes(at.firstRow, at.firstValueCol, at.rows, 3);
    const months = ws.getRangeByIndexes(at.firstRow, at.monthCol, at.rows, 1);
    // Enum values as their strings, so this runs where the Excel namespace is absent (tests).
    const chart = ws.charts.add('Line' as Excel.ChartType, values, 'Columns' as Excel.ChartSeriesBy);
    chart.name = TIMELINE_CHART;
    chart.title.text = title;
    for (let i = 0; i < 3; i++) {
      const series = chart.series.getItemAt(i);
      series.name = table.columns[at.firstValueCol + i]?.header ?? '';
      series.setXAxisValues(months);
      // The thresholds are reference lines: dashed, so the revenue line stands out.
      if (i > 0) series.format.line.lineStyle = 'Dash' as Excel.ChartLineStyle;
    }
    const right = table.columns.length + 1;
    chart.setPosition(ws.getRangeByIndexes(1, right, 1, 1), ws.getRangeByIndexes(20, right + 9, 1, 1));
    await context.sync();
  });
  return true;
}
