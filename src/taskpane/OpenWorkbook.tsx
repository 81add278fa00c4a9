/** Outside Excel: a drop zone and a button that open a workbook file. */
import type { JSX } from 'react';
import { useRef, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Translate } from '../i18n';

const useStyles = makeStyles({
  drop: { border: `2px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, textAlign: 'center' },
  dropActive: { backgroundColor: tokens.colorNeutralBackground2 },
});

/**
 * Props: the file opened so far and what to do with a file. A file chosen or dropped while
 * another is read replaces it (the pane cancels that reading), so both stay enabled.
 */
export interface OpenWorkbookProps {
  readonly fileName: string | undefined;
  readonly onOpen: (files: readonly File[]) => void;
  readonly t: Translate;
}

/** The open-a-file section of the browser mode. */
export function OpenWorkbook({ fileName, onOpen, t }: OpenWorkbookProps): JSX.Element {
  const s = useStyles();
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <section aria-label={t('ui.open')}>
      <MessageBar intent="info"><MessageBarBody>{t('ui.browserMode')}</MessageBarBody></MessageBar>
      <div
        className={`${s.drop} ${dragging ? s.dropActive : ''}`}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => { e.preventDefault(); setDragging(false); onOpen([...e.dataTransfer.files]); }}
        data-testid="drop-zone"
      >
        <Button appearance="primary" onClick={() => fileInput.current?.click()}>{t('ui.open')}</Button>
        <input ref={fileInput} type="file" multiple accept=".xlsx,.xlsm,.csv,.tsv,.tab,.txt" hidden data-testid="file-input" aria-label={t('ui.open')}
          onChange={(e) => { onOpen([...(e.target.files ?? [])]); e.target.value = ''; }} />
        <Text as="p" size={200}>{fileName ? t('ui.fileLoaded', { name: fileName }) : t('ui.drop')}</Text>
      </div>
    </section>
  );
}
