import { describeError, LocalizedError, LOCALES } from '../i18n';
import { WriteError, XlsxError } from './errors';

describe('the reader\'s and the writer\'s errors', () => {
  test('are localized errors: a message key with parameters, said in each language', () => {
    const errors = [new XlsxError('too-large', { limit: 512 }), new XlsxError('xls'), new WriteError('xlsx.write.sheet-name-taken', { sheet: 'Competency Status' })];
    for (const e of errors) {
      expect(e).toBeInstanceOf(LocalizedError);
      const texts = LOCALES.map((l) => describeError(e, l));
      expect(new Set(texts).size).toBe(LOCALES.length);
      for (const text of texts) expect(text).not.toMatch(/\{\w+\}/);
    }
    expect([errors[0]?.key, errors[0]?.message]).toEqual(['xlsx.too-large', 'larger than 512 MB; not read']);
    expect(new XlsxError('too-large', { limit: 1 }).problem).toBe('too-large');
  });

  test('check their parameters at compile time', () => {
    // @ts-expect-error too-large says its limit
    expect(new XlsxError('too-large').message).toBe('larger than {limit} MB; not read');
    // @ts-expect-error "parte" is not a placeholder of xlsx.malformed-xml
    expect(new XlsxError('malformed-xml', { parte: 'x' }).key).toBe('xlsx.malformed-xml');
    // @ts-expect-error not a problem of the reader: there is no such message
    expect(new XlsxError('no-such-problem').describe('en-US')).toBe('xlsx.no-such-problem');
  });
});
