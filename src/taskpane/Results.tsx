/** The result of a run: counts per level, the download (browser), and a card per partner or a searchable list. */
import type { JSX } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { Button, Divider, Text } from '@fluentui/react-components';
import type { PartnerStatus } from '../core';
import type { Locale, Translate } from '../i18n';
import type { WorkbookRun } from '../sheets';
import { PartnerCard } from './PartnerCard';
import { PartnerList } from './PartnerList';

/** Up to this many partners get cards; more get the searchable list. */
const CARDS_UP_TO = 12;

/** Props: the run, the UI language, and the download action (browser only). */
export interface ResultsProps {
  readonly run: WorkbookRun;
  readonly locale: Locale;
  readonly onDownload: (() => void) | undefined;
  readonly t: Translate;
}

/** The results section. */
export function Results({ run, locale, onDownload, t }: ResultsProps): JSX.Element {
  const partners = run.evaluation.partners;
  const [open, setOpen] = useState<number | null>(null);
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
      {onDownload && <Button onClick={onDownload} data-testid="download">{t('ui.download')}</Button>}
      <Divider />
      {partners.length <= CARDS_UP_TO
        ? partners.map((p, i) => <PartnerCard key={i} partner={p} evaluation={run.evaluation} locale={locale} t={t} />)
        : opened === undefined
          ? <PartnerList partners={partners} onOpen={setOpen} t={t} />
          : (
            <>
              <Button appearance="subtle" onClick={() => setOpen(null)}>{t('ui.back')}</Button>
              <PartnerCard partner={opened} evaluation={run.evaluation} locale={locale} t={t} />
            </>
          )}
    </section>
  );
}
