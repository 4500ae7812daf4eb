// Compliance profiles per region (R5.5) and a campaign's compliance settings: a profile plus
// optional per-field overrides and the DNC / NDNC switches (R5.2, R5.4).
import { z } from 'zod'
import { type CallingWindow, callingWindowSchema, dailyWindow } from '../domain/calling-window.ts'
import {
  ABANDON_RATE_PCT_MAX_MAX,
  ABANDON_RATE_PCT_MAX_MIN,
  ABANDON_WINDOW_SEC_MAX,
  ABANDON_WINDOW_SEC_MIN,
  COMPLIANCE_PROFILES,
  CONNECT_SEC_MAX_MAX,
  type ComplianceProfile,
  isTenthStep,
  NATIONAL_DNC_AGE_SEC_MAX_MAX,
  NATIONAL_DNC_AGE_SEC_MAX_MIN,
  NATIONAL_DNC_REGIONS,
  type NationalDncRegion,
  REPEAT_AFTER_ABANDON_SEC_MAX,
  RING_SEC_MIN_MAX,
} from '../domain/compliance-profile.ts'
import { invariant } from '../domain/invariant.ts'
import type { NationalAgeRule } from './dnc.ts'

const HOUR_SEC = 3600
const DAY_SEC = 24 * HOUR_SEC

/** Abandon cap, R5.5: 3 % of live-answered calls. Appendix A: 1.0–100.0 in steps of 0.1. */
export const ABANDON_RATE_PCT_MAX_DEFAULT = 3
/** US (TCPA): the cap is measured over a 30-day campaign period. */
export const ABANDON_WINDOW_SEC_US = 30 * DAY_SEC
/** UK (Ofcom persistent-misuse policy): the cap is measured per 24 hours. */
export const ABANDON_WINDOW_SEC_UK = 24 * HOUR_SEC
/** Regulators require at least 15 s of ringing before a no-answer (R2.3). */
export const RING_SEC_MIN_DEFAULT = 15
/** R5.5: no repeat call within 72 h to a number whose call was abandoned. */
export const REPEAT_AFTER_ABANDON_SEC = 72 * HOUR_SEC
/** R5.4: the US national list must be at most 31 days old (FTC: rescrub every 31 days). */
export const NATIONAL_DNC_AGE_SEC_MAX_US = 31 * DAY_SEC
/** UK TPS: screen against a copy at most 28 days old. */
export const NATIONAL_DNC_AGE_SEC_MAX_UK = 28 * DAY_SEC
/** The 2-second rule (R2.1, R5.5): a live person not connected within this long is abandoned. */
export const CONNECT_SEC_MAX_DEFAULT = 2

invariant(ABANDON_WINDOW_SEC_MIN <= ABANDON_WINDOW_SEC_UK, 'UK abandon window below minimum')
invariant(ABANDON_WINDOW_SEC_US <= ABANDON_WINDOW_SEC_MAX, 'US abandon window above maximum')
invariant(RING_SEC_MIN_DEFAULT <= RING_SEC_MIN_MAX, 'default minimum ring above its maximum')
invariant(REPEAT_AFTER_ABANDON_SEC <= REPEAT_AFTER_ABANDON_SEC_MAX, 'repeat block above maximum')

export {
  ABANDON_RATE_PCT_MAX_MAX,
  ABANDON_RATE_PCT_MAX_MIN,
  ABANDON_WINDOW_SEC_MAX,
  ABANDON_WINDOW_SEC_MIN,
  COMPLIANCE_PROFILES,
  type ComplianceProfile,
  CONNECT_SEC_MAX_MAX,
  NATIONAL_DNC_AGE_SEC_MAX_MAX,
  NATIONAL_DNC_AGE_SEC_MAX_MIN,
  REPEAT_AFTER_ABANDON_SEC_MAX,
  RING_SEC_MIN_MAX,
}
export const complianceProfileSchema = z.enum(COMPLIANCE_PROFILES)

