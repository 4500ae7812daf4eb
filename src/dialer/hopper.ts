// The hopper: the next dialable contact of a campaign. Every candidate passes the
// compliance gate (R5.4, R5.5) right here, in the dial path, whatever the list's store filtered.
import { checkDial, type DialCheckResult } from '../compliance/dial-check.ts'
import { holdForOwner } from './callback-hold.ts'
import type { ContactProgress } from './contact-list.ts'
import type { CampaignRuntime, EngineContext } from './context.ts'

/** How many contacts one hopper call may look at before giving up for this round. */
export const HOPPER_SCAN_MAX = 200
/** After a whole scan of blocked contacts, the hopper waits this long before scanning again. */
export const HOPPER_SCAN_BACKOFF_SEC = 5
/** A campaign that may not dial at all (stale national list) looks again after this long. */
export const HOPPER_BLOCKED_RETRY_SEC = 60

export interface DialChoice {
  progress: ContactProgress
  number: string
  zone: string
}

export type NumberVerdict =
  | { kind: 'dial'; number: string }
  | { kind: 'later'; atMs: number; reason: string }
  | { kind: 'never'; reason: string }
  | { kind: 'campaignBlocked'; reason: string }

/** `forAgentId`: the agent the line or offer is for (null: a pooled line); their callbacks first. */
export function nextDialable(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  forAgentId: string | null = null,
): DialChoice | null {
  const nowMs = ctx.clock.nowMs()
  if (campaign.hopperIdleUntilMs > nowMs) return null
  for (let scanned = 0; scanned < HOPPER_SCAN_MAX; scanned++) {
    const progress = campaign.list.takeDue(nowMs)
    if (!progress) {
      campaign.hopperIdleUntilMs = campaign.list.nextDueMs() ?? Number.POSITIVE_INFINITY
      return null
    }
    if (holdForOwner(ctx, campaign, progress, forAgentId)) continue
    const zone = progress.contact.timeZone ?? campaign.config.timeZone
    const verdict = chooseNumber(ctx, campaign, progress, zone, nowMs)
    if (verdict.kind === 'dial') return { progress, number: verdict.number, zone }
    publishBlocked(ctx, campaign, progress, verdict.reason)
    if (verdict.kind === 'never') {
      campaign.list.finish(progress, 'dncBlocked')
    } else if (verdict.kind === 'later') {
      campaign.list.reschedule(progress, verdict.atMs)
    } else {
      campaign.list.reschedule(progress, nowMs + HOPPER_BLOCKED_RETRY_SEC * 1000)
      campaign.hopperIdleUntilMs = nowMs + HOPPER_BLOCKED_RETRY_SEC * 1000
      return null
    }
  }
  // Every contact looked at was blocked: look again a little later, not at once. Otherwise the
  // router, seeing contacts still due, reserves agents the campaign can only release again.
  campaign.hopperIdleUntilMs = nowMs + HOPPER_SCAN_BACKOFF_SEC * 1000
  return null
}

/** Tries the contact's numbers in strategy order, starting after the last one tried. */
export function chooseNumber(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  progress: ContactProgress,
  zone: string,
  nowMs: number,
): NumberVerdict {
  const numbers = progress.contact.numbers
  let laterAtMs = Number.POSITIVE_INFINITY
  let laterReason = ''
  for (let offset = 0; offset < numbers.length; offset++) {
    const number = numbers[(progress.attempts.length + offset) % numbers.length]!
    const result = gateNumber(ctx, campaign, number, zone, nowMs)
    switch (result.kind) {
      case 'ok':
        return { kind: 'dial', number }
      case 'ndncStale':
      case 'ndncMissing':
        return { kind: 'campaignBlocked', reason: result.kind }
      case 'outsideWindow':
      case 'repeatAfterAbandon': {
        const atMs = result.kind === 'outsideWindow' ? result.nextOpenMs : result.untilMs
        if (atMs < laterAtMs) {
          laterAtMs = atMs
          laterReason = result.kind
        }
        break
      }
      default:
        break
    }
  }
  if (laterAtMs !== Number.POSITIVE_INFINITY) {
    return { kind: 'later', atMs: laterAtMs, reason: laterReason }
  }
  return { kind: 'never', reason: 'every number is on a do-not-call list' }
}

export function gateNumber(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  number: string,
  zone: string,
  nowMs: number,
): DialCheckResult {
  return checkDial({
    nowMs,
    number,
    zone,
    compliance: campaign.config.compliance,
    dnc: ctx.dnc,
    history: ctx.history,
    dncListNames: campaign.config.dncListNames,
  })
}

function publishBlocked(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  progress: ContactProgress,
  reason: string,
): void {
  ctx.bus.publish({
    kind: 'dialBlocked',
    atMs: ctx.clock.nowMs(),
    campaignId: campaign.config.id,
    contactId: progress.contact.id,
    reason,
  })
}
