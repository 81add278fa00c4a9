/** Mapping a selected range to a table by hand: which column holds each required field. */
import type { JSX } from 'react';
import { useState } from 'react';
import { Button, Field, Select, Text } from '@fluentui/react-components';
import type { MessageKey, Translate } from '../i18n';
import type { Field as TableField, TableSpec } from '../sheets';
import type { PendingMapping } from './useEvaluation';

const REQUIRED_FIELDS: Readonly<Record<'revenue' | 'certifications', readonly TableField[]>> = {
  revenue: ['partnerId', 'product', 'date', 'amount', 'attribution'],
  certifications: ['partnerId', 'name', 'exam', 'datePassed', 'active'],
};

/** Props: the selected range, and what to do with the finished table spec (null: cancelled). */
export interface MappingFormProps {
  readonly mapping: PendingMapping;
  readonly onDone: (spec: TableSpec | null) => void;
  readonly t: Translate;
}

/** The mapping form. */
export function MappingForm({ mapping, t, onDone }: MappingFormProps): JSX.Element {
  const kind = mapping.kind as 'revenue' | 'certifications';
  const [fields, setFields] = useState<Partial<Record<TableField, number>>>({});
  const label = (f: TableField): string => t(`ui.field.${f}` as MessageKey);
  const title = t('ui.map.title', { sheet: mapping.sheet, row: mapping.headerRow + 1 });
  return (
    <section aria-label={title}>
      <Text weight="semibold" as="h2" size={400}>{title}</Text>
      {REQUIRED_FIELDS[kind].map((f) => (
        <Field key={f} label={label(f)}>
          <Select value={fields[f] === undefined ? '' : String(fields[f])} onChange={(_, d) => setFields({ ...fields, [f]: d.value === '' ? undefined : Number(d.value) })}>
            <option value="">{t('ui.map.none')}</option>
            {mapping.header.map((h, i) => <option key={i} value={String(mapping.firstCol + i)}>{h === '' ? `#${i + 1}` : h}</option>)}
          </Select>
        </Field>
      ))}
      <Button appearance="primary" onClick={() => {
        const chosen = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Record<TableField, number>>;
        onDone({ kind, sheet: mapping.sheet, headerRow: mapping.headerRow, firstCol: mapping.firstCol, lastCol: mapping.lastCol, fields: chosen });
      }}>{t('ui.map.apply')}</Button>
      <Button appearance="subtle" onClick={() => onDone(null)}>{t('ui.map.cancel')}</Button>
    </section>
  );
}
