/**
 * The shared evaluator: everything the task pane, the custom functions and the CLI may know
 * about the competency rules. Pure TypeScript: no Office, DOM, file system, console or clock.
 */
export * from './dates';
export * from './errors';
export * from './rulebook';
export * from './products';
export * from './attributions';
export * from './hints';
export * from './columns';
export * from './slots';
export * from './reasons';
export * from './evaluate';
export * from './requirements';
export { checkSchema, type Schema } from './schema';
export * from './timeline';
export * from './whatif';
export * from './people';
export * from './next-steps';
export { sharedHistory, type SharedHistory } from './history';
