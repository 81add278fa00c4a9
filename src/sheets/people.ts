/**
 * People as one person however their rows name them (docs/rules.md 11, issue 20.6). A row names
 * a person by MCP ID, else e-mail, else name; rows of one partner are then one person when they
 * share an MCP ID or an e-mail, and a row with only a name is the person who has that name with
 * an MCP ID or e-mail when exactly one does. Names are compared without accents, case or spaces
 * ("José Lima", "jose  lima"), with a warning naming both spellings.
 */
import { individualKey, type CertificationColumns } from '../core';
import { t, type Locale } from '../i18n';
import { a1 } from './cells';
import type { DataIssue } from './issues';

/**
 * A name as compared: without accents, case or white space.
 * @example personNameKey(" José  LIMA ") === personNameKey("Jose Lima")
 * @throws nothing
 */
export function personNameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC').toLowerCase().replace(/\s+/g, '');
}

/** A name as written, for the warning: NFC, trimmed, single spaces. */
const spellingOf = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ');

/** Where a row names its person: for a warning found after every row is read. */
export interface PersonCell {
  readonly sheet: string;
  /** 0-based sheet row and column. */
  readonly row: number;
  readonly col: number;
  /** The column's header text. */
  readonly column: string;
  readonly partnerId: string | null;
}

/** What the rows of one person (as the columns builder keyed it) say about who they are. */
interface Person {
  /** MCP IDs and e-mails, compared as keys ("m\0...", "e\0..."). */
  readonly ids: Set<string>;
  /** Names, as personNameKey. */
  readonly names: Set<string>;
  /** Its first row, when its rows give only a name. */
  where: PersonCell | undefined;
}

/** The first spelling of a name of one partner, and the other spellings already said. */
interface Spelling { readonly spelling: string; readonly nameOnly: boolean; readonly told: Set<string> }

/** A union-find over people: parent[p] leads to the person p is one with. */
function root(parent: Int32Array, p: number): number {
  let r = p;
  while (parent[r] !== r) r = parent[r] as number;
  for (let q = p; parent[q] !== r; ) { const next = parent[q] as number; parent[q] = r; q = next; }
  return r;
}

/**
 * The people of one workbook's certification rows, noted row by row while they are read, then
 * merged once every row is read (merge).
 * @example const people = new People("en-US"); people.note(0, "P1", "", "ana@x.com", "Ana", where); people.merge(columns, issues)
 * @throws nothing
 */
export class People {
  private readonly people: Person[] = [];
  private readonly spellings = new Map<string, Spelling>();
  /** A name as written -> its key (personNameKey) and its spelling (spellingOf): names repeat row after row. */
  private readonly names = new Map<string, { readonly key: string; readonly spelling: string }>();
  /** An MCP ID or e-mail as written -> its id key ("m\0...", "e\0..."): every row of a person repeats it. */
  private readonly idKeys = [new Map<string, string>(), new Map<string, string>()] as const;

  constructor(private readonly locale: Locale) {}

  /**
   * Notes one row of person `person` (the builder's individual index). Returns the first spelling
   * of the row's name when the row's spelling differs from it and one of the two rows named the
   * person by name alone, once per spelling: the caller warns (individual.spelling).
   * @throws nothing
   */
  note(person: number, partnerId: string, mcp: string, email: string, name: string, where: () => PersonCell): string | undefined {
    const p = this.people[person] ??= { ids: new Set(), names: new Set(), where: undefined };
    if (mcp !== '') p.ids.add(this.idKey(0, mcp));
    if (email !== '') p.ids.add(this.idKey(1, email));
    const nameOnly = mcp === '' && email === '';
    if (nameOnly && p.where === undefined) p.where = where();
    if (name === '') return undefined;
    let form = this.names.get(name);
    if (form === undefined) this.names.set(name, form = { key: personNameKey(name), spelling: spellingOf(name) });
    const { key, spelling } = form;
    p.names.add(key);
    const of = `${partnerId}\u0000${key}`;
    const first = this.spellings.get(of);
    if (first === undefined) { this.spellings.set(of, { spelling, nameOnly, told: new Set() }); return undefined; }
    if (first.spelling === spelling || !(nameOnly || first.nameOnly) || first.told.has(spelling)) return undefined;
    first.told.add(spelling);
    return first.spelling;
  }

