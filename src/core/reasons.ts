/**
 * Why a row counted or not. Rows carry a small integer code (one byte per row, because a
 * workbook may have a million of them); these tables turn codes into stable string ids that the
 * message files translate.
 */

/** Why a revenue row counted or did not. */
export type RevenueReason =
  | 'counted'
  | 'product-not-eligible'
  | 'attribution-not-accepted'
  | 'after-as-of'
  | 'outside-window'
  | 'invalid-date'
  | 'invalid-amount'
  | 'product-unknown';

/** Revenue reasons by code (new reasons go at the end: codes are stable). */
export const REVENUE_REASONS: readonly RevenueReason[] = [
  'counted', 'product-not-eligible', 'attribution-not-accepted', 'after-as-of', 'outside-window', 'invalid-date', 'invalid-amount', 'product-unknown',
];

/** Why a certification row counted or did not. */
export type CertificationReason =
  | 'counted'
  | 'needs-deployment-exam'
  | 'needs-application-exam'
  | 'individual-left'
  | 'exam-unknown'
  | 'exam-not-accepted'
  | 'passed-after-as-of'
  | 'passed-before-available'
  | 'no-longer-accepted'
  | 'invalid-date'
  | 'invalid-individual';

/** Certification reasons by code. */
export const CERTIFICATION_REASONS: readonly CertificationReason[] = [
  'counted', 'needs-deployment-exam', 'needs-application-exam', 'individual-left', 'exam-unknown', 'exam-not-accepted',
  'passed-after-as-of', 'passed-before-available', 'no-longer-accepted', 'invalid-date', 'invalid-individual',
];

/** What a certification row does for its partner: the slot it fills, or that it is not needed, or nothing. */
export type CountsAs = 'application+deployment' | 'customization' | 'not-needed' | 'not-counted';

/** Counts-as values by code. */
export const COUNTS_AS: readonly CountsAs[] = ['not-counted', 'application+deployment', 'customization', 'not-needed'];

/** Revenue reason codes, named for the evaluator's hot loop (indices into REVENUE_REASONS). */
export const RC = { Counted: 0, Product: 1, Attribution: 2, After: 3, Outside: 4, InvalidDate: 5, InvalidAmount: 6, UnknownProduct: 7 } as const;
/** Certification reason codes (indices into CERTIFICATION_REASONS). */
export const CC = {
  Counted: 0, NeedsDeployment: 1, NeedsApplication: 2, Left: 3, Unknown: 4, NotAccepted: 5, After: 6,
  BeforeAvailable: 7, NoLongerAccepted: 8, InvalidDate: 9, InvalidIndividual: 10,
} as const;
