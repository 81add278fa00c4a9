/**
 * The error banner of a workbook in which a required table was not found: which table, the
 * headers looked for, and (outside Excel) a link to a blank template workbook with those headers,
 * written when clicked (template.ts, loaded then).
 */
import type { JSX } from 'react';
import { useState } from 'react';
import { describeError } from '../i18n';
import { Link, MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import type { Locale, Translate } from '../i18n';
import { requiredHeaders } from '../sheets/template';

/** Props: the required tables not found, and whether to offer the template (outside Excel). */
export interface NoTablesProps {
  readonly missing: readonly ('revenue' | 'certifications')[];
  readonly locale: Locale;
  readonly offerTemplate: boolean;
  readonly t: Translate;
}

/**
 * A list in the UI language ("Product, Date and Amount (USD)"), headers in quotes as typed.
 * @example headerList(["Product", "Date"], "en-US") === '"Product" and "Date"'
 */
export function headerList(headers: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(headers.map((h) => `"${h}"`));
}

/** "revenue" at the start of a sentence: "Revenue". */
const sentence = (text: string, locale: Locale): string => text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);

/** The banner. */
export function NoTables({ missing, locale, offerTemplate, t }: NoTablesProps): JSX.Element {
  const [failed, setFailed] = useState<string | null>(null);
  // The writer is a chunk of its own, fetched on the first click.
  const onTemplate = (): void => {
    setFailed(null);
    import(/* webpackChunkName: "template" */ './template').then((m) => m.downloadTemplate()).catch((e: unknown) => setFailed(describeError(e, locale)));
  };
  return (
    <MessageBar intent="error" layout="multiline" data-testid="no-tables">
      <MessageBarBody>
        <MessageBarTitle>{t('ui.noTables.title')}</MessageBarTitle>
        {missing.map((kind) => (
          <Text as="p" block key={kind}>{t('ui.noTables.lookedFor', { kind: sentence(t(`table.${kind}`), locale), headers: headerList(requiredHeaders(kind), locale) })}</Text>
        ))}
        {offerTemplate && (
          <Text as="p" block>
            <Link as="button" onClick={onTemplate} data-testid="template">{t('ui.noTables.template')}</Link>{' '}
            {t('ui.noTables.templateHint')}
          </Text>
        )}
        {failed !== null && <Text as="p" block>{t('ui.error', { message: failed })}</Text>}
      </MessageBarBody>
    </MessageBar>
  );
}
