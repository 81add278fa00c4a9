/**
 * The task pane (docs/rules.md describes what it evaluates): settings, Evaluate with progress,
 * one card per partner or a searchable list, and the data issues, each selecting its cell. Runs
 * inside Excel and in a plain browser on an opened file; only the Source differs. State and
 * actions live in useEvaluation; this file only lays out the sections.
 */
import type { JSX } from 'react';
import { useEffect, useMemo, useRef } from 'react';
import { Button, Field, MessageBar, MessageBarBody, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { translator, type Locale } from '../i18n';
import { LanguagePicker, useLanguage } from './LanguagePicker';
import { OpenWorkbook } from './OpenWorkbook';
// What shows only after a run (or for mapping a table) is a chunk fetched when an evaluation
// starts, not with the page (src/taskpane/sections.tsx).
import { AsOfHint, IssuesSection, LiveBar, MappingForm, NoTables, Results, TablesFound, preloadRunSections } from './sections';
import { SettingsForm } from './SettingsForm';
import { useEvaluation } from './useEvaluation';
import type { Source } from './source';

const useStyles = makeStyles({
  // The whole width: one column in Excel's pane (320-350 px), the overview and a card side by
  // side when wide (Results). minWidth 0 lets long content shrink instead of widening the page.
  root: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0, maxWidth: '1600px', boxSizing: 'border-box' },
});

/** Props: the UI language, the initial as-of date, and how to get a workbook. */
export interface AppProps {
  readonly locale: Locale;
  readonly initialAsOf: string;
  /** Inside Excel, or in a plain browser (where the user opens a file). */
  readonly mode: 'excel' | 'browser';
  /** The workbook source: Excel's; outside Excel, null until a file is opened. */
  readonly source: Source | null;
  /** Opens a file outside Excel. */
  readonly openFile?: (files: readonly File[]) => Promise<Source>;
  /** A file opened at start (the sample, from ?sample=1). */
  readonly initialFileName?: string;
  /** Evaluates the source once at start (?sample=1: the sample answers at once). */
  readonly autoEvaluate?: boolean;
}

/** The app. */
export function App(props: AppProps): JSX.Element {
  const s = useStyles();
  // Numbers in the locale's style everywhere on screen ("200.000" in German).
  const [locale, pickLocale] = useLanguage(props.locale);
  const t = useMemo(() => translator(locale, 'grouped'), [locale]);
  const state = useEvaluation({
    locale, t, initialAsOf: props.initialAsOf, source: props.source, initialFileName: props.initialFileName, openFile: props.openFile,
  });
  const { source, phase, run } = state;
  const { evaluate } = state;
  const started = useRef(false);
  useEffect(() => {
    if (!props.autoEvaluate || started.current || !source) return;
    started.current = true;
    void evaluate();
  }, [props.autoEvaluate, source, evaluate]);
  // The sections a run shows come while the workbook is read (src/taskpane/sections.tsx).
  useEffect(() => {
    if (phase.kind === 'working') void preloadRunSections().catch(() => undefined);
  }, [phase.kind]);
  const download = source?.download;
  const select = source?.select;
  const chart = source?.chart;
  const onSelect = select ? (sheet: string, cell: string): void => void select.call(source, sheet, cell) : undefined;

  return (
    <main className={s.root}>
      <Text as="h1" size={500} weight="semibold">{t('ui.title')}</Text>
      <LanguagePicker locale={locale} onChange={pickLocale} disabled={state.busy} t={t} />

      {props.mode === 'browser' && <OpenWorkbook fileName={state.fileName} onOpen={(files) => void state.openFile(files)} t={t} />}

      <SettingsForm settings={state.settings} onChange={state.setSettings} canEvaluate={!state.busy && source !== null} onEvaluate={() => void state.evaluate()} t={t} />

      {phase.kind === 'working' && (
        <Field validationMessage={phase.label} validationState="none" aria-live="polite">
          <ProgressBar {...(phase.value !== undefined ? { value: phase.value } : {})} aria-label={phase.label} data-testid="progress" />
          {phase.cancellable && <Button onClick={state.cancel} data-testid="cancel">{t('ui.cancel')}</Button>}
        </Field>
      )}
      {phase.kind === 'error' && <MessageBar intent="error"><MessageBarBody>{t('ui.error', { message: phase.message })}</MessageBarBody></MessageBar>}

      {run && (
        <>
          <AsOfHint evaluation={run.evaluation} locale={locale} disabled={state.busy} onApply={(asOf) => void state.evaluate(asOf)} t={t} />
          {source?.live && <LiveBar notice={state.liveNotice} autoWrite={state.autoWrite} onAutoWrite={state.setAutoWrite} onWrite={() => void state.writeResults()} busy={state.busy} t={t} />}
          {run.read.missing.length > 0 && <NoTables missing={run.read.missing} locale={locale} offerTemplate={props.mode === 'browser'} t={t} />}
          <TablesFound read={run.read} onMap={source?.selection ? (kind) => void state.startMapping(kind) : undefined} t={t} />
          {state.downloadError !== null && <MessageBar intent="error" data-testid="download-error"><MessageBarBody>{t('ui.error', { message: state.downloadError })}</MessageBarBody></MessageBar>}
          {run.read.missing.length === 0 && (
            <Results run={run} locale={locale} onDownload={props.mode === 'browser' && download ? (layout) => state.download(layout) : undefined} t={t}
              onChart={chart ? (i, title) => chart.call(source, run, i, title) : undefined} onSelect={onSelect} />
          )}
          {/* Without its tables nothing was evaluated: only what reading found (no "no market" for a partner that is not there). */}
          <IssuesSection issues={run.read.missing.length === 0 ? run.issues : run.read.issues} t={t} onSelect={onSelect} />
        </>
      )}

      {state.mapping && <MappingForm mapping={state.mapping} t={t} onDone={state.applyMapping} />}
    </main>
  );
}
