/**
 * The pane inside Excel follows the workbook session: it reads through it (once, shared with the
 * functions), writes through it (so its writes start no round), and hears of every change Excel
 * reports, with the kinds of tables changed. Against the Excel fake.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { FakeWorkbook } from '../../test/support/fake-excel';
import { CERTS, REVENUE, delivered } from '../../test/support/live';
import { translator } from '../i18n';
import { DEBOUNCE_MS, WorkbookSession } from '../office/session';
import { openRun } from '../sheets';
import { LiveBar } from './LiveBar';
import { excelSource } from './source';
import { liveNotice } from './useEvaluation';

const T = '2018-03-15';
const t = translator('en-US');

beforeEach(() => { jest.useFakeTimers(); });
afterEach(() => { jest.useRealTimers(); });

async function setUp(): Promise<{ wb: FakeWorkbook; session: WorkbookSession; source: Awaited<ReturnType<typeof excelSource>> }> {
  const wb = FakeWorkbook.from({ Revenue: REVENUE, Certifications: CERTS, Notes: [['Call Ana on Monday']] });
  const session = new WorkbookSession({ run: wb.run, locale: 'en-US', supports: wb.supports });
  return { wb, session, source: await excelSource(wb.run, session) };
}

test('the pane reads through the session: an update after a change reads nothing more; Evaluate reads again', async () => {
  const { wb, session, source } = await setUp();
  const first = await source.read(() => undefined, false);
  const syncs = wb.syncs.length;
  const again = await source.read(() => undefined, false);
  expect(wb.syncs.length).toBe(syncs);
  expect(again).toBe(first);
  expect(session.stats.reads).toBe(1);
  // Evaluate: a table typed where the session was not looking is found.
  wb.userEdit('Notes', 'B1', 'Product');
  await source.read(() => undefined);
  expect(session.stats.reads).toBe(2);
  expect((await source.read(() => undefined, false)).sheets.find((x) => x.name === 'Notes')?.values[0]).toEqual(['Call Ana on Monday', 'Product']);
});

test('a change Excel reports reaches the pane with the tables changed; the pane\'s own read and write do not', async () => {
  const { wb, session, source } = await setUp();
  const heard: (readonly string[])[] = [];
  source.live?.follow((changed) => heard.push(changed));
  const workbook = await source.read(() => undefined);
  await source.write(openRun(workbook, { locale: 'en-US', asOf: T }), () => undefined);
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(heard).toEqual([]);
  expect(wb.values('Competency Status').length).toBeGreaterThan(1);
  wb.userEdit('Revenue', 'D2', 1000);
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(heard).toEqual([['revenue']]);
  wb.userEdit('Certifications', 'C2', 'MB2-713');
  await delivered();
  jest.advanceTimersByTime(DEBOUNCE_MS);
  await session.idle();
  expect(heard).toEqual([['revenue'], ['certifications']]);
});

test.each([
  [['revenue'], 'Revenue changed: results updated'],
  [['certifications'], 'Certifications changed: results updated'],
  [['revenue', 'certifications'], 'Sheets changed: results updated'],
  [[], 'Sheets changed: results updated'],
])('the notice after %j says "%s"', (changed, text) => {
  expect(liveNotice(changed, t)).toBe(text);
});

test('the live bar says what changed, and offers the switch and the write button', () => {
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <LiveBar notice="Revenue changed: results updated" autoWrite={false} onAutoWrite={() => undefined} onWrite={() => undefined} busy={false} t={t} />
    </FluentProvider>,
  );
  expect(html).toContain('Revenue changed: results updated');
  expect(html).toContain('aria-live="polite"');
  expect(html).toContain('Rewrite status columns and result sheets when the data changes');
  expect(html).toContain('Write results to the workbook');
});
