/** The result of a run: counts per level, the download (browser), and a card per partner or a searchable list. */
import type { JSX } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { Button, Divider, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import type { PartnerStatus } from '../core';
import type { Locale, Translate } from '../i18n';
import type { EvaluatedRead } from '../sheets';
import { PartnerCard } from './PartnerCard';
import { PartnerList } from './PartnerList';

/** Up to this many partners get cards; more get the searchable list. */
const CARDS_UP_TO = 12;

/** Props: the run, the UI language, and the download action (browser only). */
export interface ResultsProps {
  readonly run: EvaluatedRead;
  readonly locale: Locale;
  /** Makes and saves the result workbook, reporting its own failures (on a million rows this takes a while: the button waits). */
  readonly onDownload: (() => Promise<void>) | undefined;
  readonly t: Translate;
  /** Inside Excel: draws partner `index`'s native chart on the Competency Timeline sheet. */
  readonly onChart?: ((index: number, title: string) => Promise<void>) | undefined;
}

/** The results section. */
export function Results({ run, locale, onDownload, t, onChart }: ResultsProps): JSX.Element {
  const partners = run.evaluation.partners;
  const [open, setOpen] = useState<number | null>(null);
  const [chartError, setChartError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const download = onDownload && ((): void => {
    setDownloading(true);
    void onDownload().finally(() => setDownloading(false));
  });
  const chartFor = (i: number): (() => void) | undefined => {
    const p = partners[i];
    if (!onChart || !p) return undefined;
    const name = p.partnerId === null ? t('status.oneOrganisation') : p.name ? `${p.name} (${p.partnerId})` : p.partnerId;
    return () => {
      setChartError(null);
      onChart(i, t('ui.chart.label', { partner: name })).catch((e: unknown) => setChartError(e instanceof Error ? e.message : String(e)));
    };
  };
  // A new run closes the card opened from the list.
  useEffect(() => setOpen(null), [run]);
  const counts = useMemo(() => ({
    gold: partners.filter((p) => p.level === 'gold').length,
    silver: partners.filter((p) => p.level === 'silver').length,
    none: partners.filter((p) => p.level === 'none').length,
    risk: partners.filter((p) => p.atRisk).length,
  }), [partners]);
  const opened: PartnerStatus | undefined = open === null ? undefined : partners[open];
  return (
    <section aria-label={t('ui.summary', counts)}>
      <Text as="p" data-testid="summary">{t('ui.summary', counts)}</Text>
      {download && (
        <Button onClick={download} disabled={downloading} aria-busy={downloading} icon={downloading ? <Spinner size="tiny" /> : null} data-testid="download">
          {t('ui.download')}
        </Button>
      )}
      <Divider />
      {chartError !== null && <MessageBar intent="error"><MessageBarBody>{t('ui.error', { message: chartError })}</MessageBarBody></MessageBar>}
      {partners.length <= CARDS_UP_TO
        ? partners.map((p, i) => <PartnerCard key={i} partner={p} evaluation={run.evaluation} locale={locale} t={t} input={run.input} onChart={chartFor(i)} />)
        : opened === undefined
          ? <PartnerList partners={partners} onOpen={setOpen} t={t} />
          : (
            <>
              <Button appearance="subtle" onClick={() => setOpen(null)}>{t('ui.back')}</Button>
              <PartnerCard partner={opened} evaluation={run.evaluation} locale={locale} t={t} input={run.input} onChart={chartFor(open ?? 0)} />
            </>
          )}
    </section>
  );
}
