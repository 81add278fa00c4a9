/** Which input tables were found where, with a way to map a table by hand (inside Excel). */
import type { JSX } from 'react';
import { Link, Text } from '@fluentui/react-components';
import type { Translate } from '../i18n';
import type { TableKind, WorkbookRead } from '../sheets';

const KINDS: readonly TableKind[] = ['revenue', 'certifications', 'partners', 'products'];
const REQUIRED: ReadonlySet<TableKind> = new Set(['revenue', 'certifications']);

/** Props: what was read, and the mapping action when the source can select ranges. */
export interface TablesFoundProps {
  readonly read: WorkbookRead;
  readonly onMap: ((kind: 'revenue' | 'certifications') => void) | undefined;
  readonly t: Translate;
}

/** The tables section. The partners and products tables are optional, so only found ones are listed. */
export function TablesFound({ read, onMap, t }: TablesFoundProps): JSX.Element {
  return (
    <section aria-label={t('ui.tables')}>
      <Text weight="semibold" as="h2" size={400}>{t('ui.tables')}</Text>
      {KINDS.map((kind) => {
        const found = read.tables.filter((tb) => tb.ref.kind === kind);
        if (found.length === 0 && !REQUIRED.has(kind)) return null;
        return (
          <div key={kind}>
            {found.length === 0 ? <Text as="p" size={200}>{t('ui.tables.missing', { kind: t(`table.${kind}`) })}</Text>
              : found.map((tb) => (
                <Text as="p" size={200} key={`${tb.ref.sheet}-${tb.ref.headerRow}-${tb.ref.firstCol}`}>
                  {t('ui.tables.found', { kind: t(`table.${kind}`), sheet: tb.ref.sheet, row: tb.ref.headerRow + 1, count: tb.recordOfRow.length })}
                </Text>
              ))}
            {onMap && (kind === 'revenue' || kind === 'certifications') && (
              <Link as="button" onClick={() => onMap(kind)}>{t('ui.map.use', { kind: t(`table.${kind}`) })}</Link>
            )}
          </div>
        );
      })}
    </section>
  );
}
