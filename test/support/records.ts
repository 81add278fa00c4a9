/** Small builders for evaluator tests: readable rows with sensible defaults. */
import type { CertificationRecord, RevenueRecord } from '../../src/core';

/** A counted-looking DPOR revenue row for CRM Online; override any field. */
export function rev(date: string, usd: number, extra: Partial<RevenueRecord> = {}): RevenueRecord {
  return { product: 'CRM Online', date, amountCents: Math.round(usd * 100), attribution: 'DPOR', ...extra };
}

/** A certification row; override any field. */
export function pass(individual: string, exam: string, datePassed: string, extra: Partial<CertificationRecord> = {}): CertificationRecord {
  return { individual, exam, datePassed, ...extra };
}

/** Passes that give one person an application and a deployment exam. */
export function appDep(individual: string, date = '2017-09-01', extra: Partial<CertificationRecord> = {}): CertificationRecord[] {
  return [pass(individual, 'MB2-714', date, extra), pass(individual, 'MB2-710', date, extra)];
}

/** A pass that gives one person a customization exam. */
export function cust(individual: string, date = '2017-09-01', extra: Partial<CertificationRecord> = {}): CertificationRecord[] {
  return [pass(individual, 'MB2-712', date, extra)];
}

/** Exam passes for a full Silver team (1 + 1). */
export const SILVER_TEAM: readonly CertificationRecord[] = [...appDep('Ana Souza'), ...cust('Bruno Lima')];
/** Exam passes for a full Gold team (2 + 2). */
export const GOLD_TEAM: readonly CertificationRecord[] = [...appDep('Ana Souza'), ...appDep('Carla Dias'), ...cust('Bruno Lima'), ...cust('Davi Reis')];
