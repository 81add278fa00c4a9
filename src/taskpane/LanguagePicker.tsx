/** The language picker: every language the pane speaks, each named in itself. */
import type { JSX } from 'react';
import { useCallback, useState } from 'react';
import { Field, Select, makeStyles } from '@fluentui/react-components';
import { isLocale, loadLocale, type Locale, type Translate } from '../i18n';
import { languageNames, rememberLanguage } from './language';

const useStyles = makeStyles({
  field: { maxWidth: '240px', minWidth: 0 },
});

/** Props: the language shown, and what to do when another is picked. */
export interface LanguagePickerProps {
  readonly locale: Locale;
  readonly onChange: (locale: Locale) => void;
  readonly disabled?: boolean;
  readonly t: Translate;
}

/** The picker. */
export function LanguagePicker({ locale, onChange, disabled, t }: LanguagePickerProps): JSX.Element {
  const s = useStyles();
  return (
    <Field label={t('ui.language')} className={s.field}>
      <Select value={locale} disabled={disabled === true} onChange={(_, d) => { if (isLocale(d.value)) onChange(d.value); }} data-testid="language">
        {languageNames().map((l) => <option key={l.locale} value={l.locale} lang={l.locale}>{l.name}</option>)}
      </Select>
    </Field>
  );
}

/**
 * The pane's language as state: picking one remembers it, fetches its messages (one chunk, the
 * first time), then switches the page to it; a chunk that cannot load leaves the language as it was.
 * @example const [locale, pick] = useLanguage("en-US"); pick("de-DE")
 * @throws nothing (a failed load keeps the current language)
 */
export function useLanguage(initial: Locale): [Locale, (locale: Locale) => void] {
  const [locale, setLocale] = useState(initial);
  const pick = useCallback((next: Locale) => {
    rememberLanguage(next);
    loadLocale(next).then(() => {
      document.documentElement.lang = next;
      setLocale(next);
    }, () => undefined);
  }, []);
  return [locale, pick];
}
