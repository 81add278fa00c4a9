import { strToU8, zipSync } from 'fflate';
import { XlsxError } from './errors';
import { Package, parseContentTypes, parseRels, relOfType, relsPathOf, resolveTarget } from './package';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

describe('the OOXML package', () => {
  test('finds parts without regard to case, and reads backslashes in zip names as slashes', () => {
    const pkg = new Package(zipSync({ 'xl\\workbook.xml': strToU8('<workbook/>'), 'XL/Styles.xml': strToU8('<styleSheet/>') }));
    expect(pkg.find('xl/workbook.xml')?.name).toBe('xl/workbook.xml');
    expect(pkg.find('xl/styles.xml')?.name).toBe('XL/Styles.xml');
    expect(pkg.text(pkg.find('xl/workbook.xml')!)).toBe('<workbook/>');
  });

  test('resolves a part\'s relationships against its folder, leaving external targets out', () => {
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
      <Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>
      <Relationship Id="rId2" Type="${REL}/styles" Target="/xl/styles.xml"/>
      <Relationship Id="rId3" Type="${REL}/hyperlink" Target="https://example.com/a>b" TargetMode="External"/>
    </Relationships>`;
    const pkg = new Package(zipSync({ 'xl/_rels/workbook.xml.rels': strToU8(rels) }));
    const got = pkg.relationships('xl/workbook.xml');
    expect([...got.keys()]).toEqual(['rId1', 'rId2']);
    expect(got.get('rId1')?.target).toBe('xl/worksheets/sheet1.xml');
    expect(relOfType(got, '/styles')?.target).toBe('xl/styles.xml');
    expect(parseRels(rels).map((r) => [r.id, r.external])).toEqual([['rId1', false], ['rId2', false], ['rId3', true]]);
  });

  test('refuses a relationships part that is not XML, and bytes that are not a zip', () => {
    const pkg = new Package(zipSync({ '_rels/.rels': strToU8('hello') }));
    expect(() => pkg.relationships('')).toThrow(XlsxError);
    expect(() => new Package(strToU8('MPNId,Product'))).toThrow(expect.objectContaining({ problem: 'not-zip' }));
  });

  test.each([
    ['xl/', 'worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/', '/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/worksheets/', '../tables/table1.xml', 'xl/tables/table1.xml'],
    ['', './xl\\workbook.xml', 'xl/workbook.xml'],
  ])('resolves a target from %s: %s', (base, target, part) => {
    expect(resolveTarget(base, target)).toBe(part);
  });

  test('names where a part\'s relationships are, and reads the content types', () => {
    expect(relsPathOf('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relsPathOf('')).toBe('_rels/.rels');
    const ct = parseContentTypes('<Types><Default Extension="XML" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="main"/></Types>');
    expect(ct.defaults.get('xml')).toBe('application/xml');
    expect(ct.overrides.get('xl/workbook.xml')).toBe('main');
  });
});
