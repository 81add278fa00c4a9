/**
 * The download button's busy spinner (Fluent's tiny Spinner), a chunk of its own
 * ("browser-download", src/taskpane/useDownloadSpinner.ts): only a file opened outside Excel has
 * a download, so Excel never loads the Spinner's code (issue 22).
 */
import type { JSX } from 'react';
import { Spinner } from '@fluentui/react-components';

/**
 * The spinner.
 * @example <Button icon={<DownloadSpinner />}>Download result</Button>
 * @throws nothing
 */
export function DownloadSpinner(): JSX.Element {
  return <Spinner size="tiny" />;
}
