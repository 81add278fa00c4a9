/**
 * The result of a run: the download (browser), the overview of every partner with its filters,
 * and the card of the partner opened from it (beside the overview when the pane is wide, below
 * it when narrow), with that partner's data issues.
 */
import type { JSX } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Field, Link, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { PartnerStatus } from '../core';
import type { Locale, Translate } from '../i18n';
import { nextStepText, type DataIssue, type Run, type TimelineLayout } from '../sheets';
import { IssuesSection } from './IssuesSection';
import { Overview, partnerTitle } from './Overview';
import { issueCounts } from './overview';
import { PartnerCard } from './PartnerCard';
import { useDownloadSpinner } from './useDownloadSpinner';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  // The layout picker shrinks with a narrow pane (its longest option is wider than 320 px in some languages).
  layout: { minWidth: 0, maxWidth: '100%' },
  // Wide panes (a browser window, Excel's pane dragged wide): the card beside the overview.
  split: {
    display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingHorizontalL,
    '@media (min-width: 960px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', alignItems: 'start' },
  },
  card: { minWidth: 0, scrollMarginTop: tokens.spacingVerticalM },
});

/** Props: the run, the UI language, and the download action (browser only). */
export interface ResultsProps {
  readonly run: Run;
  readonly locale: Locale;
  /** Makes and saves the result workbook, reporting its own failures (on a million rows this takes a while: the button waits). */
  readonly onDownload: ((timelineLayout: TimelineLayout) => Promise<void>) | undefined;
  readonly t: Translate;
  /** Inside Excel: draws partner `index`'s native chart on the Competency Timeline sheet. */
  readonly onChart?: ((index: number, title: string) => Promise<void>) | undefined;
  /** Inside Excel: selects an issue's cell. */
  readonly onSelect?: ((sheet: string, cell: string) => void) | undefined;
}

/**
 * A partner's next step as one sentence in the UI language (core's next steps, src/sheets'
 * sentence), worked out when a row or card first shows it and kept: a distributor's 10,000
 * partners cost only the rows scrolled past.
 */
function nextStepsFor(run: Run, locale: Locale): (partner: PartnerStatus) => string | null {
  const cache = new Map<PartnerStatus, string | null>();
  return (p) => {
    let text = cache.get(p);
    if (text === undefined) {
      text = nextStepText(run.nextSteps([p.partnerId])[0], locale) || null;
      cache.set(p, text);
    }
    return text;
  };
}

/** The results section. */
export function Results({ run, locale, onDownload, t, onChart, onSelect }: ResultsProps): JSX.Element {
  const s = useStyles();
  const partners = run.evaluation.partners;
  // One partner (a partner's own workbook): its card is open from the start.
  const [open, setOpen] = useState<number | null>(partners.length === 1 ? 0 : null);
  const [chartError, setChartError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const Busy = useDownloadSpinner(onDownload !== undefined);
  // The Competency Timeline of the download: wide by default, as the CLI's --out; long for pivot tables.
  const [layout, setLayout] = useState<TimelineLayout>('wide');
  const cardRef = useRef<HTMLDivElement>(null);
  const counts = useMemo(() => issueCounts(run.issuePartners, partners.length), [run, partners.length]);
  const nextStep = useMemo(() => nextStepsFor(run, locale), [run, locale]);
  // A new run closes the card opened from the list.
  useEffect(() => setOpen(partners.length === 1 ? 0 : null), [run, partners.length]);
  const download = onDownload && ((): void => {
    setDownloading(true);
    void onDownload(layout).finally(() => setDownloading(false));
  });
  const openCard = (i: number): void => {
    setOpen(i);
    // Narrow panes show the card below the list: bring it into view (after it renders).
    requestAnimationFrame(() => cardRef.current?.scrollIntoView({ block: 'start' }));
  };
  const opened: PartnerStatus | undefined = open === null ? undefined : partners[open];
  const chartFor = (i: number, p: PartnerStatus): (() => void) | undefined => onChart && (() => {
    setChartError(null);
    onChart(i, t('ui.chart.label', { partner: partnerTitle(p, t) })).catch((e: unknown) => setChartError(e instanceof Error ? e.message : String(e)));
  });
  const partnerIssues = useMemo((): DataIssue[] => (open === null ? [] : run.issues.filter((_, k) => run.issuePartners[k] === open)), [run, open]);
  return (
    <div className={s.root}>
      <div className={s.actions}>
        {download && (
          <Button onClick={download} disabled={downloading} aria-busy={downloading} icon={downloading && Busy ? <Busy /> : null} data-testid="download">
            {t('ui.download')}
          </Button>
        )}
        {download && (
          <Field className={s.layout} label={t('ui.download.timeline')}>
            <Select className={s.layout} value={layout} onChange={(_, d) => setLayout(d.value === 'long' ? 'long' : 'wide')} disabled={downloading} data-testid="timeline-layout">
              <option value="wide">{t('ui.download.timeline.wide')}</option>
              <option value="long">{t('ui.download.timeline.long')}</option>
            </Select>
          </Field>
        )}
        <Link href="#issues" data-testid="all-issues">{t('ui.overview.allIssues', { count: run.issues.length })}</Link>
      </div>
      {chartError !== null && <MessageBar intent="error"><MessageBarBody>{t('ui.error', { message: chartError })}</MessageBarBody></MessageBar>}
      <div className={s.split}>
        <Overview partners={partners} issueCounts={counts} nextStep={nextStep} opened={open} onOpen={openCard} t={t} />
        {opened && open !== null && (
          <div ref={cardRef} className={s.card}>
            <PartnerCard key={open} partner={opened} locale={locale} t={t} run={run} onChart={chartFor(open, opened)} nextStep={nextStep(opened)} />
            {partnerIssues.length > 0 && <IssuesSection issues={partnerIssues} t={t} onSelect={onSelect} partner={partnerTitle(opened, t)} />}
          </div>
        )}
      </div>
    </div>
  );
}
