/**
 * Deterministic synthetic data for benchmarks: a distributor's revenue and certification rows
 * over many partners, with the mix of real exports (ineligible products, non-DPOR rows, credits,
 * exams of both rulebooks in various spellings, non-CRM exams, leavers).
 */
import {
  CertificationColumnsBuilder, RevenueColumnsBuilder, dayFromIso, isoFromDay,
  type CertificationColumns, type CertificationRecord, type RevenueColumns, type RevenueRecord,
} from '../src/core';
import { prng } from '../test/support/prng';

const PRODUCTS = ['CRM Online', 'Dynamics 365 Customer Engagement', 'Dynamics 365 Plan 1', 'crm online', 'Office 365 E3', 'Azure'];
const ATTRIBUTIONS = ['DPOR', 'DPOR', 'DPOR', 'DPOR', 'DPOR', 'DPOR', 'DPOR', 'DPOR', 'CPOR', 'Transacting'];
const EXAMS = ['MB2-714', 'MB2-713', 'MB2-709', 'MB2-717', 'mb2 718', 'MB2-877', 'MB2-710', 'Exam MB2-706', 'MB2-715', 'MB2-712', 'MB2-707', 'MB2716', 'AZ-900'];

/** Sizes of one benchmark case. */
export interface Size { readonly revenue: number; readonly certifications: number; readonly partners: number }

/** Generated rows, as plain records. */
export interface Generated { readonly revenue: RevenueRecord[]; readonly certifications: CertificationRecord[] }

/**
 * Rows dated over the 18 months to 2018-03-31 (as-of 2018-03-15 in the benchmarks).
 * @example const g = generate({ revenue: 1000, certifications: 200, partners: 10 }, 1)
 */
export function generate(size: Size, seed: number): Generated {
  const rand = prng(seed);
  const int = (n: number): number => Math.floor(rand() * n);
  const partnerIds = Array.from({ length: size.partners }, (_, i) => `P${String(i + 1).padStart(6, '0')}`);
  const start = dayFromIso('2016-10-01') as number, span = (dayFromIso('2018-03-31') as number) - start;
  const isoDays = Array.from({ length: span + 1 }, (_, d) => isoFromDay(start + d));
  const revenue: RevenueRecord[] = new Array<RevenueRecord>(size.revenue);
  for (let i = 0; i < size.revenue; i++) {
    const credit = rand() < 0.03;
    revenue[i] = {
      partnerId: partnerIds[int(size.partners)] as string,
      product: PRODUCTS[int(PRODUCTS.length)] as string,
      date: isoDays[int(span + 1)] as string,
      amountCents: (credit ? -1 : 1) * (10_000 + int(5_000_000)),
      attribution: ATTRIBUTIONS[int(ATTRIBUTIONS.length)] as string,
    };
  }
  const people = Math.max(1, Math.round(size.certifications / size.partners / 3));
  const certifications: CertificationRecord[] = new Array<CertificationRecord>(size.certifications);
  for (let i = 0; i < size.certifications; i++) {
    const p = int(size.partners);
    certifications[i] = {
      partnerId: partnerIds[p] as string,
      individual: `person ${int(people)} of ${partnerIds[p] as string}`,
      exam: EXAMS[int(EXAMS.length)] as string,
      datePassed: isoDays[int(span + 1)] as string,
      active: rand() > 0.02,
    };
  }
  return { revenue, certifications };
}

/** The same rows as the columns the sheets layer builds while it parses cells. */
export function toColumns(g: Generated): { revenue: RevenueColumns; certifications: CertificationColumns } {
  const rb = new RevenueColumnsBuilder(g.revenue.length);
  for (const r of g.revenue) {
    rb.add(r.partnerId, r.product, dayFromIso(r.date) as number, r.amountCents, r.attribution);
  }
  const cb = new CertificationColumnsBuilder(g.certifications.length);
  for (const c of g.certifications) cb.add(c.partnerId, c.individual, c.exam, dayFromIso(c.datePassed) as number, c.active !== false);
  return { revenue: rb.build(), certifications: cb.build() };
}
