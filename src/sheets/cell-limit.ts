/**
 * Excel's limit on the text of one cell lives with the cell model (src/cells/cell-limit), which
 * every writer shares; the sheets layer passes it on to its own users (the Office adapter).
 */
export { MAX_CELL_TEXT, clipCellText } from '../cells';
