/**
 * The task pane (DESIGN.md 4.3): settings, Evaluate with progress, one card per partner or a
 * searchable list, and the data issues, each selecting its cell. Runs inside Excel and in a
 * plain browser on an opened file; only the Source differs.
 */
import type { JSX } from 'react';
import { useCallback, useMemo, useRef, useState } from 'react';
import {
  Button, Divider, Field, Input, Link, MessageBar, MessageBarBody, ProgressBar, Select, Text, makeStyles, tokens,
} from '@fluentui/react-components';
import { builtInRulebooks, type Market } from '../core';
import { translator, type Locale, type MessageKey } from '../i18n';
import { evaluateWorkbook, type DataIssue, type Field as TableField, type TableKind, type TableSpec, type WorkbookInput, type WorkbookRun } from '../sheets';
import { PartnerCard } from './PartnerCard';
import { PartnerList } from './PartnerList';
import type { Source } from './source';

/** Up to this many partners get cards; more get the searchable list. */
const CARDS_UP_TO = 12;
/** Issues listed in the pane; the sheet holds all of them. */
const ISSUES_SHOWN = 200;

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  settings: { display: 'grid', gridTemplateColumns: '1fr', gap: tokens.spacingVerticalS },
  drop: { border: `2px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, textAlign: 'center' },
  dropActive: { backgroundColor: tokens.colorNeutralBackground2 },
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly label: string; readonly value?: number }
  | { readonly kind: 'done'; readonly run: WorkbookRun }
  | { readonly kind: 'error'; readonly message: string };

const REQUIRED_FIELDS: Readonly<Record<'revenue' | 'certifications', readonly TableField[]>> = {
  revenue: ['partnerId', 'product', 'date', 'amount', 'attribution'],
  certifications: ['partnerId', 'name', 'exam', 'datePassed', 'active'],
};

/** Props: the UI language, the initial as-of date, and how to get a workbook. */
export interface AppProps {
  readonly locale: Locale;
  readonly initialAsOf: string;
  /** Inside Excel, or in a plain browser (where the user opens a file). */
  readonly mode: 'excel' | 'browser';
  /** The workbook source: Excel's; outside Excel, null until a file is opened. */
  readonly source: Source | null;
  /** Opens a file outside Excel. */
  readonly openFile?: (file: File) => Promise<Source>;
  /** A file opened at start (the sample, from ?sample=1). */
  readonly initialFileName?: string;
}

/** The app. */
export function App(props: AppProps): JSX.Element {
  const s = useStyles();
  const t = useMemo(() => translator(props.locale), [props.locale]);
  const [source, setSource] = useState<Source | null>(props.source);
  const [fileName, setFileName] = useState<string | undefined>(props.initialFileName);
  const [asOf, setAsOf] = useState(props.initialAsOf);
  const [market, setMarket] = useState<'' | Market>('');
  const [rulebook, setRulebook] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [open, setOpen] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const [tables, setTables] = useState<TableSpec[]>([]);
  const [mapping, setMapping] = useState<(TableSpec & { header: string[] }) | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const evaluate = useCallback(async (src: Source | null = source) => {
    if (!src) return;
    try {
      setOpen(null);
      setPhase({ kind: 'working', label: t('ui.progress.reading', { done: 0, total: '…' }) });
      const workbook: WorkbookInput = await src.read((done, total) => setPhase({ kind: 'working', label: t('ui.progress.reading', { done, total }), value: total > 0 ? done / total : 0 }));
      setPhase({ kind: 'working', label: t('ui.progress.evaluating') });
      await new Promise((r) => setTimeout(r, 0)); // let the progress text paint
      const run = evaluateWorkbook(workbook, { locale: props.locale, asOf, defaultMarket: market === '' ? undefined : market, rulebook: rulebook === '' ? undefined : rulebook, tables });
      if (run.read.missing.length === 0) {
        await src.write(run, (done, total) => setPhase({ kind: 'working', label: t('ui.progress.writing', { done, total }), value: total > 0 ? done / total : 0 }));
      }
      setPhase({ kind: 'done', run });
    } catch (e) {
      setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }, [source, t, props.locale, asOf, market, rulebook, tables]);

  const openFile = useCallback(async (file: File) => {
    if (!props.openFile) return;
    try {
      setPhase({ kind: 'working', label: file.name });
      const src = await props.openFile(file);
      setSource(src);
      setFileName(file.name);
      setTables([]);
      setPhase({ kind: 'idle' });
    } catch (e) {
      setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }, [props]);

  const startMapping = useCallback(async (kind: 'revenue' | 'certifications') => {
    if (!source?.selection) return;
    const sel = await source.selection();
    setMapping({ ...sel, kind, fields: {} });
  }, [source]);

  const run = phase.kind === 'done' ? phase.run : null;
  const partners = run?.evaluation.partners ?? [];
  const counts = useMemo(() => ({
    gold: partners.filter((p) => p.level === 'gold').length,
    silver: partners.filter((p) => p.level === 'silver').length,
    none: partners.filter((p) => p.level === 'none').length,
    risk: partners.filter((p) => p.atRisk).length,
  }), [partners]);
  const busy = phase.kind === 'working';

  return (
    <main className={s.root}>
      <Text as="h1" size={500} weight="semibold">{t('ui.title')}</Text>

      {props.mode === 'browser' && (
        <section aria-label={t('ui.open')}>
          <MessageBar intent="info"><MessageBarBody>{t('ui.browserMode')}</MessageBarBody></MessageBar>
          <div
            className={`${s.drop} ${dragging ? s.dropActive : ''}`}
            onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => { e.preventDefault(); setDragging(false); const f = e.dataTransfer.files[0]; if (f) void openFile(f); }}
            data-testid="drop-zone"
          >
            <Button appearance="primary" onClick={() => fileInput.current?.click()} disabled={busy}>{t('ui.open')}</Button>
            <input ref={fileInput} type="file" accept=".xlsx,.xlsm" hidden data-testid="file-input" aria-label={t('ui.open')}
              onChange={(e) => { const f = e.target.files?.[0]; if (f) void openFile(f); e.target.value = ''; }} />
            <Text as="p" size={200}>{fileName ? t('ui.fileLoaded', { name: fileName }) : t('ui.drop')}</Text>
          </div>
        </section>
      )}

      <section className={s.settings} aria-label={t('ui.evaluate')}>
        <Field label={t('ui.asOf')}>
          <Input type="date" value={asOf} onChange={(_, d) => setAsOf(d.value)} data-testid="as-of" />
        </Field>
        <Field label={t('ui.market')}>
          <Select value={market} onChange={(_, d) => setMarket(d.value as '' | Market)} data-testid="market">
            <option value="">{t('ui.market.auto')}</option>
            <option value="developed">{t('market.developed')}</option>
            <option value="developing">{t('market.developing')}</option>
          </Select>
        </Field>
        <Field label={t('ui.rulebook')}>
          <Select value={rulebook} onChange={(_, d) => setRulebook(d.value)} data-testid="rulebook">
            <option value="">{t('ui.rulebook.auto')}</option>
            {builtInRulebooks().map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </Select>
        </Field>
        <Button appearance="primary" disabled={busy || source === null || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)} onClick={() => void evaluate()} data-testid="evaluate">
          {t('ui.evaluate')}
        </Button>
      </section>

      {phase.kind === 'working' && (
        <Field validationMessage={phase.label} validationState="none" aria-live="polite">
          <ProgressBar {...(phase.value !== undefined ? { value: phase.value } : {})} aria-label={phase.label} />
        </Field>
      )}
      {phase.kind === 'error' && <MessageBar intent="error"><MessageBarBody>{t('ui.error', { message: phase.message })}</MessageBarBody></MessageBar>}

      {run && (
        <>
          <section aria-label={t('ui.tables')}>
            <Text weight="semibold" as="h2" size={400}>{t('ui.tables')}</Text>
            {(['revenue', 'certifications', 'partners'] as TableKind[]).map((kind) => {
              const found = run.read.tables.filter((tb) => tb.ref.kind === kind);
              if (found.length === 0 && kind === 'partners') return null;
              return (
                <div key={kind}>
                  {found.length === 0 ? <Text as="p" size={200}>{t('ui.tables.missing', { kind: t(`table.${kind}`) })}</Text>
                    : found.map((tb) => (
                      <Text as="p" size={200} key={`${tb.ref.sheet}-${tb.ref.headerRow}-${tb.ref.firstCol}`}>
                        {t('ui.tables.found', { kind: t(`table.${kind}`), sheet: tb.ref.sheet, row: tb.ref.headerRow + 1, rows: tb.recordOfRow.length })}
                      </Text>
                    ))}
                  {source?.selection && kind !== 'partners' && (
                    <Link as="button" onClick={() => void startMapping(kind as 'revenue' | 'certifications')}>{t('ui.map.use', { kind: t(`table.${kind}`) })}</Link>
                  )}
                </div>
              );
            })}
          </section>

          {run.read.missing.length === 0 && (
            <section aria-label={t('ui.summary', counts)}>
              <Text as="p" data-testid="summary">{t('ui.summary', counts)}</Text>
              {props.mode === 'browser' && source?.download && (
                <Button onClick={() => void source.download?.()} data-testid="download">{t('ui.download')}</Button>
              )}
              <Divider />
              {partners.length <= CARDS_UP_TO
                ? partners.map((p, i) => <PartnerCard key={i} partner={p} evaluation={run.evaluation} locale={props.locale} t={t} />)
                : open === null
                  ? <PartnerList partners={partners} onOpen={setOpen} t={t} />
                  : (
                    <>
                      <Button appearance="subtle" onClick={() => setOpen(null)}>{t('ui.back')}</Button>
                      <PartnerCard partner={partners[open] ?? (partners[0] as never)} evaluation={run.evaluation} locale={props.locale} t={t} />
                    </>
                  )}
            </section>
          )}

          <IssuesSection issues={run.issues} t={t} onSelect={source?.select ? (sheet, cell) => void source.select?.(sheet, cell) : undefined} />
        </>
      )}

      {mapping && (
        <Mapping mapping={mapping} t={t} onCancel={() => setMapping(null)} onApply={(spec) => {
          setMapping(null);
          const next = [...tables.filter((x) => x.kind !== spec.kind), spec];
          setTables(next);
        }} />
      )}
    </main>
  );
}

function IssuesSection({ issues, t, onSelect }: {
  readonly issues: readonly DataIssue[];
  readonly t: (key: MessageKey, params?: Record<string, string | number>) => string;
  readonly onSelect: ((sheet: string, cell: string) => void) | undefined;
}): JSX.Element {
  const s = useStyles();
  return (
    <section aria-label={t('ui.issues', { count: issues.length })} data-testid="issues">
      <Text weight="semibold" as="h2" size={400}>{t('ui.issues', { count: issues.length })}</Text>
      {issues.length === 0 ? <Text as="p" size={200}>{t('ui.issues.none')}</Text> : (
        <ul className={s.issues}>
          {issues.slice(0, ISSUES_SHOWN).map((i, k) => (
            <li key={k}>
              <Text size={200}>
                {i.sheet !== null && i.cell !== null && (onSelect
                  ? <><Link as="button" onClick={() => onSelect(i.sheet as string, i.cell as string)}>{`${i.sheet}!${i.cell}`}</Link>{': '}</>
                  : `${i.sheet}!${i.cell}: `)}
                {i.message}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {issues.length > ISSUES_SHOWN && <Text size={200}>{t('ui.issues.more', { count: issues.length - ISSUES_SHOWN })}</Text>}
    </section>
  );
}

function Mapping({ mapping, t, onApply, onCancel }: {
  readonly mapping: TableSpec & { header: string[] };
  readonly t: (key: MessageKey, params?: Record<string, string | number>) => string;
  readonly onApply: (spec: TableSpec) => void;
  readonly onCancel: () => void;
}): JSX.Element {
  const kind = mapping.kind as 'revenue' | 'certifications';
  const [fields, setFields] = useState<Partial<Record<TableField, number>>>({});
  const label = (f: TableField): string => t(`ui.field.${f}` as MessageKey);
  return (
    <section aria-label={t('ui.map.title', { sheet: mapping.sheet, row: mapping.headerRow + 1 })}>
      <Text weight="semibold" as="h2" size={400}>{t('ui.map.title', { sheet: mapping.sheet, row: mapping.headerRow + 1 })}</Text>
      {REQUIRED_FIELDS[kind].map((f) => (
        <Field key={f} label={label(f)}>
          <Select value={fields[f] === undefined ? '' : String(fields[f])} onChange={(_, d) => setFields({ ...fields, [f]: d.value === '' ? undefined : Number(d.value) })}>
            <option value="">{t('ui.map.none')}</option>
            {mapping.header.map((h, i) => <option key={i} value={String(mapping.firstCol + i)}>{h === '' ? `#${i + 1}` : h}</option>)}
          </Select>
        </Field>
      ))}
      <Button appearance="primary" onClick={() => {
        const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Record<TableField, number>>;
        onApply({ kind, sheet: mapping.sheet, headerRow: mapping.headerRow, firstCol: mapping.firstCol, lastCol: mapping.lastCol, fields: clean });
      }}>{t('ui.map.apply')}</Button>
      <Button appearance="subtle" onClick={onCancel}>{t('ui.map.cancel')}</Button>
    </section>
  );
}
