/**
 * The sections the pane shows only once there is a run (or a table to map by hand): webpack makes
 * this module and everything only it needs (the overview, the cards with their chart and
 * what-if, the banner of a workbook without tables, Fluent's Switch, Checkbox,
 * Spinner, Link) one chunk, "pane-run", that the page fetches when an evaluation starts
 * (src/taskpane/sections.tsx), not at start.
 */
export { AsOfHint } from './AsOfHint';
export { IssuesSection } from './IssuesSection';
export { LiveBar } from './LiveBar';
export { MappingForm } from './MappingForm';
export { NoTables } from './NoTables';
export { Results } from './Results';
export { TablesFound } from './TablesFound';
