/**
 * The pane's sections that need a run, loaded on first use: Excel loads the page to show the
 * settings and the Evaluate button, and the code of the overview, the cards, the chart, what-if,
 * the live bar, the no-tables banner and column mapping (src/taskpane/runSections.ts, the "pane-run" chunk) is fetched
 * when an evaluation starts (preloadRunSections), while the workbook is read, so it is there when
 * the results are. Each section renders nothing until its code has arrived, then renders exactly
 * as when imported directly; props and behaviour are the sections' own. Should the chunk fail to
 * arrive (the network gone since the pane opened), the section says so in one line instead of
 * taking the whole pane down.
 */
import type { JSX, ReactNode } from 'react';
import { Component, Suspense, lazy } from 'react';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Translate } from '../i18n';
import type * as Sections from './runSections';

let loading: Promise<typeof Sections> | null = null;

/**
 * Starts fetching the sections' chunk (once; after a failure the next call tries again) and
 * resolves to its module.
 * @example void preloadRunSections().catch(() => undefined) // when an evaluation starts
 * @throws nothing synchronously; the promise rejects with ChunkLoadError when the chunk cannot be fetched
 */
export function preloadRunSections(): Promise<typeof Sections> {
  if (!loading) {
    const load = import(/* webpackChunkName: "pane-run" */ './runSections');
    load.catch(() => { loading = null; });
    loading = load;
  }
  return loading;
}

/** Shows a failed load of the sections' chunk as one error line where the section would be. */
class LoadFailed extends Component<{ t: Translate; children: ReactNode }, { message: string | null }> {
  override state: { message: string | null } = { message: null };

  static getDerivedStateFromError(e: unknown): { message: string } {
    return { message: e instanceof Error ? e.message : String(e) };
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children;
    return <MessageBar intent="error"><MessageBarBody>{this.props.t('ui.error', { message: this.state.message })}</MessageBarBody></MessageBar>;
  }
}

/** A section that renders once its chunk has arrived (nothing before), with the section's own props. */
function deferred<P extends { readonly t: Translate }>(name: string, pick: (module: typeof Sections) => (props: P) => JSX.Element | null): (props: P) => JSX.Element {
  const Section = lazy(async () => ({ default: pick(await preloadRunSections()) }));
  const Deferred = (props: P): JSX.Element => (
    <LoadFailed t={props.t}><Suspense fallback={null}><Section {...props} /></Suspense></LoadFailed>
  );
  Deferred.displayName = name;
  return Deferred;
}

/** The as-of hint (AsOfHint.tsx), loaded with the run's sections. @example <AsOfHint {...props} /> */
export const AsOfHint = deferred('AsOfHint', (m) => m.AsOfHint);
/** The data issues (IssuesSection.tsx), loaded with the run's sections. @example <IssuesSection {...props} /> */
export const IssuesSection = deferred('IssuesSection', (m) => m.IssuesSection);
/** The live bar (LiveBar.tsx), loaded with the run's sections. @example <LiveBar {...props} /> */
export const LiveBar = deferred('LiveBar', (m) => m.LiveBar);
/** Column mapping (MappingForm.tsx), loaded with the run's sections. @example <MappingForm {...props} /> */
export const MappingForm = deferred('MappingForm', (m) => m.MappingForm);
/** The banner of a workbook without the tables (NoTables.tsx), loaded with the run's sections. @example <NoTables {...props} /> */
export const NoTables = deferred('NoTables', (m) => m.NoTables);
/** The overview and cards (Results.tsx), loaded with the run's sections. @example <Results {...props} /> */
export const Results = deferred('Results', (m) => m.Results);
/** The tables found (TablesFound.tsx), loaded with the run's sections. @example <TablesFound {...props} /> */
export const TablesFound = deferred('TablesFound', (m) => m.TablesFound);
