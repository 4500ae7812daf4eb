// Pacing of a campaign group (R1, R2.2, R2.3, R5.1): a union on `mode`, each mode carrying only the
// parameters it uses, so a predictive gain on a progressive group is refused rather than ignored.
// CPA is configurable in progressive only; predictive and IVR always run it (`cpaAlwaysOn`).
import { z } from 'zod'
import { boundedInt, boundedNumber, unknownKeysError } from '../config/schema-kit.ts'
import { callerIdSchema } from './caller-id.ts'
import { CAMPAIGN_MODES, type CampaignMode } from './campaign-mode.ts'
import { CPA_ALWAYS_ON, type CpaParams, cpaSchema } from './cpa.ts'
import {
  ABANDON_RATE_PCT_DEFAULT,
  ABANDON_RATE_PCT_MAX,
  ABANDON_RATE_PCT_MIN,
  ABANDON_RATE_PCT_STEP,
  DIALING_RATE_MAX,
  DIALING_RATE_MIN,
  IVR_PORTS_MAX,
  IVR_PORTS_MIN,
  MAX_DIALING_RATE_DEFAULT,
  MAX_DIALING_RATE_MAX,
  MAX_DIALING_RATE_MIN,
  PREDICTIVE_CORRECTION_PACE_CONNECTS_DEFAULT,
  PREDICTIVE_CORRECTION_PACE_CONNECTS_MAX,
  PREDICTIVE_CORRECTION_PACE_CONNECTS_MIN,
  PREDICTIVE_GAIN_DEFAULT,
  PREDICTIVE_GAIN_MAX,
  PREDICTIVE_GAIN_MIN,
  RING_LIMIT_SEC_DEFAULT,
  RING_LIMIT_SEC_MAX,
  RING_LIMIT_SEC_MIN,
} from './limits.ts'
import { previewParamsShape, refinePreviewParams } from './preview.ts'

/** Why a field is not accepted in a mode: shown when a strict variant meets an unknown key. */
const FIELD_HOMES: Record<string, string> = {
  cpa: 'CPA/AMD switches are configured for progressive only; predictive and IVR always run CPA (R2.2)',
  dialingRate:
    'dialingRate is for progressive and progressive_ivr; predictive modes move the rate up to maxDialingRate (R1.2–R1.4)',
  ivrPorts: 'ivrPorts is for progressive_ivr and predictive_ivr (R1.4)',
  maxDialingRate: 'predictive parameters are for predictive and predictive_ivr (R1.3)',
  abandonRatePercentage: 'predictive parameters are for predictive and predictive_ivr (R1.3)',
  predictiveCorrectionPace: 'predictive parameters are for predictive and predictive_ivr (R1.3)',
  predictiveGain: 'predictive parameters are for predictive and predictive_ivr (R1.3)',
  previewOfferTimeoutSec: 'preview settings are for the preview modes (R1.1)',
  previewOfferTimeoutAutoAction: 'preview settings are for the preview modes (R1.1)',
  previewActionsDisabled: 'preview settings are for the preview modes (R1.1)',
  noAnswerRingLimitSec: 'preview_direct has no ring limit: the agent hears the ringing (R1.1)',
}

function strictVariant<T extends z.core.$ZodLooseShape>(mode: CampaignMode, shape: T) {
  return z.strictObject(shape, {
    error: unknownKeysError((keys) => {
      const reasons = keys.map((key) => `${key}: ${FIELD_HOMES[key] ?? 'not a pacing field'}`)
      return `not accepted in ${mode} pacing — ${reasons.join('; ')}`
    }),
  })
}

function cpaAlwaysOnFlag<const T extends boolean>(mode: CampaignMode, value: T) {
  const why = value
    ? `${mode} always runs CPA (R2.2)`
    : `${mode} does not run CPA on every dial (R2.2); progressive configures it through cpa`
  return z.literal(value, { error: `cpaAlwaysOn must be ${value}: ${why}` }).default(value)
}

const ringLimitSec = boundedInt({
  field: 'noAnswerRingLimitSec',
  min: RING_LIMIT_SEC_MIN,
  max: RING_LIMIT_SEC_MAX,
  unit: 's',
  why: 'R2.3: regulation requires ringing at least 15 s',
}).default(RING_LIMIT_SEC_DEFAULT)

function dialingRate(per: string) {
  return boundedInt({
    field: 'dialingRate',
    min: DIALING_RATE_MIN,
    max: DIALING_RATE_MAX,
    unit: `lines per ${per}`,
    why: 'R1.2 / R1.4: a whole number of lines',
  })
}

const ivrPorts = boundedInt({
  field: 'ivrPorts',
  min: IVR_PORTS_MIN,
  max: IVR_PORTS_MAX,
  unit: 'ports',
  why: 'R1.4',
})

