/**
 * Task pane entry: waits for Office (or finds there is none) and renders the app.
 * Placeholder shell until the task pane issue lands; it already runs inside and outside Excel.
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider, Text, webLightTheme } from '@fluentui/react-components';

function render(): void {
  const el = document.getElementById('root');
  if (!el) return;
  createRoot(el).render(
    <FluentProvider theme={webLightTheme}>
      <Text as="h1" size={500} weight="semibold">Cloud CRM Competency Tracker</Text>
    </FluentProvider>,
  );
}

if (typeof Office !== 'undefined') void Office.onReady(() => render());
else render();
