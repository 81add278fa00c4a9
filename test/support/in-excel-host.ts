/**
 * The stand-in Excel of test/browser/in-excel.test.ts, bundled with esbuild and served in place of
 * office.js after the part of Office the page uses at start: Excel.run and the requirement sets
 * answered by test/support/fake-excel's in-memory workbook (a revenue and a certifications table),
 * so the pane evaluates, writes its sheets and draws a native chart as inside Excel, and the test
 * sees every chunk the page fetches on the way.
 */
import { FakeWorkbook } from './fake-excel';
import { CERTS, REVENUE } from './live';

interface Host { Buffer?: unknown; Excel?: unknown; Office?: { context: { requirements: { isSetSupported: unknown } } } }
const host = globalThis as unknown as Host;
// fake-excel charges each sync's size with Node's Buffer.byteLength; a page has TextEncoder.
host.Buffer ??= { byteLength: (s: string): number => new TextEncoder().encode(s).length };
const workbook = FakeWorkbook.from({ Revenue: REVENUE, Certifications: CERTS });
// chartsDrawn: the native charts in the workbook, so the test knows a chart reached Excel.
host.Excel = { run: workbook.run, get chartsDrawn(): number { return workbook.sheets.reduce((n, sheet) => n + sheet.charts.length, 0); } };
if (host.Office) host.Office.context.requirements.isSetSupported = workbook.supports;
