/**
 * Workbooks laid out as people keep them, written by other writers than ours: openpyxl-style
 * parts (absolute targets, inline strings: test/support/xlsx.ts) and the same files saved again
 * by LibreOffice, then read back through our reader as the CLI and the pane read them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readXlsxBytes } from '../../src/xlsx/read';
import { openRun, type Run, type RunOptions } from '../../src/sheets';
import { makeXlsx, type MakeXlsxOptions, type TestCell } from './xlsx';
import { tempDir } from './tmp';

/** Sheets of a test workbook by name, in tab order. */
export type TestSheets = Readonly<Record<string, readonly (readonly TestCell[])[]>>;

/** An .xlsx as openpyxl writes one (absolute part targets, inline strings, no cached formula results unless given). */
export function openpyxlXlsx(sheets: TestSheets, options: MakeXlsxOptions = {}): Uint8Array {
  return makeXlsx(sheets, { absoluteTargets: true, ...options });
}

/**
 * The files saved again by LibreOffice (shared strings, its own styles and rels), in one soffice
 * run for all of them: what a user gets after opening a file in LibreOffice Calc and saving it.
 */
export function libreOfficeSaved(files: Readonly<Record<string, Uint8Array>>): Record<string, Uint8Array> {
  const dir = tempDir(), out = path.join(dir, 'out');
  const paths = Object.entries(files).map(([name, bytes]) => { const p = path.join(dir, `${name}.xlsx`); writeFileSync(p, bytes); return p; });
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx', '--outdir', out, ...paths], { stdio: 'pipe', timeout: 180_000 });
  return Object.fromEntries(Object.keys(files).map((name) => [name, new Uint8Array(readFileSync(path.join(out, `${name}.xlsx`)))]));
}

/** Reads an .xlsx's bytes and evaluates it (en-US, developed market unless told). */
export function evaluateXlsx(bytes: Uint8Array, options: Partial<RunOptions> = {}): Run {
  return openRun(readXlsxBytes(bytes), { locale: 'en-US', asOf: '2018-03-15', defaultMarket: 'developed', ...options });
}

/** Each partner's [id, level, TTM revenue in US$] of a run. */
export function levels(run: Run): [string | null, string, number][] {
  return run.evaluation.partners.map((p) => [p.partnerId, p.level, p.ttmRevenueCents / 100]);
}

/** A Silver team's passes (two people), as certification rows of partner `id`. */
export function silverPasses(id: string | number): TestCell[][] {
  return [[id, 'Ana Souza', 'MB2-714', '2017-09-01'], [id, 'Ana Souza', 'MB2-710', '2017-09-01'], [id, 'Bruno Lima', 'MB2-712', '2017-09-01']];
}

/** The header of silverPasses' rows. */
export const CERT_HEADER: readonly TestCell[] = ['Partner ID', 'Individual', 'Exam', 'Date passed'];
