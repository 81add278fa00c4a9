/**
 * Phase 5 of an evaluation: what each counted certification row does now that slots are known:
 * it fills a slot (and for which level), it is valid but not needed, or it leaves its holder
 * short of a slot (an application exam without a deployment exam, or the reverse) and so does
 * not count yet.
 */
import type { CertificationColumns } from '../columns';
import { CC } from '../reasons';
import { APPLICATION, CUSTOMIZATION, DEPLOYMENT, ROLES, type PassRecord } from './certifications';
import { AD_SLOT, C_SLOT } from './status';

/** Counts-as codes (indices into COUNTS_AS). */
const NOT_COUNTED = 0, FILLS_AD = 1, FILLS_C = 2, NOT_NEEDED = 3;

/** Per row: counts-as code and slot level; per partner: rows that count. */
export interface CountsAs {
  readonly countsAs: Uint8Array;
  readonly slotLevel: Uint8Array;
  readonly countedPerPartner: Int32Array;
}

/**
 * Settles each counted row's role in the slots; rows short of a slot get their reason in `reasons`.
 * @example const { countsAs } = countsAsOf(columns, passes, partnerOf, partnerCount, asOfDay, slotOf, slotLevelOf, passes.reasons)
 */
export function countsAsOf(
  cert: CertificationColumns, passes: PassRecord, partnerOf: Int32Array, partnerCount: number, asOfDay: number,
  slotOf: Int8Array, slotLevelOf: Uint8Array, reasons: Uint8Array,
): CountsAs {
  // Imported constants as locals: see sumRevenue.
  const cc = CC, roles = ROLES, application = APPLICATION, deployment = DEPLOYMENT, customization = CUSTOMIZATION, adSlot = AD_SLOT, cSlot = C_SLOT;
  const rowCount = cert.length;
  const countsAs = new Uint8Array(rowCount);
  const slotLevel = new Uint8Array(rowCount);
  const countedPerPartner = new Int32Array(partnerCount);
  const holds = passes.until[0] as Float64Array;
  const role = passes.examRole[0] as Int8Array;
  const { individual: rowPerson, exam: rowExam, partner: rowPartner } = cert;
  for (let i = 0; i < rowCount; i++) {
    if (reasons[i] !== cc.Counted) continue;
    const who = rowPerson[i] as number;
    const rowRole = role[rowExam[i] as number] as number;
    const fillsAD = rowRole === application || rowRole === deployment;
    const slot = slotOf[who] as number;
    const base = who * roles;
    const holdsAD = (holds[base + application] as number) >= asOfDay && (holds[base + deployment] as number) >= asOfDay;
    const holdsC = (holds[base + customization] as number) >= asOfDay;
    if (slot === adSlot && fillsAD) { countsAs[i] = FILLS_AD; slotLevel[i] = slotLevelOf[who] as number; }
    else if (slot === cSlot && rowRole === customization) { countsAs[i] = FILLS_C; slotLevel[i] = slotLevelOf[who] as number; }
    else if ((fillsAD && holdsAD) || (rowRole === customization && holdsC)) countsAs[i] = NOT_NEEDED;
    else {
      // An exam that is valid but leaves its holder short of a slot does not count (yet).
      countsAs[i] = NOT_COUNTED;
      reasons[i] = rowRole === application ? cc.NeedsDeployment : cc.NeedsApplication;
      continue;
    }
    countedPerPartner[partnerOf[rowPartner[i] as number] as number]!++;
  }
  return { countsAs, slotLevel, countedPerPartner };
}
