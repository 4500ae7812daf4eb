// Request bodies of the dialer API (R10.2, docs/dialer-api.md "Request bodies"), field by field
// with the reference's names and ranges, so a campaign manager written for the reference can drive
// Outdial;
// and the mapping of a start request onto a campaign group's pacing (R5.1).
import { z } from 'zod'
import { boundedInt, boundedNumber, boundedString, enumSchema } from '../config/schema-kit.ts'
import { e164Schema } from './caller-id.ts'
import { cpaSchema } from './cpa.ts'
import {
  CAMPAIGN_ID_LENGTH_MAX,
  CAMPAIGN_NAME_LENGTH_MAX,
  DIALING_LIST_FETCH_URL_LENGTH_MAX,
  DIALING_RATE_MAX,
  DIALING_RATE_MIN,
  ENTRY_POINT_ID_LENGTH_MAX,
  IVR_PORTS_MAX,
  IVR_PORTS_MIN,
  OUTDIAL_ANI_LENGTH_MAX,
  PREVIEW_OFFER_TIMEOUT_SEC_MAX,
  PREVIEW_OFFER_TIMEOUT_SEC_MIN,
  PREVIEW_OFFER_TIMEOUT_SEC_MIN_WITH_ACCEPT,
  RECORD_COUNT_MAX,
  RECORD_COUNT_MIN,
  RESERVATION_PCT_MAX,
  RESERVATION_PCT_MIN,
  RING_LIMIT_SEC_MAX,
  RING_LIMIT_SEC_MIN,
  VENDOR_VERSION_LENGTH_MAX,
} from './limits.ts'
import { type Pacing, type PacingInput, pacingSchema, predictiveParamsShape } from './pacing.ts'
import { DISABLEABLE_PREVIEW_ACTIONS, PREVIEW_ACTIONS } from './preview.ts'

const API = 'webex-dialer-api.md §2'

/**
 * `campaignType` as the reference lists it. `campaign` is listed without a meaning; Outdial reads
 * it as progressive (the reference's first, default mode). The reference's example spells
 * "Progressive", so the value is matched case-insensitively.
 */
export const DIALER_CAMPAIGN_TYPES = [
  'progressive',
  'campaign',
  'predictive',
  'progressive_ivr',
  'predictive_ivr',
  'preview_standard',
  'preview_direct',
] as const

export const dialerCampaignTypeSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.toLowerCase() : value),
  enumSchema('campaignType', DIALER_CAMPAIGN_TYPES, API),
)

const outdialAniSchema = e164Schema('outdialANI').max(
  OUTDIAL_ANI_LENGTH_MAX,
  `outdialANI is longer than ${OUTDIAL_ANI_LENGTH_MAX} characters (${API})`,
)

/** More than 400 is cut to 400, not refused, as the reference documents. */
export const recordCountSchema = z
  .int({ error: `recordCount must be a whole number of records ≥ ${RECORD_COUNT_MIN} (${API})` })
  .min(RECORD_COUNT_MIN, `recordCount must be at least ${RECORD_COUNT_MIN} record (${API})`)
  .transform((count) => Math.min(count, RECORD_COUNT_MAX))

const dialingRateSchema = boundedNumber({
  field: 'dialingRate',
  min: DIALING_RATE_MIN,
  max: DIALING_RATE_MAX,
  unit: 'lines per agent',
  why: API,
})

const noAnswerRingLimitSchema = boundedInt({
  field: 'noAnswerRingLimit',
  min: RING_LIMIT_SEC_MIN,
  max: RING_LIMIT_SEC_MAX,
  unit: 's',
  why: `${API}; R2.3: regulation requires ringing at least 15 s`,
})

const previewOfferTimeoutSchema = boundedInt({
  field: 'previewOfferTimeout',
  min: PREVIEW_OFFER_TIMEOUT_SEC_MIN_WITH_ACCEPT,
  max: PREVIEW_OFFER_TIMEOUT_SEC_MAX,
  unit: 's',
  why: `${API}: 0–7200 s with ACCEPT, 10–7200 s otherwise`,
})
const previewAutoActionSchema = enumSchema('previewOfferTimeoutAutoAction', PREVIEW_ACTIONS, API)
const previewActionsDisabledSchema = z.array(
  enumSchema('previewActionsDisabled[]', DISABLEABLE_PREVIEW_ACTIONS, API),
)
const reservationPercentageSchema = boundedInt({
  field: 'reservationPercentage',
  min: RESERVATION_PCT_MIN,
  max: RESERVATION_PCT_MAX,
  unit: '%',
  why: `${API}, marked "not in use"`,
})

