/**
 * Fetches the download button's busy spinner (src/taskpane/DownloadSpinner.tsx, the
 * "browser-download" chunk) where there is a download, that is outside Excel, as soon as the
 * results show, so it is there by the first click; inside Excel it is never fetched (issue 22).
 * Should it fail to arrive, the button goes without a spinner: it still says it is busy
 * (aria-busy, disabled), and the results stay.
 */
import type { ComponentType } from 'react';
import { useEffect, useState } from 'react';

/**
 * The spinner component once fetched; null before, after a failure, or when not `wanted`.
 * @example const Busy = useDownloadSpinner(onDownload !== undefined); <Button icon={busy && Busy ? <Busy /> : null} />
 * @throws nothing
 */
export function useDownloadSpinner(wanted: boolean): ComponentType | null {
  const [spinner, setSpinner] = useState<ComponentType | null>(null);
  useEffect(() => {
    if (!wanted) return undefined;
    let live = true;
    import(/* webpackChunkName: "browser-download" */ './DownloadSpinner')
      .then((m) => { if (live) setSpinner(() => m.DownloadSpinner); })
      .catch(() => undefined);
    return () => { live = false; };
  }, [wanted]);
  return spinner;
}
