import { editDistance, nearestPerson, partnersOfPerson } from './people';
import type { CertificationRecord } from './columns';

const pass = (partnerId: string | null, individual: string): CertificationRecord => ({ partnerId, individual, exam: 'MB2-714', datePassed: '2017-06-01' });
const CERTS: CertificationRecord[] = [
  pass('1005', 'Min-jun Kim'), pass('1005', 'Seo-yeon Park'),
  pass('1001', 'Ana Souza'), pass('1001', 'José Reis'),
  pass('1002', 'Ana Souza'), pass('1002', 'Bo'),
];

describe('partnersOfPerson: the partners whose certifications hold a person', () => {
  test.each([
    ['a name as written', 'Min-jun Kim', ['1005']],
    ['any case and spacing', '  min-JUN   kim ', ['1005']],
    ['a person of two partners, in the order they appear', 'Ana Souza', ['1001', '1002']],
    ['a slip matches no one', 'Minjun Kim', []],
    ['no one', 'Zed', []],
  ])('%s', (_name, typed, partners) => {
    expect(partnersOfPerson(CERTS, typed)).toEqual(partners);
  });

  test('one organisation (no partner ids) is null', () => {
    expect(partnersOfPerson([pass(null, 'Ana')], 'ana')).toEqual([null]);
  });
});

describe('nearestPerson: the partner\'s name nearest a typed one, when near enough to be a slip', () => {
  test.each([
    ['a missing hyphen', '1005', 'Minjun Kim', 'Min-jun Kim'],
    ['a typo', '1005', 'Min-jun Kin', 'Min-jun Kim'],
    ['two edits in a long name', '1005', 'Seoyeon Prk', 'Seo-yeon Park'],
    ['accents left out', '1001', 'Jose Reis', 'José Reis'],
    ['too far from everyone', '1005', 'Chris Jordan', undefined],
    ['only the partner\'s own people', '1002', 'Min-jun Kim', undefined],
    ['a short name needs to be close: one edit', '1002', 'Bob', 'Bo'],
    ['a short name: two edits are another person', '1002', 'Di', undefined],
  ])('%s', (_name, partner, typed, nearest) => {
    expect(nearestPerson(CERTS, partner, typed)).toBe(nearest);
  });
});

describe('editDistance', () => {
  test.each([
    ['', '', 0], ['abc', '', 3], ['kitten', 'sitting', 3], ['minjunkim', 'minjunkin', 1], ['정민준', '정민주', 1], ['same', 'same', 0],
  ])('%s -> %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  test('stops past the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });
});
