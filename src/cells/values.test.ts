import { cellError, cellText, cellValue, cellValues, type Cell } from './values';

test('recognises formula errors given as text, as Office.js gives them', () => {
  expect(['#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', 'N/A'].map((c) => cellError(c))).toEqual(['#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', undefined]);
});

describe('reading rich values (entities, linked data types) by their display value', () => {
  const entity = { type: 'Entity', text: '1001', basicType: 'Error', basicValue: '#VALUE!', properties: { 'Partner ID': { type: 'String', basicValue: '1001' }, Name: { type: 'String', basicValue: 'Contoso' } } };
  test.each([
    ['an entity, by its text (its basicValue is #VALUE!)', entity, '1001'],
    ['an entity without basicValue', { type: 'Entity', text: 'Contoso', properties: {} }, 'Contoso'],
    ['a linked entity', { type: 'LinkedEntity', text: 'Microsoft', id: { domainId: 'x', entityId: 'y' } }, 'Microsoft'],
    ['a double', { type: 'Double', basicType: 'Double', basicValue: 60000 }, 60000],
    ['a formatted number', { type: 'FormattedNumber', basicValue: 1234.5, numberFormat: '#,##0.00' }, 1234.5],
    ['a string', { type: 'String', basicValue: 'CRM Online' }, 'CRM Online'],
    ['a boolean', { type: 'Boolean', basicValue: true }, true],
    ['an error value', { type: 'Error', basicValue: '#N/A', errorType: 'NotAvailable' }, { error: '#N/A' }],
    ['an error value without its text', { type: 'Error', errorType: 'Value' }, { error: '#VALUE!' }],
    ['an image (no text, no value)', { type: 'WebImage', basicType: 'Error', basicValue: '#VALUE!', address: 'https://x/y.png' }, { error: '#VALUE!' }],
    ['rich text as file readers give it', { richText: [{ text: 'CRM ' }, { text: 'Online' }] }, 'CRM Online'],
    ['a plain error object', { error: '#REF!' }, { error: '#REF!' }],
    ['plain text', 'x', 'x'],
  ])('reads %s', (_name, raw, expected) => {
    expect(cellValue(raw)).toEqual(expected);
  });

  test('cellError and cellText never read a rich value as the error "undefined"', () => {
    expect(cellError(entity as unknown as Cell)).toBeUndefined();
    expect(cellText(entity as unknown as Cell)).toBe('1001');
    expect(cellError({ type: 'Error', basicValue: '#N/A' } as unknown as Cell)).toBe('#N/A');
  });

  test('cellValues copies only the rows that hold an object', () => {
    const plain = ['P1', 5];
    const rows = [plain, ['P2', { type: 'Double', basicValue: 7 }]];
    const out = cellValues(rows);
    expect(out).toEqual([['P1', 5], ['P2', 7]]);
    expect(out[0]).toBe(plain);
    const untouched = [plain];
    expect(cellValues(untouched)).toBe(untouched);
  });
});

test.each([
  ['nothing', null, ''],
  ['text, trimmed', ' Ana ', 'Ana'],
  ['a number, digits only', 12345, '12345'],
  ['a number that is not finite', Number.NaN, ''],
  ['a boolean, as Excel shows it', true, 'TRUE'],
  ['a Date, as its ISO day', new Date(Date.UTC(2018, 2, 15)), '2018-03-15'],
  ['an invalid Date', new Date(Number.NaN), ''],
  ['an error', { error: '#N/A' }, '#N/A'],
] as const)('cellText of %s', (_name, cell, text) => {
  expect(cellText(cell as Cell)).toBe(text);
});
