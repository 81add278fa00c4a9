/**
 * The cell model, on the ground floor: cell values and workbooks of them (values.ts), Excel's
 * date serials (serials.ts), A1 addresses (a1.ts) and Excel's limit on a cell's text
 * (cell-limit.ts). It imports nothing from the other layers (test/architecture.test.ts): src/xlsx,
 * src/sheets and the adapters all stand on it.
 */
export * from './values';
export * from './serials';
export * from './a1';
export * from './cell-limit';