/** R1.3 predictive parameters (also for predictive_ivr, per port instead of per agent). */
export const predictiveParamsShape = {
  maxDialingRate: boundedNumber({
    field: 'maxDialingRate',
    min: MAX_DIALING_RATE_MIN,
    max: MAX_DIALING_RATE_MAX,
    unit: 'lines per agent',
    why: 'R1.3, Appendix A',
  }).default(MAX_DIALING_RATE_DEFAULT),
  abandonRatePercentage: boundedNumber({
    field: 'abandonRatePercentage',
    min: ABANDON_RATE_PCT_MIN,
    max: ABANDON_RATE_PCT_MAX,
    unit: '%',
    why: 'R1.3, Appendix A',
  })
    .multipleOf(
      ABANDON_RATE_PCT_STEP,
      `abandonRatePercentage goes in steps of ${ABANDON_RATE_PCT_STEP} % (Appendix A)`,
    )
    .default(ABANDON_RATE_PCT_DEFAULT),
  predictiveCorrectionPace: boundedInt({
    field: 'predictiveCorrectionPace',
    min: PREDICTIVE_CORRECTION_PACE_CONNECTS_MIN,
    max: PREDICTIVE_CORRECTION_PACE_CONNECTS_MAX,
    unit: 'live-voice connects',
    why: 'R1.3: connects between pacing corrections',
  }).default(PREDICTIVE_CORRECTION_PACE_CONNECTS_DEFAULT),
  predictiveGain: boundedNumber({
    field: 'predictiveGain',
    min: PREDICTIVE_GAIN_MIN,
    max: PREDICTIVE_GAIN_MAX,
    unit: '',
    why: 'R1.3: size of each rate adjustment',
  }).default(PREDICTIVE_GAIN_DEFAULT),
}

export const previewStandardPacingSchema = strictVariant('preview_standard', {
  mode: z.literal('preview_standard'),
  callerId: callerIdSchema,
  noAnswerRingLimitSec: ringLimitSec,
  ...previewParamsShape,
  cpaAlwaysOn: cpaAlwaysOnFlag('preview_standard', false),
}).superRefine((pacing, ctx) => refinePreviewParams(pacing, ctx))

export const previewDirectPacingSchema = strictVariant('preview_direct', {
  mode: z.literal('preview_direct'),
  callerId: callerIdSchema,
  ...previewParamsShape,
  cpaAlwaysOn: cpaAlwaysOnFlag('preview_direct', false),
}).superRefine((pacing, ctx) => refinePreviewParams(pacing, ctx))

export const progressivePacingSchema = strictVariant('progressive', {
  mode: z.literal('progressive'),
  callerId: callerIdSchema,
  dialingRate: dialingRate('agent'),
  noAnswerRingLimitSec: ringLimitSec,
  cpa: cpaSchema.prefault({}),
  cpaAlwaysOn: cpaAlwaysOnFlag('progressive', false),
})

export const predictivePacingSchema = strictVariant('predictive', {
  mode: z.literal('predictive'),
  callerId: callerIdSchema,
  noAnswerRingLimitSec: ringLimitSec,
  ...predictiveParamsShape,
  cpaAlwaysOn: cpaAlwaysOnFlag('predictive', true),
})

export const progressiveIvrPacingSchema = strictVariant('progressive_ivr', {
  mode: z.literal('progressive_ivr'),
  callerId: callerIdSchema,
  /** Calls per IVR port (R1.4). */
  dialingRate: dialingRate('port'),
  ivrPorts,
  noAnswerRingLimitSec: ringLimitSec,
  cpaAlwaysOn: cpaAlwaysOnFlag('progressive_ivr', true),
})

export const predictiveIvrPacingSchema = strictVariant('predictive_ivr', {
  mode: z.literal('predictive_ivr'),
  callerId: callerIdSchema,
  ivrPorts,
  noAnswerRingLimitSec: ringLimitSec,
  ...predictiveParamsShape,
  cpaAlwaysOn: cpaAlwaysOnFlag('predictive_ivr', true),
})

export const pacingSchema = z.discriminatedUnion(
  'mode',
  [
    previewStandardPacingSchema,
    previewDirectPacingSchema,
    progressivePacingSchema,
    predictivePacingSchema,
    progressiveIvrPacingSchema,
    predictiveIvrPacingSchema,
  ],
  { error: `mode must be one of ${CAMPAIGN_MODES.join(', ')} (R1 pacing modes)` },
)
export type Pacing = z.infer<typeof pacingSchema>
export type PacingInput = z.input<typeof pacingSchema>
export type PacingOf<M extends CampaignMode> = Extract<Pacing, { mode: M }>

/** CPA as it actually runs for a pacing (R2.2). */
export type CpaPolicy =
  | { kind: 'configured'; params: CpaParams }
  | { kind: 'alwaysOn'; params: CpaParams }
  | { kind: 'afterAccept'; params: CpaParams }
  | { kind: 'none' }

/** CPA without AMD: preview standard classifies the call, the agent on the line judges the rest. */
export const CPA_AFTER_ACCEPT: CpaParams = Object.freeze({ ...CPA_ALWAYS_ON, amdEnabled: false })

/** R2.2: progressive uses its settings, predictive and IVR always run CPA + AMD, preview standard
 * runs CPA after Accept, preview direct runs none (the agent hears the ringing). */
export function cpaPolicy(pacing: Pacing): CpaPolicy {
  switch (pacing.mode) {
    case 'progressive':
      return { kind: 'configured', params: pacing.cpa }
    case 'predictive':
    case 'progressive_ivr':
    case 'predictive_ivr':
      return { kind: 'alwaysOn', params: CPA_ALWAYS_ON }
    case 'preview_standard':
      return { kind: 'afterAccept', params: CPA_AFTER_ACCEPT }
    case 'preview_direct':
      return { kind: 'none' }
  }
}

/** R7.4: customer fields are in the popover while reserved only in progressive 1:1 mode. */
export function popoverShowsCustomerFields(pacing: Pacing): boolean {
  return pacing.mode === 'progressive' && pacing.dialingRate === 1
}
