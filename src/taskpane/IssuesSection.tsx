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

/** Props: the issues, and how to show a cell (inside Excel). */
export interface IssuesSectionProps {
  readonly issues: readonly DataIssue[];
  readonly onSelect: ((sheet: string, cell: string) => void) | undefined;
  readonly t: Translate;
}

/** The issues section. */
export function IssuesSection({ issues, t, onSelect }: IssuesSectionProps): JSX.Element {
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
