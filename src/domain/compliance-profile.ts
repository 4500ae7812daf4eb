// The compliance profiles a campaign can follow (R5.5), the ranges of every rule a profile has,
// and the rules a CUSTOM campaign sets for itself (each field optional: the rest comes from the
// profile CUSTOM starts from, see compliance/profiles.ts). The rules themselves live in
// compliance/profiles.ts; the ranges live here, below the campaign schema that checks them.
import { z } from 'zod'
import { boundedInt, boundedNumber } from './config/schema-kit.ts'

export const COMPLIANCE_PROFILES = ['US', 'UK', 'CUSTOM'] as const
export type ComplianceProfile = (typeof COMPLIANCE_PROFILES)[number]
/** The regions a national do-not-call list serves (R5.4): the US registry, the UK TPS. */
export const NATIONAL_DNC_REGIONS = ['US', 'UK'] as const
export type NationalDncRegion = (typeof NATIONAL_DNC_REGIONS)[number]

const HOUR_SEC = 3600
const DAY_SEC = 24 * HOUR_SEC

/** Abandon cap, R5.5: 3 % of live-answered calls. Appendix A: 1.0–100.0 in steps of 0.1. */
export const ABANDON_RATE_PCT_MAX_MIN = 1
export const ABANDON_RATE_PCT_MAX_MAX = 100
export const ABANDON_WINDOW_SEC_MIN = 60
export const ABANDON_WINDOW_SEC_MAX = 90 * DAY_SEC
/** R2.3: the no-answer ring limit tops out at 80 s, so a higher minimum could never be met. */
export const RING_SEC_MIN_MAX = 80
export const REPEAT_AFTER_ABANDON_SEC_MAX = 30 * DAY_SEC
export const NATIONAL_DNC_AGE_SEC_MAX_MIN = DAY_SEC
export const NATIONAL_DNC_AGE_SEC_MAX_MAX = 365 * DAY_SEC
export const CONNECT_SEC_MAX_MAX = 10

/** Appendix A: percentages in steps of 0.1 (checked with a tolerance for binary fractions). */
export function isTenthStep(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-9
}

/** What a CUSTOM campaign may set over its profile's rules besides the calling hours (R5.5). */
export const customComplianceRuleFields = {
  abandonRatePctMax: boundedNumber({
    field: 'abandonRatePctMax',
    min: ABANDON_RATE_PCT_MAX_MIN,
    max: ABANDON_RATE_PCT_MAX_MAX,
    unit: '%',
    why: 'R5.5 abandon cap of live-answered calls per window, Appendix A',
  })
    .refine(isTenthStep, 'abandonRatePctMax is set in steps of 0.1 % (Appendix A)')
    .optional(),
  abandonWindowSec: boundedInt({
    field: 'abandonWindowSec',
    min: ABANDON_WINDOW_SEC_MIN,
    max: ABANDON_WINDOW_SEC_MAX,
    unit: 's',
    why: 'R5.5 the window the abandon cap is measured over (US 30 days, UK 24 h)',
  }).optional(),
  repeatAfterAbandonSec: boundedInt({
    field: 'repeatAfterAbandonSec',
    min: 0,
    max: REPEAT_AFTER_ABANDON_SEC_MAX,
    unit: 's',
    why: 'R5.5 no repeat call to a number whose call was abandoned within this long; 0 turns it off',
  }).optional(),
  ringSecMin: boundedInt({
    field: 'ringSecMin',
    min: 1,
    max: RING_SEC_MIN_MAX,
    unit: 's',
    why: 'R5.5, R2.3 minimum ring time before a no-answer; the ring limit tops out at 80 s',
  }).optional(),
  nationalDncAgeSecMax: boundedInt({
    field: 'nationalDncAgeSecMax',
    min: NATIONAL_DNC_AGE_SEC_MAX_MIN,
    max: NATIONAL_DNC_AGE_SEC_MAX_MAX,
    unit: 's',
    why: 'R5.4 the oldest national DNC copy the campaign dials on (US 31 days, UK 28 days)',
  }).optional(),
  /** The national lists that apply: those of these regions, each with its own load date. */
  nationalDncRegions: z
    .array(
      z.enum(NATIONAL_DNC_REGIONS, {
        error: `nationalDncRegions[] must be one of ${NATIONAL_DNC_REGIONS.join(', ')} (R5.4)`,
      }),
    )
    .min(1, 'nationalDncRegions names at least one region (switch ndncEnabled off for none)')
    .max(NATIONAL_DNC_REGIONS.length)
    .refine(
      (regions) => new Set(regions).size === regions.length,
      'nationalDncRegions names each region once',
    )
    .optional(),
  abandonMessageRequired: z
    .boolean({ error: 'abandonMessageRequired must be true or false (R5.5)' })
    .optional(),
  connectSecMax: boundedInt({
    field: 'connectSecMax',
    min: 1,
    max: CONNECT_SEC_MAX_MAX,
    unit: 's',
    why: 'R5.5 the connect rule: a live person not connected within this long is abandoned',
  }).optional(),
}
export type CustomComplianceRuleField = keyof typeof customComplianceRuleFields
export const CUSTOM_COMPLIANCE_RULE_FIELDS = Object.keys(
  customComplianceRuleFields,
) as CustomComplianceRuleField[]
