// The add-in as one description, from which both manifests are written (scripts/manifest/xml.js:
// the add-in only manifest, manifest.xml; scripts/manifest/unified.js: the unified manifest for
// Microsoft 365, manifest.json and its language files), so the two cannot drift apart.
// Paths are relative to the add-in's base address (https://localhost:3000 while developing; the
// build's --env url=... for a deployment). Every text is given in all six languages.

/** The languages of every text below; en-US is the default. */
const LOCALES = ['en-US', 'pt-BR', 'de-DE', 'zh-TW', 'ko-KR', 'it-IT'];

const ADDIN = {
  id: '5b0c8f3e-2d7a-4c1e-9a61-3f8e2b7d4c10',
  version: '0.1.0',
  provider: 'Cloud CRM Competency Tracker',
  defaultLocale: 'en-US',
  locales: LOCALES,
  name: {
    'en-US': 'Cloud CRM Competency Tracker',
    'pt-BR': 'Acompanhamento da competência Cloud CRM',
    'de-DE': 'Cloud CRM-Kompetenz-Tracker',
    'zh-TW': 'Cloud CRM 能力追蹤器',
    'ko-KR': 'Cloud CRM 역량 추적기',
    'it-IT': 'Monitoraggio competenza Cloud CRM',
  },
  // The unified manifest's name.short: at most 30 characters (test/manifest.test.ts checks).
  shortName: {
    'en-US': 'Cloud CRM Competency Tracker',
    'pt-BR': 'Competência Cloud CRM',
    'de-DE': 'Cloud CRM-Kompetenz-Tracker',
    'zh-TW': 'Cloud CRM 能力追蹤器',
    'ko-KR': 'Cloud CRM 역량 추적기',
    'it-IT': 'Competenza Cloud CRM',
  },
  // At most 80 characters in every language: the unified manifest's short description
  // (test/manifest.test.ts checks).
  description: {
    'en-US': 'Cloud CRM competency: Silver or Gold, why, until when, and which exams are next.',
    'pt-BR': 'Competência Cloud CRM: Silver ou Gold, por quê, até quando e os próximos exames.',
    'de-DE': 'Cloud CRM-Kompetenz: Silver oder Gold, warum, bis wann und welche Prüfungen.',
    'zh-TW': 'Cloud CRM 能力：Silver 或 Gold、原因、有效期限，以及下一步需要的考試。',
    'ko-KR': 'Cloud CRM 역량: Silver 또는 Gold, 이유, 유지 기한, 다음에 필요한 시험.',
    'it-IT': 'Competenza Cloud CRM: Silver o Gold, perché, fino a quando e quali esami.',
  },
  // The unified manifest's package icons: 192 px in colour, 32 px white outline on transparent.
  packageIcons: { color: 'assets/icon-192.png', outline: 'assets/outline-32.png' },
  icons: { 16: 'assets/icon-16.png', 32: 'assets/icon-32.png', 64: 'assets/icon-64.png', 80: 'assets/icon-80.png', 128: 'assets/icon-128.png' },
  accentColor: '#0F4C81',
  pages: { taskpane: 'taskpane.html', help: 'help.html', privacy: 'privacy.html', terms: 'terms.html' },
  functions: {
    script: 'functions.js',
    namespace: 'MPN',
    // functions.json (en-US) and one copy per other language (the build writes them).
    metadata: Object.fromEntries(LOCALES.map((l) => [l, l === 'en-US' ? 'functions.json' : `functions.${l}.json`])),
  },
  // Every set the code uses, at the highest version it needs (test/manifest.test.ts checks the
  // code against @types/office-js): ExcelApi 1.7 for getRangeByIndexes, Range.hyperlink and
  // worksheet onChanged (1.6 for conditional formats and suspendApiCalculationUntilNextSync),
  // CustomFunctionsRuntime 1.3 for CustomFunctions.ErrorCode. Newer sets (data types, ExcelApi
  // 1.16) are checked at run time, so older Excel still loads the add-in.
  requirements: [
    { name: 'ExcelApi', minVersion: '1.7' },
    { name: 'SharedRuntime', minVersion: '1.1' },
    { name: 'CustomFunctionsRuntime', minVersion: '1.3' },
  ],
  ribbon: {
    tab: 'TabHome',
    groupId: 'CompetencyGroup',
    buttonId: 'ShowTaskpaneButton',
    group: { 'en-US': 'Competency', 'pt-BR': 'Competência', 'de-DE': 'Kompetenz', 'zh-TW': '能力', 'ko-KR': '역량', 'it-IT': 'Competenza' },
    button: { 'en-US': 'Cloud CRM status', 'pt-BR': 'Status Cloud CRM', 'de-DE': 'Cloud CRM-Status', 'zh-TW': 'Cloud CRM 狀態', 'ko-KR': 'Cloud CRM 상태', 'it-IT': 'Stato Cloud CRM' },
    tooltip: {
      'en-US': 'Evaluate the Cloud CRM competency of the partners in this workbook.',
      'pt-BR': 'Avalia a competência Cloud CRM dos parceiros desta pasta de trabalho.',
      'de-DE': 'Bewertet die Cloud CRM-Kompetenz der Partner in dieser Arbeitsmappe.',
      'zh-TW': '評估此活頁簿中合作夥伴的 Cloud CRM 能力。',
      'ko-KR': '이 통합 문서에 있는 파트너의 Cloud CRM 역량을 평가합니다.',
      'it-IT': 'Valuta la competenza Cloud CRM dei partner di questa cartella di lavoro.',
    },
  },
  getStarted: {
    title: {
      'en-US': 'Track your Cloud CRM competency',
      'pt-BR': 'Acompanhe sua competência Cloud CRM',
      'de-DE': 'Verfolgen Sie Ihre Cloud CRM-Kompetenz',
      'zh-TW': '追蹤您的 Cloud CRM 能力',
      'ko-KR': 'Cloud CRM 역량 추적',
      'it-IT': 'Monitora la tua competenza Cloud CRM',
    },
    description: {
      'en-US': 'Open the Cloud CRM status pane from the Home tab, or type =MPN.LEVEL( in a cell.',
      'pt-BR': 'Abra o painel Status Cloud CRM na guia Página Inicial ou digite =MPN.LEVEL( em uma célula.',
      'de-DE': 'Öffnen Sie den Bereich Cloud CRM-Status auf der Registerkarte Start, oder geben Sie =MPN.LEVEL( in eine Zelle ein.',
      'zh-TW': '從 [常用] 索引標籤開啟 Cloud CRM 狀態窗格，或在儲存格中輸入 =MPN.LEVEL(。',
      'ko-KR': '홈 탭에서 Cloud CRM 상태 창을 열거나 셀에 =MPN.LEVEL(을 입력하세요.',
      'it-IT': 'Apri il riquadro Stato Cloud CRM dalla scheda Home oppure digita =MPN.LEVEL( in una cella.',
    },
  },
};

module.exports = { ADDIN, LOCALES };
