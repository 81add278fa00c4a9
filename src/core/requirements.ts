/**
 * Requirement results: for each level and each of its requirements, what the rules require,
 * what the partner has, and whether it is met, so that every screen and sheet can explain a
 * level without knowing a rule (in the spirit of a rules engine whose results explain
 * themselves). Core computes them; adapters only render them.
 */
import type { AttainableLevel, Market, Rulebook } from './rulebook';
import type { SlotAssignment, SlotCounts } from './slots';

/** The requirements of one level, in the order they are shown. */
export type RequirementId = 'revenue' | 'application+deployment' | 'customization' | 'individuals';

/** Every requirement id, in display order. */
export const REQUIREMENT_IDS: readonly RequirementId[] = ['revenue', 'application+deployment', 'customization', 'individuals'];

/**
 * What a requirement counts: US cents of TTM revenue, filled slots of one kind, or the distinct
 * individuals holding the level's slots (one person fills one slot).
 */
export type RequirementUnit = 'cents' | 'slots' | 'individuals';

/** One requirement of one level, evaluated: `met` is exactly `actual >= required`. */
export interface RequirementResult {
  readonly id: RequirementId;
  readonly level: AttainableLevel;
  readonly unit: RequirementUnit;
  readonly required: number;
  readonly actual: number;
  readonly met: boolean;
}

/** A level's requirements; the level's `met` is true when all four are. */
export interface LevelRequirements {
  readonly level: AttainableLevel;
  readonly met: boolean;
  readonly revenue: RequirementResult;
  readonly applicationDeployment: RequirementResult;
  readonly customization: RequirementResult;
  readonly individuals: RequirementResult;
}

/** Requirement results of both levels. */
export type Requirements = Readonly<Record<AttainableLevel, LevelRequirements>>;

function result(id: RequirementId, level: AttainableLevel, unit: RequirementUnit, required: number, actual: number): RequirementResult {
  return { id, level, unit, required, actual, met: actual >= required };
}

/**
 * A level's requirement results. Filled slots come from the slot assignment shown to users:
 * the slots of a kind it fills, capped at what the level needs (the assignment fills Silver's
 * slots first, then Gold's extra ones, each kind as far as the people allow, so a kind the
 * assignment leaves short cannot be filled by anyone). Individuals are the people in those
 * slots: one person holding all three exam kinds fills one slot, not two.
 * @example levelRequirements("silver", 120_000_00, 100_000_00, rulebook.slots.silver, status.slots).revenue.met === true
 */
export function levelRequirements(
  level: AttainableLevel, ttmRevenueCents: number, thresholdCents: number, needed: SlotCounts, slots: readonly SlotAssignment[],
): LevelRequirements {
  let applicationDeployment = 0, customization = 0;
  for (const s of slots) {
    if (s.slot === 'application+deployment') applicationDeployment++;
    else customization++;
  }
  const filledAD = Math.min(needed.applicationDeployment, applicationDeployment);
  const filledC = Math.min(needed.customization, customization);
  const revenue = result('revenue', level, 'cents', thresholdCents, ttmRevenueCents);
  const ad = result('application+deployment', level, 'slots', needed.applicationDeployment, filledAD);
  const c = result('customization', level, 'slots', needed.customization, filledC);
  const individuals = result('individuals', level, 'individuals', needed.applicationDeployment + needed.customization, filledAD + filledC);
  return { level, met: revenue.met && ad.met && c.met && individuals.met, revenue, applicationDeployment: ad, customization: c, individuals };
}

/**
 * Both levels' requirement results for a partner in a market under a rulebook.
 * @example requirementsOf(rulebook, "developed", 120_000_00, status.slots).silver.met
 */
export function requirementsOf(rulebook: Rulebook, market: Market, ttmRevenueCents: number, slots: readonly SlotAssignment[]): Requirements {
  return {
    silver: levelRequirements('silver', ttmRevenueCents, rulebook.thresholdsCents.silver[market], rulebook.slots.silver, slots),
    gold: levelRequirements('gold', ttmRevenueCents, rulebook.thresholdsCents.gold[market], rulebook.slots.gold, slots),
  };
}

/**
 * A level's results as a list, in REQUIREMENT_IDS order (for renderers that iterate).
 * @example requirementList(status.requirements.gold).filter((r) => !r.met).map((r) => r.id)
 */
export function requirementList(level: LevelRequirements): readonly RequirementResult[] {
  return [level.revenue, level.applicationDeployment, level.customization, level.individuals];
}
