/**
 * Partner ids as one partner whatever their spelling (docs/rules.md 11, issue 20.6): an id made
 * of digits is a number, so 123, "00123", "1,234,567" and "1234567.0" name the partners 123 and
 * 1234567 wherever they are typed; any other id is compared as written, in Unicode NFC.
 */

/** Digits with a thousands separator: "1,234,567", "1.234.567", "1 234 567", "1'234'567". */
const GROUPED = /^\d{1,3}(?:([,. '\u00a0\u202f])\d{3})(?:\1\d{3})*$/;
/** Digits with decimal zeros: "1234567.0", "123,00". */
const ZERO_DECIMALS = /^(\d+)[.,]0+$/;

/**
 * The id a partner id is compared as: the digits of a digits-only id without leading zeros
 * or separators (its number, exactly, however long), else the text in NFC.
 * @example partnerIdKey("00123") === "123"; partnerIdKey("1,234,567") === "1234567"; partnerIdKey("1234567.0") === "1234567"; partnerIdKey("P1") === "P1"
 * @throws nothing
 */
export function partnerIdKey(text: string): string {
  let digits: string | undefined;
  if (/^\d+$/.test(text)) digits = text;
  else if (GROUPED.test(text)) digits = text.replace(/\D/g, '');
  else digits = ZERO_DECIMALS.exec(text)?.[1];
  if (digits === undefined) return text.normalize('NFC');
  const trimmed = digits.replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

/**
 * The partner ids of one workbook read so far: each spelling's id (partnerIdKey), and the first
 * spelling of each id, so a second, different spelling of the same partner is said once.
 * @example const ids = new PartnerIds(); ids.read("00123").id === "123"; ids.read("123").firstSpelling === "00123"
 * @throws nothing
 */
export class PartnerIds {
  /** Spelling as read -> its id, as read() answers it (most rows repeat a spelling already seen: one look-up, nothing made). */
  private readonly ids = new Map<string, { readonly id: string }>();
  /** Id -> the first spelling read, in NFC. */
  private readonly first = new Map<string, string>();

  /**
   * The id of a spelling; `firstSpelling` is set the first time a spelling visibly different from
   * the id's first one is read (then the caller warns), and never again for that spelling.
   * @throws nothing
   */
  read(spelling: string): { readonly id: string; readonly firstSpelling?: string } {
    const known = this.ids.get(spelling);
    if (known !== undefined) return known;
    const id = partnerIdKey(spelling);
    this.ids.set(spelling, { id });
    const visible = spelling.normalize('NFC');
    const first = this.first.get(id);
    if (first === undefined) { this.first.set(id, visible); return { id }; }
    return first === visible ? { id } : { id, firstSpelling: first };
  }
}