/** A profile's rules, every one explicit. What the engine reads; nothing is looked up later. */
export interface ComplianceRules {
  /** Local calling hours of the contact (R5.5). */
  callingWindow: CallingWindow
  abandonRatePctMax: number
  abandonWindowSec: number
  ringSecMin: number
  repeatAfterAbandonSec: number
  /** The regions whose national DNC lists apply (R5.4): US → the US registry, UK → the TPS. */
  nationalDncRegions: NationalDncRegion[]
  /** The oldest national copy dialled on; CUSTOM without it: each region's own rule. */
  nationalDncAgeSecMax: number
  abandonMessageRequired: boolean
  connectSecMax: number
}

export interface ResolvedCompliance extends ComplianceRules {
  profile: ComplianceProfile
  dncEnabled: boolean
  ndncEnabled: boolean
  /** Per region that applies, the oldest copy of its national lists dialled on. */
  nationalDncAgeRules: readonly NationalAgeRule[]
}

/** Each region's own rule for the age of its national list's copy (R5.4). */
export const NATIONAL_DNC_AGE_SEC_MAX_BY_REGION: Readonly<Record<NationalDncRegion, number>> = {
  US: 31 * DAY_SEC,
  UK: 28 * DAY_SEC,
}

/** TCPA / FCC 47 CFR 64.1200(c)(1): 8 am–9 pm in the called party's local time, every day. */
const US_RULES: ComplianceRules = {
  callingWindow: dailyWindow('08:00', '21:00'),
  abandonRatePctMax: ABANDON_RATE_PCT_MAX_DEFAULT,
  abandonWindowSec: ABANDON_WINDOW_SEC_US,
  ringSecMin: RING_SEC_MIN_DEFAULT,
  repeatAfterAbandonSec: REPEAT_AFTER_ABANDON_SEC,
  nationalDncRegions: ['US'],
  nationalDncAgeSecMax: NATIONAL_DNC_AGE_SEC_MAX_US,
  abandonMessageRequired: true,
  connectSecMax: CONNECT_SEC_MAX_DEFAULT,
}

/**
 * UK law sets no statutory calling hours; Ofcom and industry codes (DMA) treat calls outside
 * 08:00–21:00 as likely to cause distress. We pick 08:00–21:00 Monday–Saturday and open an hour
 * later on Sunday (09:00–21:00), the more cautious reading of the common industry practice.
 */
const UK_RULES: ComplianceRules = {
  callingWindow: [
    ...[1, 2, 3, 4, 5, 6].map((day) => ({ day, startLocal: '08:00', endLocal: '21:00' })),
    { day: 7, startLocal: '09:00', endLocal: '21:00' },
  ],
  abandonRatePctMax: ABANDON_RATE_PCT_MAX_DEFAULT,
  abandonWindowSec: ABANDON_WINDOW_SEC_UK,
  ringSecMin: RING_SEC_MIN_DEFAULT,
  repeatAfterAbandonSec: REPEAT_AFTER_ABANDON_SEC,
  nationalDncRegions: ['UK'],
  nationalDncAgeSecMax: NATIONAL_DNC_AGE_SEC_MAX_UK,
  abandonMessageRequired: true,
  connectSecMax: CONNECT_SEC_MAX_DEFAULT,
}

/**
 * CUSTOM starts from the US rules (the stricter abandon window) so that a custom campaign with no
 * overrides is never looser than a regulated one; each rule is then overridden as needed, e.g.
 * `callingWindow: ALWAYS_OPEN_WINDOW` for the simulator's 24-hour days.
 */
const CUSTOM_RULES: ComplianceRules = US_RULES

export const PROFILE_RULES: Readonly<Record<ComplianceProfile, ComplianceRules>> = {
  US: US_RULES,
  UK: UK_RULES,
  CUSTOM: CUSTOM_RULES,
}

