/**
 * A formula cell saved without its result: openpyxl and some exporters write <c><f>..</f></c>
 * with no <v>, which only Excel (or LibreOffice) computes when it opens and saves the file. The
 * reader gives such a cell as this error value, so readers above say what it is rather than
 * "empty".
 */
export const NO_FORMULA_RESULT = '#NO RESULT';
