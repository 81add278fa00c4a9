import { PartnerIds, partnerIdKey } from './partner-ids';

describe('a partner id made of digits is compared as its number', () => {
  test.each([
    ['123', '123'], ['00123', '123'], ['0', '0'], ['000', '0'], ['1,234,567', '1234567'], ['1.234.567', '1234567'], ['1 234 567', '1234567'],
    ['1\u00a0234\u00a0567', '1234567'], ["1'234'567", '1234567'], ['1234567.0', '1234567'], ['123,00', '123'],
    ['12345678901234567890123', '12345678901234567890123'],
    // Not digits only: compared as written (in NFC).
    ['P1', 'P1'], ['p1', 'p1'], ['1,23,456', '1,23,456'], ['1,234.567', '1,234.567'], ['123.5', '123.5'], ['-123', '-123'], ['12-34', '12-34'],
    ['Jose\u0301', 'Jos\u00e9'],
  ])('"%s" is %s', (text, key) => {
    expect(partnerIdKey(text)).toBe(key);
  });

  test('a second spelling of one partner is said once, with the first', () => {
    const ids = new PartnerIds();
    expect([ids.read('00123'), ids.read('00123'), ids.read('123'), ids.read('123'), ids.read('0123'), ids.read('P1'), ids.read('P1')]).toEqual([
      { id: '123' }, { id: '123' }, { id: '123', firstSpelling: '00123' }, { id: '123' }, { id: '123', firstSpelling: '00123' }, { id: 'P1' }, { id: 'P1' },
    ]);
  });

  test('the same text in another Unicode form is not another spelling', () => {
    const ids = new PartnerIds();
    expect([ids.read('Jos\u00e9'), ids.read('Jose\u0301')]).toEqual([{ id: 'Jos\u00e9' }, { id: 'Jos\u00e9' }]);
  });
});