export const complianceSettingsSchema = z.object({
  profile: complianceProfileSchema,
  callingWindow: callingWindowSchema.optional(),
  abandonRatePctMax: z
    .number()
    .min(ABANDON_RATE_PCT_MAX_MIN)
    .max(ABANDON_RATE_PCT_MAX_MAX)
    .refine(isTenthStep, 'abandonRatePctMax is set in steps of 0.1')
    .optional(),
  abandonWindowSec: z.int().min(ABANDON_WINDOW_SEC_MIN).max(ABANDON_WINDOW_SEC_MAX).optional(),
  ringSecMin: z.int().min(1).max(RING_SEC_MIN_MAX).optional(),
  /** 0 turns the repeat-after-abandon block off (CUSTOM profiles only make sense with it). */
  repeatAfterAbandonSec: z.int().min(0).max(REPEAT_AFTER_ABANDON_SEC_MAX).optional(),
  nationalDncAgeSecMax: z
    .int()
    .min(NATIONAL_DNC_AGE_SEC_MAX_MIN)
    .max(NATIONAL_DNC_AGE_SEC_MAX_MAX)
    .optional(),
  nationalDncRegions: z.array(z.enum(NATIONAL_DNC_REGIONS)).min(1).optional(),
  abandonMessageRequired: z.boolean().optional(),
  connectSecMax: z.int().min(1).max(CONNECT_SEC_MAX_MAX).optional(),
  dncEnabled: z.boolean().default(true),
  ndncEnabled: z.boolean().default(true),
})
/** Parsed settings (defaults applied). */
export type ComplianceSettings = z.infer<typeof complianceSettingsSchema>
/** Settings as a campaign form or API body sends them. */
export type ComplianceSettingsInput = z.input<typeof complianceSettingsSchema>

/**
 * The age rule of each region that applies: a US or UK campaign's is its profile's; a CUSTOM
 * campaign's is its own maximum when it sets one, else each region's own (US 31 days, UK 28).
 */
function nationalAgeRulesOf(
  settings: ComplianceSettings,
  base: ComplianceRules,
): NationalAgeRule[] {
  const regions = settings.nationalDncRegions ?? base.nationalDncRegions
  return regions.map((region) => ({
    region,
    ageSecMax:
      settings.nationalDncAgeSecMax ??
      (settings.profile === 'CUSTOM'
        ? NATIONAL_DNC_AGE_SEC_MAX_BY_REGION[region]
        : base.nationalDncAgeSecMax),
  }))
}

/** The profile's rules with every given override applied. */
export function resolveCompliance(settings: ComplianceSettings): ResolvedCompliance {
  const base = PROFILE_RULES[settings.profile]
  const resolved: ResolvedCompliance = {
    profile: settings.profile,
    callingWindow: settings.callingWindow ?? base.callingWindow,
    abandonRatePctMax: settings.abandonRatePctMax ?? base.abandonRatePctMax,
    abandonWindowSec: settings.abandonWindowSec ?? base.abandonWindowSec,
    ringSecMin: settings.ringSecMin ?? base.ringSecMin,
    repeatAfterAbandonSec: settings.repeatAfterAbandonSec ?? base.repeatAfterAbandonSec,
    nationalDncRegions: [...(settings.nationalDncRegions ?? base.nationalDncRegions)],
    nationalDncAgeSecMax: settings.nationalDncAgeSecMax ?? base.nationalDncAgeSecMax,
    nationalDncAgeRules: nationalAgeRulesOf(settings, base),
    abandonMessageRequired: settings.abandonMessageRequired ?? base.abandonMessageRequired,
    connectSecMax: settings.connectSecMax ?? base.connectSecMax,
    dncEnabled: settings.dncEnabled,
    ndncEnabled: settings.ndncEnabled,
  }
  invariant(resolved.callingWindow.length > 0, 'resolved calling window is empty')
  invariant(resolved.abandonRatePctMax > 0, 'resolved abandon cap is not positive')
  invariant(resolved.abandonWindowSec > 0, 'resolved abandon window is not positive')
  invariant(resolved.nationalDncRegions.length > 0, 'resolved national DNC regions are empty')
  return resolved
}
