/**
 * Many partners: a search box and a windowed list (only the visible rows are rendered, so a
 * distributor's thousands of resellers scroll smoothly). Choosing one shows its card.
 */
import type { JSX } from 'react';
import { useMemo, useState } from 'react';
import { Badge, Button, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PartnerStatus } from '../core';
import type { Translate } from '../i18n';

const ROW = 40;
const HEIGHT = 360;

const useStyles = makeStyles({
  viewport: { height: `${HEIGHT}px`, overflowY: 'auto', position: 'relative', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  row: { position: 'absolute', left: 0, right: 0, height: `${ROW}px`, display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: `0 ${tokens.spacingHorizontalS}`, boxSizing: 'border-box', borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', textAlign: 'left' },
});

/** Props. */
export interface PartnerListProps {
  readonly partners: readonly PartnerStatus[];
  readonly onOpen: (index: number) => void;
  readonly t: Translate;
}

/** The list. */
export function PartnerList({ partners, onOpen, t }: PartnerListProps): JSX.Element {
  const s = useStyles();
  const [query, setQuery] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = partners.map((p, i) => i);
    return q === '' ? all : all.filter((i) => {
      const p = partners[i] as PartnerStatus;
      return (p.partnerId ?? '').toLowerCase().includes(q) || (p.name ?? '').toLowerCase().includes(q);
    });
  }, [partners, query]);
  const first = Math.max(0, Math.floor(scrollTop / ROW) - 5);
  const last = Math.min(matches.length, Math.ceil((scrollTop + HEIGHT) / ROW) + 5);
  return (
    <div>
      <Input type="search" placeholder={t('ui.search')} aria-label={t('ui.search')} value={query} onChange={(_, d) => { setQuery(d.value); setScrollTop(0); }} style={{ width: '100%' }} data-testid="search" />
      <Text size={200} as="p" aria-live="polite">{t('ui.count', { shown: matches.length, count: partners.length })}</Text>
      <div className={s.viewport} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} role="list" data-testid="partner-list">
        <div style={{ height: `${matches.length * ROW}px` }} />
        {matches.slice(first, last).map((i, k) => {
          const p = partners[i] as PartnerStatus;
          return (
            <div key={i} className={s.row} style={{ top: `${(first + k) * ROW}px` }} role="listitem">
              <Button appearance="transparent" className={s.name} onClick={() => onOpen(i)}>
                {p.partnerId ?? t('status.oneOrganisation')}{p.name ? ` ${p.name}` : ''}
              </Button>
              <span>
                {p.atRisk && <Badge appearance="outline" color="danger" style={{ marginRight: 4 }}>{t('ui.card.atRisk')}</Badge>}
                <Badge appearance="filled" color={p.level === 'gold' ? 'warning' : p.level === 'silver' ? 'informative' : 'subtle'}>{t(`level.${p.level}`)}</Badge>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
