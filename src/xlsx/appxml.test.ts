import { appXmlWithSheets } from './appxml';

const NS = 'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"';
/** app.xml with groups of [heading, names]. */
const app = (groups: readonly (readonly [string, readonly string[]])[], extra = '<Application>Microsoft Excel</Application>'): string => {
  const all = groups.flatMap(([, n]) => n);
  return `<Properties ${NS}>${extra}<HeadingPairs><vt:vector size="${groups.length * 2}" baseType="variant">`
    + groups.map(([h, n]) => `<vt:variant><vt:lpstr>${h}</vt:lpstr></vt:variant><vt:variant><vt:i4>${n.length}</vt:i4></vt:variant>`).join('')
    + `</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${all.length}" baseType="lpstr">${all.map((n) => `<vt:lpstr>${n.replace(/&/g, '&amp;')}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts><AppVersion>16.0300</AppVersion></Properties>`;
};
const STATUS = ['Competency Status', 'Competency Issues', 'Competency Timeline'];

describe('docProps/app.xml follows the worksheets written', () => {
  test.each([
    ['sheets added', [['Worksheets', ['Revenue', 'Training']]], ['Revenue', 'Training'], ['Revenue', 'Training', ...STATUS], [['Worksheets', ['Revenue', 'Training', ...STATUS]]]],
    ['old output sheets replaced', [['Worksheets', ['Revenue', 'Competency Status', 'Competency Issues']]], ['Revenue', 'Competency Status', 'Competency Issues'], ['Revenue', ...STATUS], [['Worksheets', ['Revenue', ...STATUS]]]],
    ['named ranges and charts kept, heading in German', [['Diagramme', ['Chart1']], ['Arbeitsblätter', ['R&D', 'Training']], ['Benannte Bereiche', ['Training!Print_Area', 'Revenue']]],
      ['R&D', 'Training'], ['R&D', 'Training', 'Competency Status'],
      [['Diagramme', ['Chart1']], ['Arbeitsblätter', ['R&D', 'Training', 'Competency Status']], ['Benannte Bereiche', ['Training!Print_Area', 'Revenue']]]],
  ] as const)('%s', (_name, groups, before, after, expected) => {
    expect(appXmlWithSheets(app(groups), before, after)).toBe(app(expected));
  });

  test('is unchanged when already right (a re-run on its own output)', () => {
    const xml = app([['Worksheets', ['Revenue', ...STATUS]]]);
    expect(appXmlWithSheets(xml, ['Revenue', ...STATUS], ['Revenue', ...STATUS])).toBe(xml);
  });

  test('without the two lists, the part is left as it is', () => {
    const xml = `<Properties ${NS}><Application>LibreOffice</Application></Properties>`;
    expect(appXmlWithSheets(xml, ['A'], ['A', 'B'])).toBe(xml);
  });

  test.each([
    ['no group lists the input\'s worksheets', app([['Worksheets', ['Old name']]])],
    ['counts that do not add up to the titles', app([['Worksheets', ['Revenue']]]).replace('<vt:i4>1</vt:i4>', '<vt:i4>3</vt:i4>')],
    ['only one of the two lists', app([['Worksheets', ['Revenue']]]).replace(/<TitlesOfParts>.*<\/TitlesOfParts>/, '')],
    ['two groups list the input\'s worksheets (a named range called like the only sheet)', app([['Named Ranges', ['Revenue']], ['Worksheets', ['Revenue']]])],
    ['a count that is not a number', app([['Worksheets', ['Revenue']]]).replace('<vt:i4>1</vt:i4>', '<vt:i4>one</vt:i4>')],
  ])('drops both lists when they cannot be matched: %s', (_name, xml) => {
    const out = appXmlWithSheets(xml, ['Revenue'], ['Revenue', 'Competency Status']);
    expect(out).not.toMatch(/HeadingPairs|TitlesOfParts/);
    expect(out).toContain('<Application>Microsoft Excel</Application>');
    expect(out).toContain('<AppVersion>16.0300</AppVersion>');
  });
});
