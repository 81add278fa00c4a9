/**
 * Inside Excel, with the workbook session: what the last update after a change said ("Revenue
 * changed: results updated", announced politely to screen readers), a switch to rewrite the status
 * columns and result sheets on every change, and a button to write them now.
 */
import type { JSX } from 'react';
import { Button, MessageBar, MessageBarBody, Switch, makeStyles, tokens } from '@fluentui/react-components';
import type { Translate } from '../i18n';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** Props: the notice (or null), the switch's state and the two actions. */
export interface LiveBarProps {
  readonly notice: string | null;
  readonly autoWrite: boolean;
  readonly onAutoWrite: (on: boolean) => void;
  readonly onWrite: () => void;
  readonly busy: boolean;
  readonly t: Translate;
}

/**
 * The live bar.
 * @example <LiveBar notice="Revenue changed: results updated" autoWrite={false} onAutoWrite={set} onWrite={write} busy={false} t={t} />
 */
export function LiveBar(props: LiveBarProps): JSX.Element {
  const s = useStyles();
  return (
    <>
      <div aria-live="polite" data-testid="live-notice">
        {props.notice !== null && <MessageBar intent="info"><MessageBarBody>{props.notice}</MessageBarBody></MessageBar>}
      </div>
      <div className={s.row}>
        <Switch checked={props.autoWrite} onChange={(_e, data) => props.onAutoWrite(data.checked)} label={props.t('live.autoWrite')} data-testid="live-auto-write" />
        <Button onClick={props.onWrite} disabled={props.busy} data-testid="live-write">{props.t('live.write')}</Button>
      </div>
    </>
  );
}
