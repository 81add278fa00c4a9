/** The data issues of a run, each linking to its cell when the source can select cells. */
import type { JSX } from 'react';
import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Translate } from '../i18n';
import type { DataIssue } from '../sheets';

/** Issues listed in the pane; the Competency Issues sheet holds all of them. */
const ISSUES_SHOWN = 200;

const useStyles = makeStyles({
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Props: the issues (all, or one partner's), and how to show a cell (inside Excel). */
export interface IssuesSectionProps {
  readonly issues: readonly DataIssue[];
  /** The partner these issues belong to; absent for the run's whole list. */
  readonly partner?: string | undefined;
  readonly onSelect: ((sheet: string, cell: string) => void) | undefined;
  readonly t: Translate;
}

/** The issues section. */
export function IssuesSection({ issues, t, onSelect, partner }: IssuesSectionProps): JSX.Element {
  const s = useStyles();
  const title = partner === undefined ? t('ui.issues', { count: issues.length }) : t('ui.issues.partner', { partner, count: issues.length });
  return (
    <section aria-label={title} data-testid={partner === undefined ? 'issues' : 'partner-issues'} id={partner === undefined ? 'issues' : undefined}>
      <Text weight="semibold" as={partner === undefined ? 'h2' : 'h3'} size={partner === undefined ? 400 : 300}>{title}</Text>
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
