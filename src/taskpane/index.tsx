/**
 * Task pane entry: finds out whether it runs inside Excel (Office.onReady reports the host) or
 * in a plain browser (no host, or office.js could not load at all, as when offline), picks the
 * language, and renders the app with the matching workbook source.
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider } from '@fluentui/react-components';
import { paneTheme } from './theme';
import { loadLocale } from '../i18n';
import { chooseLanguage } from './language';
import { App } from './App';
import { isoFromLocalDate } from '../core';
import type { Source } from './source';

async function host(): Promise<{ excel: boolean; language: string | undefined }> {
  if (typeof Office === 'undefined') return { excel: false, language: undefined };
  // In a plain browser office.js still loads and onReady resolves with no host; give up after a
  // few seconds in case it never does.
  const info = await Promise.race([Office.onReady(), new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
  const excel = info !== null && info.host === Office.HostType.Excel;
  return { excel, language: excel ? Office.context.displayLanguage : undefined };
}

async function start(): Promise<void> {
  const el = document.getElementById('root');
  if (!el) return;
  const params = new URLSearchParams(window.location.search);
  const { excel, language } = await host();
  // ?lang=, else the language picked before, else Office's display language, else the browser's.
  const locale = chooseLanguage(params.get('lang'), language, navigator.language);
  document.documentElement.lang = locale;
  // The pane's language is a chunk of its own (src/i18n/catalogues.lazy.ts); English if it fails.
  const loading = loadLocale(locale).catch(() => loadLocale('en-US')).catch(() => undefined);
  let source: Source | null = null;
  let initialFileName: string | undefined;
  if (excel) {
    const { excelSource } = await import(/* webpackChunkName: "excel" */ './source');
    // The workbook session the custom functions share (one per workbook in the shared runtime).
    const { WorkbookSession, sharedSession } = await import(/* webpackChunkName: "excel" */ '../office/session');
    const session = sharedSession(() => new WorkbookSession({ run: (batch) => Excel.run(batch), locale, supports: (set, version) => Office.context.requirements.isSetSupported(set, version) }));
    source = await excelSource((batch) => Excel.run(batch), session);
  } else if (params.get('sample') !== null) {
    // The sample workbook, for trying the pane outside Excel (npm start prints this address).
    const { fileSource } = await import(/* webpackChunkName: "browser-file" */ './fileSource');
    const file = await (await fetch('assets/sample-distributor.xlsx')).blob();
    source = await fileSource([{ name: 'sample-distributor.xlsx', blob: file }]);
    initialFileName = 'sample-distributor.xlsx';
  }
  const openFile = async (files: readonly File[]): Promise<Source> => {
    const { checkFiles, fileSource } = await import(/* webpackChunkName: "browser-file" */ './fileSource');
    // Checked as they are chosen (a picture is refused now, not after Evaluate), before any copy.
    await checkFiles(files.map((f) => ({ name: f.name, blob: f })));
    // A snapshot, as Excel opens a copy: saving the file again later does not change (or break)
    // what this pane evaluates. Blob bytes live outside the JS heap, and the worker gets a handle.
    return fileSource(await Promise.all(files.map(async (f) => ({ name: f.name, blob: new Blob([await f.arrayBuffer()], { type: f.type }) }))));
  };
  await loading;
  createRoot(el).render(
    <FluentProvider theme={paneTheme}>
      <App
        locale={locale}
        initialAsOf={params.get('asOf') ?? isoFromLocalDate(new Date())}
        mode={excel ? 'excel' : 'browser'}
        source={source}
        openFile={openFile}
        {...(initialFileName ? { initialFileName, autoEvaluate: true } : {})}
      />
    </FluentProvider>,
  );
}

void start();
