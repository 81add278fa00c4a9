/**
 * Tables in and out, shared by every adapter (task pane, custom functions, CLI): find and read
 * the input tables, evaluate with core through one Run (run.ts), and build the outputs. Pure:
 * cell arrays in, cell arrays out.
 */
export * from './cells';
export * from './cell-limit';
export * from './date-order';
export * from './headers';
export * from './issues';
export * from './read';
export { partnerIdKey } from './partner-ids';
export * from './output';
export * from './timeline';
export * from './next-step';
export * from './run';
export * from './template';
