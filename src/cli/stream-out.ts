/**
 * --out for large inputs: ExcelJS's streaming writer, so a million-row workbook is written
 * without holding an ExcelJS object model (which needs ~2 GB per 200,000 rows). It writes the
 * input sheets' values with our status columns merged in, then the Competency Status and
 * Competency Issues sheets. What it cannot carry over is said on stderr: the input's formatting
 * and formulas (their last values are kept), and the Excel table object of the status sheet
 * (ExcelJS cannot stream one; the sheet gets a filter row instead).
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { NUMBER_FORMATS, isOutputSheet, type Cell, type OutCell, type Outputs, type WorkbookInput } from '../sheets';
import { excelValue } from '../xlsx';

/** Above this many cells in all input sheets, --out streams. */
export const STREAM_CELLS = 3_000_000;

/** Cells in a workbook's sheets. @example cellCount(workbook) > STREAM_CELLS */
export function cellCount(workbook: WorkbookInput): number {
  let n = 0;
  for (const s of workbook.sheets) for (const row of s.values) n += row ? row.length : 0;
  return n;
}

function inputValue(c: Cell): ExcelJS.CellValue {
  if (c === null || c === undefined) return null;
  if (typeof c === 'object' && !(c instanceof Date)) return { error: c.error as ExcelJS.CellErrorValue['error'] };
  return c;
}


/**
 * Writes the workbook and the outputs to a stream with the streaming writer; resolves when the
 * stream has finished, rejects on its errors.
 * @example await writeStreaming(createWriteStream("result.xlsx"), workbook, run.outputs)
 */
export async function writeStreaming(stream: Writable, workbook: WorkbookInput, outputs: Outputs): Promise<void> {
  // The stream's own errors (disk full) end the write instead of escaping as an 'error' event.
  const done = new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.once('finish', resolve);
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const writing = write(writer, workbook, outputs);
  writing.catch(() => undefined); // reported through the race below, or superseded by the stream's error
  await Promise.race([writing, done.then(() => undefined)]);
  await done;
}

async function write(writer: ExcelJS.stream.xlsx.WorkbookWriter, workbook: WorkbookInput, outputs: Outputs): Promise<void> {
  for (const sheet of workbook.sheets) {
    if (isOutputSheet(sheet.name)) continue;
    const ws = writer.addWorksheet(sheet.name);
    const blocks = outputs.statusColumns.filter((b) => b.sheet === sheet.name);
    const rows = Math.max(sheet.values.length, ...blocks.map((b) => b.row + b.values.length));
    for (let r = 0; r < rows; r++) {
      const values: ExcelJS.CellValue[] = (sheet.values[r] ?? []).map(inputValue);
      for (const b of blocks) {
        const out = b.values[r - b.row];
        if (!out) continue;
        out.forEach((v: OutCell, j) => { values[b.col + j] = excelValue(v); });
      }
      const row = ws.addRow(values);
      for (const b of blocks) if (r === b.row) for (let j = 0; j < 2; j++) row.getCell(b.col + 1 + j).font = { bold: true };
      row.commit();
    }
    ws.commit();
  }
  for (const table of outputs.tables) {
    const ws = writer.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 2), style: { numFmt: NUMBER_FORMATS[c.format] } }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const r of table.rows) ws.addRow(r.map(excelValue)).commit();
    ws.commit();
  }
  await writer.commit();
}
