/**
 * People as the certification table knows them, for input typed by a user (a what-if pass names
 * a person): which partners a person belongs to, and the nearest name when a typed one matches
 * no one (a slip such as "Minjun Kim" for "Min-jun Kim").
 */
import { certificationColumns, individualKey, type CertificationColumns, type CertificationRecord } from './columns';

type Certifications = CertificationColumns | readonly CertificationRecord[];

function columnsOf(certifications: Certifications): CertificationColumns {
  return Array.isArray(certifications) ? certificationColumns(certifications as readonly CertificationRecord[]) : (certifications as CertificationColumns);
}

/** A partner id as the columns hold it ("" for one organisation without partner ids). */
const partnerOf = (cols: CertificationColumns, who: number): string | null => {
  const id = cols.partnerIds[cols.individualPartner[who] ?? -1] ?? '';
  return id === '' ? null : id;
};

/** True when a person of the columns is the one typed: by their key (name, e-mail, MCP ID) or the name they are shown by. */
const isPerson = (cols: CertificationColumns, who: number, key: string): boolean =>
  cols.individualKeys[who] === key || individualKey(cols.individualNames[who] ?? '') === key;

/**
 * The partners (in the order their people first appear; null for one organisation) whose
 * certification rows hold a person, written as the table writes them or by the name they are shown by.
 * @example partnersOfPerson(certs, "min-jun kim") // ["1005"]
 * @throws nothing
 */
export function partnersOfPerson(certifications: Certifications, individual: string): (string | null)[] {
  const cols = columnsOf(certifications);
  const key = individualKey(individual);
  const found: (string | null)[] = [];
  for (let who = 0; who < cols.individualKeys.length; who++) {
    if (!isPerson(cols, who, key)) continue;
    const partner = partnerOf(cols, who);
    if (!found.includes(partner)) found.push(partner);
  }
  return found;
}

/** A name as compared for nearness: its key, without accents and punctuation. */
function looseKey(text: string): string {
  return individualKey(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}@]/gu, '');
}

/**
 * Levenshtein distance between two strings (by code point), stopping early past `limit`.
 * @example editDistance("minjunkim", "minjunkin", 3) === 1
 * @throws nothing
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const x = [...a], y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
      cur.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/**
 * The partner's person whose name (or e-mail, or MCP ID) is nearest the one typed, as they are
 * shown, when near enough to be a slip: at most one edit in four characters (at least one), case,
 * spaces, accents and punctuation not counted. Undefined when the partner has no one that near.
 * @example nearestPerson(certs, "1005", "Minjun Kim") === "Min-jun Kim"
 * @throws nothing
 */
export function nearestPerson(certifications: Certifications, partnerId: string | null, individual: string): string | undefined {
  const cols = columnsOf(certifications);
  const typed = looseKey(individual);
  const limit = Math.max(1, Math.floor([...typed].length / 4));
  let best: { name: string; distance: number } | undefined;
  for (let who = 0; who < cols.individualKeys.length; who++) {
    if (partnerOf(cols, who) !== (partnerId === '' ? null : partnerId)) continue;
    const name = cols.individualNames[who] ?? cols.individualKeys[who] ?? '';
    const distance = Math.min(editDistance(typed, looseKey(name), limit), editDistance(typed, looseKey(cols.individualKeys[who] ?? ''), limit));
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