interface PreviewRequestFields {
  previewOfferTimeout?: number | undefined
  previewOfferTimeoutAutoAction?: (typeof PREVIEW_ACTIONS)[number] | undefined
}

/** §2: the timeout is required when the auto-action is given; below 10 s only with ACCEPT. */
function refinePreviewRequest(body: PreviewRequestFields, ctx: z.RefinementCtx): void {
  if (body.previewOfferTimeoutAutoAction !== undefined && body.previewOfferTimeout === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['previewOfferTimeout'],
      message: `previewOfferTimeout is required when previewOfferTimeoutAutoAction is given (${API})`,
    })
  }
  const action = body.previewOfferTimeoutAutoAction ?? 'SKIP'
  if (
    body.previewOfferTimeout !== undefined &&
    action !== 'ACCEPT' &&
    body.previewOfferTimeout < PREVIEW_OFFER_TIMEOUT_SEC_MIN
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['previewOfferTimeout'],
      message: `previewOfferTimeout ${body.previewOfferTimeout} s is below ${PREVIEW_OFFER_TIMEOUT_SEC_MIN} s: only an ACCEPT auto-action may go down to 0 s, and the auto-action is ${action} (${API})`,
    })
  }
}

export const startCampaignRequestSchema = z
  .object({
    id: boundedString('id', CAMPAIGN_ID_LENGTH_MAX, `${API}: later used as {campaignId}`),
    vendorVersion: boundedString('vendorVersion', VENDOR_VERSION_LENGTH_MAX, API),
    campaignType: dialerCampaignTypeSchema,
    campaignName: boundedString('campaignName', CAMPAIGN_NAME_LENGTH_MAX, API).optional(),
    /** Marked "not in use" by the reference; accepted and ignored. */
    authToken: z.string({ error: `authToken must be a string (${API})` }).optional(),
    dialingRate: dialingRateSchema,
    entryPointId: boundedString('entryPointId', ENTRY_POINT_ID_LENGTH_MAX, API),
    dialingListFetchURL: boundedString(
      'dialingListFetchURL',
      DIALING_LIST_FETCH_URL_LENGTH_MAX,
      API,
    ),
    outdialANI: outdialAniSchema,
    recordCount: recordCountSchema,
    noAnswerRingLimit: noAnswerRingLimitSchema.optional(),
    maxDialingRate: predictiveParamsShape.maxDialingRate.unwrap().optional(),
    abandonRatePercentage: predictiveParamsShape.abandonRatePercentage.unwrap().optional(),
    predictiveCorrectionPace: predictiveParamsShape.predictiveCorrectionPace.unwrap().optional(),
    predictiveGain: predictiveParamsShape.predictiveGain.unwrap().optional(),
    reservationPercentage: reservationPercentageSchema.optional(),
    /** The reference applies it to progressive; other types always (or never) run CPA (R2.2). */
    callProgressAnalysisParams: cpaSchema.optional(),
    ivrPorts: boundedInt({
      field: 'ivrPorts',
      min: IVR_PORTS_MIN,
      max: IVR_PORTS_MAX,
      unit: 'ports',
      why: `${API}; R1.4`,
    }).optional(),
    previewOfferTimeout: previewOfferTimeoutSchema.optional(),
    previewOfferTimeoutAutoAction: previewAutoActionSchema.optional(),
    previewActionsDisabled: previewActionsDisabledSchema.optional(),
  })
  .superRefine((body, ctx) => {
    refinePreviewRequest(body, ctx)
    const ivr = body.campaignType === 'progressive_ivr' || body.campaignType === 'predictive_ivr'
    if (ivr && body.ivrPorts === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ivrPorts'],
        message: `ivrPorts is required for ${body.campaignType}: an agentless campaign is paced by its IVR ports (R1.4)`,
      })
    }
  })
export type StartCampaignRequest = z.infer<typeof startCampaignRequestSchema>
export type StartCampaignRequestInput = z.input<typeof startCampaignRequestSchema>

export const updateCampaignRequestSchema = z
  .object({
    dialingRate: dialingRateSchema,
    dialingListFetchURL: boundedString(
      'dialingListFetchURL',
      DIALING_LIST_FETCH_URL_LENGTH_MAX,
      API,
    ),
    outdialANI: outdialAniSchema,
    campaignName: boundedString('campaignName', CAMPAIGN_NAME_LENGTH_MAX, API).optional(),
    authToken: z.string({ error: `authToken must be a string (${API})` }).optional(),
    noAnswerRingLimit: noAnswerRingLimitSchema.optional(),
    maxDialingRate: predictiveParamsShape.maxDialingRate.unwrap().optional(),
    reservationPercentage: reservationPercentageSchema.optional(),
    previewOfferTimeout: previewOfferTimeoutSchema.optional(),
    previewOfferTimeoutAutoAction: previewAutoActionSchema.optional(),
    previewActionsDisabled: previewActionsDisabledSchema.optional(),
  })
  .superRefine((body, ctx) => refinePreviewRequest(body, ctx))
