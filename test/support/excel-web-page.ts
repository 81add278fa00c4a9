/**
 * The page side of test/support/excel-web.ts, bundled with esbuild: the adapter's real read and
 * write paths, run through `new Excel.RequestContext(url)` of the real Excel web script.
 */
import { readFromExcel, writeToExcel, type ExcelRun } from '../../src/office/excel';
import { openRun, wholeOutputs } from '../../src/sheets';
import type { Locale } from '../../src/i18n';
import { WorkbookSession } from '../../src/office/session';
import { liveLevel, streamFrom } from '../../src/functions/live';

async function run(url: string, asOf: string, locale: string): Promise<unknown> {
  const excel: ExcelRun = (batch) => batch(new Excel.RequestContext(url));
  const workbook = await readFromExcel(excel);
  const readRows = workbook.sheets.reduce((n, s) => n + s.values.length, 0);
  const result = openRun(workbook, { locale: locale as Locale, asOf });
  const outputs = wholeOutputs(result.outputs());
  const [status, issues] = outputs.tables;
  await fetch('/phase?name=write');
  const writeEstimates: number[] = [];
  await writeToExcel(excel, outputs, workbook.sheetNames, undefined, (sync) => writeEstimates.push(sync.estimatedRequestBytes));
  return {
    issues: result.issues.length,
    partners: result.evaluation.partners.length,
    statusRows: status?.rows.length,
    issueRows: issues?.rows.length,
    issueLinks: (issues?.rows ?? []).reduce((n, row) => n + row.filter((c) => c !== null && typeof c === 'object' && 'link' in c).length, 0),
    writeEstimates,
    readRows,
    sheetsRead: workbook.sheets.map((s) => s.name),
    hiddenSheets: workbook.hiddenSheets,
    hiddenWarnings: result.issues.filter((i) => i.code === 'workbook.hidden-sheets').map((i) => i.message),
  };
}

/** One user edit: the cell the server changes, and the event Excel would deliver for it. */
interface LiveEdit { readonly sheet: string; readonly row: number; readonly col: number; readonly value: number; readonly worksheetId: string; readonly address: string }

const bytes = (v: unknown): number => new TextEncoder().encode(JSON.stringify(v) ?? '').length;
const later = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The workbook session with one streaming MPN.PARTNER.LEVEL per partner: the first evaluation
 * (phase live-read), then one edited cell delivered as Excel's onChanged event (phase live-edit).
 * The harness answers requests, not events, so the session registers none and the event is
 * handed to it as Excel would deliver it. What the formulas push is counted here (Excel's
 * custom-function channel is not part of the harness).
 */
async function live(url: string, asOf: string, locale: string, partners: readonly string[], edit: LiveEdit): Promise<unknown> {
  const excel: ExcelRun = (batch) => batch(new Excel.RequestContext(url));
  await fetch('/phase?name=live-read');
  const session = new WorkbookSession({ run: excel, locale: locale as Locale, listen: false, debounceMs: 0 });
  const ctx = { locale: locale as Locale, today: () => asOf };
  const pushed = { count: 0, bytes: 0 };
  const cells = partners.map((id) => {
    const values: unknown[] = [];
    const setResult = (v: unknown): void => { values.push(v); pushed.count++; pushed.bytes += bytes(v instanceof Error ? v.message : v); };
    streamFrom(session, { setResult }, (s) => liveLevel(s, id, null, asOf, ctx), (e) => (e instanceof Error ? e : new Error(String(e))));
    return values;
  });
  await session.idle();
  const first = { ...pushed, shown: cells.filter((v) => typeof v[v.length - 1] === 'string').length, evaluations: session.stats.evaluations, sheetsRead: session.stats.sheetsRead };
  const before = cells[0]?.[cells[0].length - 1];
  await fetch('/phase?name=live-edit');
  await fetch(`/edit?sheet=${encodeURIComponent(edit.sheet)}&row=${edit.row}&col=${edit.col}&value=${edit.value}`);
  pushed.count = 0; pushed.bytes = 0;
  session.deliver({ kind: 'changed', worksheetId: edit.worksheetId, address: edit.address });
  await later(20);
  await session.idle();
  const after = cells[0]?.[cells[0].length - 1];
  return { first, edit: { ...pushed, sheetsRead: session.stats.sheetsRead, evaluations: session.stats.evaluations }, before, after };
}

(window as unknown as { harness: unknown }).harness = { run, live };
