/** Runs the CLI in-process with captured output, and other helpers for end-to-end tests. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { workbookInput } from './exceljs';
import type { Cell } from '../../src/sheets';
import { tempDir } from './tmp';
import { expectSchemaValid } from './json-schema';

/** What one CLI run printed and returned. */
export interface CliRun { code: number; stdout: string; stderr: string }

/**
 * Runs `competency <args>` in this process. Every --json document it prints is checked against
 * docs/competency.schema.json (a run that does not fit throws).
 */
export async function runCli(args: string[], stderrIsTty = false): Promise<CliRun> {
  let stdout = '', stderr = '';
  const code = await main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, stderrIsTty, today: () => '2018-03-15' });
  if (code === 0 && args.includes('--json') && !args.includes('--help')) expectSchemaValid(stdout);
  return { code, stdout, stderr };
}

export { removeTempDirs, tempDir } from './tmp';

/** Writes an .xlsx with the given sheets of values. */
export async function writeWorkbook(file: string, sheets: Record<string, unknown[][]>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  await wb.xlsx.writeFile(file);
}

/** Every sheet's values of an .xlsx, read back with ExcelJS (in memory). */
export async function readBack(file: string): Promise<Record<string, Cell[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return Object.fromEntries(workbookInput(wb).sheets.map((s) => [s.name, s.values as Cell[][]]));
}

/**
 * Converts every sheet of an .xlsx to CSV with LibreOffice (an independent client reading our
 * file) and returns the CSV text by sheet name.
 */
export function libreOfficeCsv(file: string): Record<string, string> {
  const out = tempDir();
  execFileSync('soffice', [
    `-env:UserInstallation=file://${out}/profile`, '--headless',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
    '--outdir', out, file,
  ], { stdio: 'pipe', timeout: 120_000 });
  const base = path.basename(file, path.extname(file));
  const result: Record<string, string> = {};
  for (const f of readdirSync(out)) {
    if (f.startsWith(`${base}-`) && f.endsWith('.csv')) result[f.slice(base.length + 1, -4)] = readFileSync(path.join(out, f), 'utf8');
  }
  return result;
}