export type UpdateCampaignRequest = z.infer<typeof updateCampaignRequestSchema>

/**
 * Start fields that PUT cannot change (docs/dialer-api.md "Request bodies"). The update schema,
 * like the reference, does not read them; the route can name them back to the caller so a change
 * that did not happen is not silent.
 */
export const UPDATE_IMMUTABLE_FIELDS = [
  'id',
  'vendorVersion',
  'campaignType',
  'entryPointId',
  'recordCount',
  'ivrPorts',
  'abandonRatePercentage',
  'predictiveCorrectionPace',
  'predictiveGain',
  'callProgressAnalysisParams',
] as const

/** The immutable start fields present in an update body. */
export function findImmutableUpdateFields(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return []
  return UPDATE_IMMUTABLE_FIELDS.filter((field) => Object.hasOwn(body, field))
}

/** Pacing field → the start request field it comes from, so issues name what the caller sent. */
const REQUEST_FIELD_OF: Record<string, string> = {
  mode: 'campaignType',
  callerId: 'outdialANI',
  noAnswerRingLimitSec: 'noAnswerRingLimit',
  previewOfferTimeoutSec: 'previewOfferTimeout',
  cpa: 'callProgressAnalysisParams',
}

export interface DialerApiIssue {
  path: (string | number)[]
  message: string
}

export type PacingFromStart =
  | { kind: 'ok'; pacing: Pacing }
  | { kind: 'invalid'; issues: DialerApiIssue[] }

function previewInput(start: StartCampaignRequest) {
  return {
    callerId: start.outdialANI,
    previewOfferTimeoutSec: start.previewOfferTimeout,
    previewOfferTimeoutAutoAction: start.previewOfferTimeoutAutoAction,
    previewActionsDisabled: start.previewActionsDisabled,
  }
}

function predictiveInput(start: StartCampaignRequest) {
  return {
    maxDialingRate: start.maxDialingRate,
    abandonRatePercentage: start.abandonRatePercentage,
    predictiveCorrectionPace: start.predictiveCorrectionPace,
    predictiveGain: start.predictiveGain,
  }
}

/**
 * The pacing candidate of a start request. Fields a mode does not use are left out, as the
 * reference ignores them: dialingRate in predictive modes (the rate moves up to maxDialingRate),
 * CPA params outside progressive, the ring limit in direct preview.
 */
function pacingCandidate(start: StartCampaignRequest): PacingInput {
  const callerId = start.outdialANI
  const ring = { noAnswerRingLimitSec: start.noAnswerRingLimit }
  switch (start.campaignType) {
    case 'preview_standard':
      return { mode: 'preview_standard', ...previewInput(start), ...ring }
    case 'preview_direct':
      return { mode: 'preview_direct', ...previewInput(start) }
    case 'progressive':
    case 'campaign':
      return {
        mode: 'progressive',
        callerId,
        dialingRate: start.dialingRate,
        cpa: start.callProgressAnalysisParams,
        ...ring,
      }
    case 'predictive':
      return { mode: 'predictive', callerId, ...predictiveInput(start), ...ring }
    case 'progressive_ivr':
      return {
        mode: 'progressive_ivr',
        callerId,
        dialingRate: start.dialingRate,
        ivrPorts: start.ivrPorts as number,
        ...ring,
      }
    case 'predictive_ivr':
      return {
        mode: 'predictive_ivr',
        callerId,
        ivrPorts: start.ivrPorts as number,
        ...predictiveInput(start),
        ...ring,
      }
  }
}

/** Maps a parsed start request onto the campaign-group pacing union (R5.1, R10.2). */
export function toCampaignGroupPacing(start: StartCampaignRequest): PacingFromStart {
  const parsed = pacingSchema.safeParse(pacingCandidate(start))
  if (parsed.success) return { kind: 'ok', pacing: parsed.data }
  const issues = parsed.error.issues.map((issue) => {
    const [head, ...rest] = issue.path.map((part) =>
      typeof part === 'symbol' ? String(part) : part,
    )
    const field = typeof head === 'string' ? (REQUEST_FIELD_OF[head] ?? head) : head
    return { path: field === undefined ? [] : [field, ...rest], message: issue.message }
  })
  return { kind: 'invalid', issues }
}