  /** The id key of an MCP ID (kind 0) or e-mail (kind 1) as written, made once per text. */
  private idKey(kind: 0 | 1, text: string): string {
    const keys = this.idKeys[kind];
    let key = keys.get(text);
    if (key === undefined) keys.set(text, key = `${kind === 0 ? 'm' : 'e'}\u0000${individualKey(text)}`);
    return key;
  }

  /**
   * The columns with each person's rows as one individual: people sharing an MCP ID or e-mail,
   * and people named only by a name that exactly one person with an MCP ID or e-mail (or none)
   * has. A name that several such people have is a warning at the row (individual.ambiguous),
   * and that row stays a person of its own. Returns `columns` itself when nobody merges.
   * @throws nothing
   */
  merge(columns: CertificationColumns, issues: DataIssue[]): CertificationColumns {
    const n = columns.individualKeys.length;
    const parent = Int32Array.from({ length: n }, (_, i) => i);
    let merged = false;
    const join = (a: number, b: number): void => {
      const ra = root(parent, a), rb = root(parent, b);
      if (ra !== rb) { parent[Math.max(ra, rb)] = Math.min(ra, rb); merged = true; }
    };
    const partnerOf = (p: number): number => columns.individualPartner[p] ?? -1;
    // People sharing an MCP ID or an e-mail are one.
    const byId = new Map<string, number>();
    this.people.forEach((p, who) => {
      for (const id of p.ids) {
        const k = `${partnerOf(who)}\u0000${id}`, other = byId.get(k);
        if (other === undefined) byId.set(k, who); else join(other, who);
      }
    });
    // Who has each name with an MCP ID or e-mail, and the people named by a name alone.
    const withId = new Map<string, Set<number>>(), nameOnly = new Map<string, number>();
    this.people.forEach((p, who) => {
      for (const name of p.names) {
        const k = `${partnerOf(who)}\u0000${name}`;
        if (p.ids.size > 0) { let s = withId.get(k); if (!s) withId.set(k, s = new Set()); s.add(root(parent, who)); }
        else { const other = nameOnly.get(k); if (other === undefined) nameOnly.set(k, who); else join(other, who); }
      }
    });
    for (const [k, who] of nameOnly) {
      const owners = [...(withId.get(k) ?? [])].map((r) => root(parent, r)).filter((r, i, all) => all.indexOf(r) === i);
      if (owners.length === 1) join(owners[0] as number, who);
      else if (owners.length > 1) this.ambiguous(issues, who, columns, owners.length);
    }
    return merged ? regroup(columns, parent, (who) => (this.people[who]?.ids.size ?? 0) > 0) : columns;
  }

  private ambiguous(issues: DataIssue[], who: number, columns: CertificationColumns, count: number): void {
    const where = this.people[who]?.where;
    if (!where) return;
    issues.push({
      severity: 'warning', table: 'certifications', sheet: where.sheet, row: where.row + 1, column: where.column, cell: a1(where.row, where.col),
      code: 'individual.ambiguous', message: t(this.locale, 'issue.individual.ambiguous', { value: columns.individualNames[who] ?? '', count }),
      ...(where.partnerId !== null && where.partnerId !== '' ? { partnerId: where.partnerId } : {}),
    });
  }
}

/**
 * The columns with the people of each group of `parent` as one individual, known by the group's
 * first person with an MCP ID or e-mail (else its first person); individuals stay in order of
 * their first person.
 */
function regroup(columns: CertificationColumns, parent: Int32Array, isId: (person: number) => boolean): CertificationColumns {
  const n = parent.length;
  const lead = new Int32Array(n).fill(-1);
  for (let p = 0; p < n; p++) { const r = root(parent, p); if (lead[r] === -1 && isId(p)) lead[r] = p; }
  const index = new Int32Array(n).fill(-1);
  const keys: string[] = [], names: string[] = [], partner: number[] = [];
  for (let p = 0; p < n; p++) {
    const r = root(parent, p);
    if (index[r] !== -1) continue;
    const l = lead[r] === -1 ? r : lead[r] as number;
    index[r] = keys.length;
    keys.push(columns.individualKeys[l] ?? '');
    names.push(columns.individualNames[l] ?? '');
    partner.push(columns.individualPartner[l] ?? 0);
  }
  const individual = Int32Array.from(columns.individual, (p) => index[root(parent, p)] as number);
  return { ...columns, individualKeys: keys, individualNames: names, individualPartner: Int32Array.from(partner), individual };
}
