/**
 * The pane's "Evaluate was cancelled" error, in a module of its own: the pane's code (always
 * loaded) and the browser's file source need only this class, and importing it from source.ts
 * put a second copy of source.ts (the Excel source, which belongs in the "excel" chunk) into the
 * page's taskpane.js (issue 22: what Excel loads).
 */

/**
 * Evaluate was cancelled (the pane goes back to idle, with no error).
 * @example if (e instanceof CancelledError) setPhase({ kind: 'idle' })
 * @throws nothing (it is what is thrown)
 */
export class CancelledError extends Error {
  constructor() { super('cancelled'); this.name = 'CancelledError'; }
}
