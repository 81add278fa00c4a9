/**
 * The few words the product reads back from workbooks in any of its languages, whatever the
 * user's: the names of our own sheets (so a re-run skips them), the headers of the status columns
 * we write beside input tables, and the level names a function argument may give. They live here,
 * apart from the catalogues, because the task pane loads only its own language's catalogue
 * (catalogues.lazy.ts) but must still recognise a workbook written in another. Each catalogue
 * includes its language's words, so `t` and the catalogues' tests see them as ordinary keys.
 */
import type { Locale } from './index';

/** The keys of the words recognised in every language. */
export const WORD_KEYS = ['level.gold', 'level.silver', 'column.counted', 'column.reason', 'column.countsAs', 'sheet.status', 'sheet.issues', 'sheet.timeline'] as const;

/** A word recognised in every language. */
export type WordKey = (typeof WORD_KEYS)[number];

/** The words of each language. */
export const WORDS = {
  'en-US': {
    'level.gold': 'Gold',
    'level.silver': 'Silver',
    'column.counted': 'Counted',
    'column.reason': 'Reason',
    'column.countsAs': 'Counts as',
    'sheet.status': 'Competency Status',
    'sheet.issues': 'Competency Issues',
    'sheet.timeline': "Competency Timeline",
  },
  'pt-BR': {
    'level.gold': 'Gold',
    'level.silver': 'Silver',
    'column.counted': 'Contado',
    'column.reason': 'Motivo',
    'column.countsAs': 'Conta como',
    'sheet.status': 'Status da competência',
    'sheet.issues': 'Problemas da competência',
    'sheet.timeline': "Linha do tempo da competência",
  },
  'de-DE': {
    'level.gold': 'Gold',
    'level.silver': 'Silver',
    'column.counted': 'Gezählt',
    'column.reason': 'Grund',
    'column.countsAs': 'Zählt als',
    'sheet.status': 'Kompetenzstatus',
    'sheet.issues': 'Kompetenzprobleme',
    'sheet.timeline': "Kompetenzverlauf",
  },
  'zh-TW': {
    'level.gold': 'Gold',
    'level.silver': 'Silver',
    'column.counted': '已計入',
    'column.reason': '原因',
    'column.countsAs': '計為',
    'sheet.status': '能力狀態',
    'sheet.issues': '能力問題',
    'sheet.timeline': "能力時間軸",
  },
  'ko-KR': {
    'level.gold': 'Gold',
    'level.silver': 'Silver',
    'column.counted': '인정됨',
    'column.reason': '이유',
    'column.countsAs': '인정 항목',
    'sheet.status': '역량 상태',
    'sheet.issues': '역량 문제',
    'sheet.timeline': "역량 타임라인",
  },
  'it-IT': {
    'level.gold': 'Gold',
    'level.silver': 'Silver',
    'column.counted': 'Conteggiato',
    'column.reason': 'Motivo',
    'column.countsAs': 'Conta come',
    'sheet.status': 'Stato competenza',
    'sheet.issues': 'Problemi competenza',
    'sheet.timeline': "Andamento competenza",
  },
} as const satisfies Readonly<Record<Locale, Readonly<Record<WordKey, string>>>>;
