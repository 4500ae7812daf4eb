// Preview offers (R1.1, R10.2): the agent accepts, skips or removes the offered record within the
// offer timeout, after which the server applies the auto-action. Skip and remove can be disabled
// per campaign, and then the server refuses them (an auto-action is the server's, not the agent's,
// so it is still applied when the agent's button of the same name is disabled).
import { z } from 'zod'
import { addDuplicateIssues, boundedInt, enumSchema } from '../config/schema-kit.ts'
import {
  PREVIEW_OFFER_TIMEOUT_SEC_DEFAULT,
  PREVIEW_OFFER_TIMEOUT_SEC_MAX,
  PREVIEW_OFFER_TIMEOUT_SEC_MIN,
  PREVIEW_OFFER_TIMEOUT_SEC_MIN_WITH_ACCEPT,
} from './limits.ts'

export const PREVIEW_ACTIONS = ['ACCEPT', 'SKIP', 'REMOVE'] as const
export type PreviewAction = (typeof PREVIEW_ACTIONS)[number]

/** Appendix A: an offer that times out is skipped unless the campaign says otherwise. */
export const PREVIEW_OFFER_TIMEOUT_AUTO_ACTION_DEFAULT: PreviewAction = 'SKIP'

/** Only skip and remove can be turned off: accepting is what a preview offer is for. */
export const DISABLEABLE_PREVIEW_ACTIONS = ['SKIP', 'REMOVE'] as const
export type DisableablePreviewAction = (typeof DISABLEABLE_PREVIEW_ACTIONS)[number]

/** The preview offer settings shape, for schemas that check them together with other fields. */
export const previewParamsShape = {
  /** Offer countdown; 0 means "apply the auto-action at once", only meaningful with ACCEPT. */
  previewOfferTimeoutSec: boundedInt({
    field: 'previewOfferTimeoutSec',
    min: PREVIEW_OFFER_TIMEOUT_SEC_MIN_WITH_ACCEPT,
    max: PREVIEW_OFFER_TIMEOUT_SEC_MAX,
    unit: 's',
    why: 'Appendix A: 0–7200 s with ACCEPT, 10–7200 s otherwise',
  }).default(PREVIEW_OFFER_TIMEOUT_SEC_DEFAULT),
  previewOfferTimeoutAutoAction: enumSchema(
    'previewOfferTimeoutAutoAction',
    PREVIEW_ACTIONS,
    'Appendix A: the server applies it when the offer times out',
  ).default(PREVIEW_OFFER_TIMEOUT_AUTO_ACTION_DEFAULT),
  previewActionsDisabled: z
    .array(
      enumSchema(
        'previewActionsDisabled[]',
        DISABLEABLE_PREVIEW_ACTIONS,
        'Appendix A: only SKIP and REMOVE can be disabled',
      ),
    )
    .default([]),
}

interface PreviewParamsFields {
  previewOfferTimeoutSec: number
  previewOfferTimeoutAutoAction: PreviewAction
  previewActionsDisabled: readonly DisableablePreviewAction[]
}

/** Adds the cross-field issues of the preview settings (timeout floor by action, no repeats). */
export function refinePreviewParams(
  params: PreviewParamsFields,
  ctx: z.RefinementCtx,
  basePath: (string | number)[] = [],
): void {
  if (
    params.previewOfferTimeoutAutoAction !== 'ACCEPT' &&
    params.previewOfferTimeoutSec < PREVIEW_OFFER_TIMEOUT_SEC_MIN
  ) {
    ctx.addIssue({
      code: 'custom',
      path: [...basePath, 'previewOfferTimeoutSec'],
      message: `previewOfferTimeoutSec ${params.previewOfferTimeoutSec} s is below ${PREVIEW_OFFER_TIMEOUT_SEC_MIN} s: only an ACCEPT auto-action may go down to 0 s, the agent needs time to read the record before a ${params.previewOfferTimeoutAutoAction} (Appendix A)`,
    })
  }
  addDuplicateIssues(ctx, params.previewActionsDisabled, (action) => action, {
    basePath: [...basePath, 'previewActionsDisabled'],
    keyPath: [],
    what: 'disabled action',
    why: 'previewActionsDisabled is a set (Appendix A)',
  })
}

export const previewParamsSchema = z
  .object(previewParamsShape)
  .superRefine((params, ctx) => refinePreviewParams(params, ctx))
export type PreviewParams = z.infer<typeof previewParamsSchema>

export type PreviewActionCheck =
  | { kind: 'ok' }
  | { kind: 'disabled'; action: DisableablePreviewAction }

/**
 * R1.1 / R10.2: the server refuses an agent's skip or remove when the campaign disabled it. The
 * engine asks it for every agent's or API's action; the offer timeout's auto-action is the
 * server's and is not asked.
 */
export function checkPreviewAction(
  params: Pick<PreviewParams, 'previewActionsDisabled'>,
  action: PreviewAction,
): PreviewActionCheck {
  if (action === 'ACCEPT') return { kind: 'ok' }
  return params.previewActionsDisabled.includes(action)
    ? { kind: 'disabled', action }
    : { kind: 'ok' }
}
