/**
 * The overview: one compact row per partner (name, level, at risk, holds-until, next step, its
 * data issues), the counts as filter buttons, filters and sorts, and a row opens its card. The
 * rows are a listbox the arrow keys move through, windowed by hand (only the visible rows are in
 * the page), so 10,000 partners scroll and filter smoothly with no list library in the bundle.
 */
import type { JSX, KeyboardEvent } from 'react';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, Field, Input, Select, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Level, PartnerStatus } from '../core';
import type { Translate } from '../i18n';
import { NO_FILTER, countPartners, isCloseToNextLevel, visiblePartners, type OverviewFilter, type OverviewSort } from './overview';
import { Pill } from './Pill';

/** Each row's height in px: two lines of text. */
const ROW = 56;
/** Rows shown without scrolling the list. */
const ROWS_SHOWN = 10;
/** Rows rendered beyond the visible ones, above and below. */
const OVERSCAN = 6;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  control: { minWidth: 0, width: '100%' },
  viewport: {
    overflowY: 'auto', overflowX: 'hidden', position: 'relative', border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  row: {
    position: 'absolute', left: 0, right: 0, height: `${ROW}px`, boxSizing: 'border-box', cursor: 'pointer',
    display: 'flex', flexDirection: 'column', justifyContent: 'center', gap: '2px',
    padding: `0 ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  // An outline, not a fill: the badges' text keeps its contrast on the row's own background.
  active: { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  opened: { borderLeft: `4px solid ${tokens.colorBrandStroke1}` },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  name: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
  detail: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});


/** Props: the partners, their data-issue counts, the next step of each (or null), and what opens a card. */
export interface OverviewProps {
  readonly partners: readonly PartnerStatus[];
  readonly issueCounts: Uint32Array;
  readonly nextStep: (partner: PartnerStatus) => string | null;
  /** The partner whose card is open (index into partners), or null. */
  readonly opened: number | null;
  readonly onOpen: (index: number) => void;
  readonly t: Translate;
}

/** A partner as the overview names it. */
export const partnerTitle = (p: PartnerStatus, t: Translate): string => (p.partnerId === null ? t('status.oneOrganisation') : p.name ? `${p.name} (${p.partnerId})` : p.partnerId);

/** The overview section. */
export function Overview({ partners, issueCounts, nextStep, opened, onOpen, t }: OverviewProps): JSX.Element {
  const s = useStyles();
  const [filter, setFilter] = useState<OverviewFilter>(NO_FILTER);
  // Typing and ticking stay immediate; the (possibly 10,000-row) list follows when it can.
  const deferred = useDeferredValue(filter);
  const rows = useMemo(() => visiblePartners(partners, deferred), [partners, deferred]);
  const counts = useMemo(() => countPartners(partners), [partners]);
  const closeCount = useMemo(() => partners.filter(isCloseToNextLevel).length, [partners]);
  const change = (next: Partial<OverviewFilter>): void => setFilter((old) => ({ ...old, ...next }));
  const levelButton = (level: Level, count: number): JSX.Element => (
    <Button size="small" appearance={filter.level === level ? 'primary' : 'outline'} aria-pressed={filter.level === level} onClick={() => change({ level: filter.level === level ? 'all' : level })} data-testid={`count-${level}`}>
      {t(`ui.counts.${level}`, { count })}
    </Button>
  );
  return (
    <section className={s.root} aria-label={t('ui.overview')} data-testid="overview">
      <Text as="h2" size={400} weight="semibold">{t('ui.overview')}</Text>
      <Text as="p" className={s.hidden} data-testid="summary" aria-live="polite">{t('ui.summary', { ...counts })}</Text>
      <div className={s.counts} role="group" aria-label={t('ui.summary', { ...counts })}>
        {levelButton('gold', counts.gold)}
        {levelButton('silver', counts.silver)}
        {levelButton('none', counts.none)}
        <Button size="small" appearance={filter.atRiskOnly ? 'primary' : 'outline'} aria-pressed={filter.atRiskOnly} onClick={() => change({ atRiskOnly: !filter.atRiskOnly })} data-testid="count-risk">
          {t('ui.counts.risk', { count: counts.risk })}
        </Button>
      </div>
      <Filters filter={filter} onChange={change} closeCount={closeCount} t={t} />
      <Text size={200} as="p" aria-live="polite" data-testid="shown">{t('ui.count', { shown: rows.length, count: partners.length })}</Text>
      <Rows rows={rows} partners={partners} issueCounts={issueCounts} nextStep={nextStep} opened={opened} onOpen={onOpen} t={t} />
    </section>
  );
}

/** Search, level, at risk, close to the next level, and the order. */
function Filters({ filter, onChange, closeCount, t }: { filter: OverviewFilter; onChange: (f: Partial<OverviewFilter>) => void; closeCount: number; t: Translate }): JSX.Element {
  const s = useStyles();
  return (
    <div className={s.filters}>
      <Field label={t('ui.search')}>
        <Input className={s.control} type="search" value={filter.query} onChange={(_, d) => onChange({ query: d.value })} data-testid="search" />
      </Field>
      <Field label={t('ui.filter.level')}>
        <Select className={s.control} value={filter.level} onChange={(_, d) => onChange({ level: d.value as Level | 'all' })} data-testid="filter-level">
          <option value="all">{t('ui.filter.allLevels')}</option>
          <option value="gold">{t('level.gold')}</option>
          <option value="silver">{t('level.silver')}</option>
          <option value="none">{t('level.none')}</option>
        </Select>
      </Field>
      <Field label={t('ui.sort')}>
        <Select className={s.control} value={filter.sort} onChange={(_, d) => onChange({ sort: d.value as OverviewSort })} data-testid="sort">
          <option value="holds-until">{t('ui.sort.holdsUntil')}</option>
          <option value="revenue-gap">{t('ui.sort.revenueGap')}</option>
          <option value="name">{t('ui.sort.name')}</option>
        </Select>
      </Field>
      <Checkbox checked={filter.atRiskOnly} onChange={(_, d) => onChange({ atRiskOnly: d.checked === true })} label={t('ui.filter.atRisk')} data-testid="filter-risk" />
      <Checkbox checked={filter.closeOnly} onChange={(_, d) => onChange({ closeOnly: d.checked === true })} label={t('ui.filter.close', { count: closeCount })} data-testid="filter-close" />
    </div>
  );
}

interface RowsProps extends Omit<OverviewProps, 'partners'> {
  readonly rows: readonly number[];
  readonly partners: readonly PartnerStatus[];
}

/** The windowed listbox of rows: arrows, Home, End, Page Up/Down move; Enter or Space opens. */
function Rows({ rows, partners, issueCounts, nextStep, opened, onOpen, t }: RowsProps): JSX.Element {
  const s = useStyles();
  const id = useId();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const height = Math.max(1, Math.min(rows.length, ROWS_SHOWN)) * ROW + 2;
  // New rows (a filter changed): back to the top.
  useEffect(() => { setActive(0); setScrollTop(0); if (viewport.current) viewport.current.scrollTop = 0; }, [rows]);
  const moveTo = (k: number): void => {
    const next = Math.max(0, Math.min(rows.length - 1, k));
    setActive(next);
    const el = viewport.current;
    if (!el) return;
    // Keep the active row in view (it must be rendered for aria-activedescendant to name it).
    if (next * ROW < el.scrollTop) el.scrollTop = next * ROW;
    else if ((next + 1) * ROW > el.scrollTop + el.clientHeight) el.scrollTop = (next + 1) * ROW - el.clientHeight;
    setScrollTop(el.scrollTop);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const page = ROWS_SHOWN - 1;
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: rows.length - 1, PageDown: active + page, PageUp: active - page };
    const to = moves[e.key];
    if (to !== undefined) { e.preventDefault(); moveTo(to); return; }
    if ((e.key === 'Enter' || e.key === ' ') && rows[active] !== undefined) { e.preventDefault(); onOpen(rows[active] as number); }
  };
  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const optionId = (k: number): string => `${id}-row-${k}`;
  if (rows.length === 0) return <Text as="p" data-testid="no-rows">{t('ui.overview.none')}</Text>;
  return (
    <div
      ref={viewport} className={s.viewport} style={{ height: `${height}px` }} role="listbox" tabIndex={0}
      aria-label={t('ui.overview')} aria-activedescendant={optionId(active)} data-testid="partner-list"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onKeyDown={onKeyDown}
    >
      <div style={{ height: `${rows.length * ROW}px` }} />
      {rows.slice(first, last).map((i, k) => {
        const p = partners[i] as PartnerStatus;
        const row = first + k;
        const step = nextStep(p);
        const issues = issueCounts[i] ?? 0;
        const when = p.holdsUntil ? t('ui.overview.holdsUntil', { date: p.holdsUntil }) : t('ui.overview.noLevel');
        return (
          <div
            key={i} id={optionId(row)} role="option" aria-selected={opened === i} data-testid="partner-row" data-partner={p.partnerId ?? ''}
            className={mergeClasses(s.row, row === active && s.active, opened === i && s.opened)} style={{ top: `${row * ROW}px` }}
            onClick={() => { setActive(row); onOpen(i); }}
          >
            <span className={s.line}>
              <span className={s.name}>{partnerTitle(p, t)}</span>
              {p.atRisk && <Pill kind="risk" size="small" data-testid="row-risk">{t('ui.card.atRisk')}</Pill>}
              <Pill kind={p.level} size="small" data-testid="row-level">{t(`level.${p.level}`)}</Pill>
            </span>
            <span className={s.line}>
              <span className={s.detail}>{step === null ? when : `${when} · ${step}`}</span>
              {issues > 0 && <Pill kind="issues" size="small" data-testid="row-issues">{t('ui.overview.issues', { count: issues })}</Pill>}
            </span>
          </div>
        );
      })}
    </div>
  );
}
