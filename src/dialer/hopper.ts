// The hopper: the next dialable contact of a campaign and which of its numbers to dial, by the
// campaign's contact strategy (R5.2: order, local hours per number type). Every candidate passes
// the compliance gate (R5.4, R5.5) right here, in the dial path, whatever the list's store
// filtered.
import { isWithinCallingWindow, nextWindowOpenMs } from '../compliance/calling-window.ts'
import { checkDial, type DialCheckResult } from '../compliance/dial-check.ts'
import { invariant } from '../domain/invariant.ts'
import { holdForOwner } from './callback-hold.ts'
import type { ContactProgress } from './contact-list.ts'
import type { CampaignRuntime, EngineContext } from './context.ts'
import type { EngineContactStrategy, EngineNumberStep } from './types.ts'

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
      const noStep = verdict.reason === 'noNumberInContactStrategy'
      campaign.list.finish(progress, noStep ? 'noDialableNumber' : 'dncBlocked')
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

/**
 * The contact strategy's steps (R5.2) for this contact, in the order to try them this time:
 * starting after the step of the number dialled last, so that one attempt after another walks the
 * configured order. Steps naming a number the contact does not have are left out; numbers no step
 * names are never dialled.
 */
function stepsToTry(
  strategy: EngineContactStrategy,
  progress: ContactProgress,
): EngineNumberStep[] {
  const numbers = progress.contact.numbers
  const steps = strategy.steps.filter((step) => step.numberIndex < numbers.length)
  const last = progress.attempts.at(-1)
  const lastStep =
    last === undefined ? -1 : steps.findIndex((s) => numbers[s.numberIndex] === last.number)
  const start = lastStep + 1
  return steps.map((_, i) => steps[(start + i) % steps.length]!)
}

/** Tries the contact's numbers in strategy order, each inside its number type's local hours. */
export function chooseNumber(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  progress: ContactProgress,
  zone: string,
  nowMs: number,
): NumberVerdict {
  const steps = stepsToTry(campaign.config.contactStrategy, progress)
  if (steps.length === 0) return { kind: 'never', reason: 'noNumberInContactStrategy' }
  let laterAtMs = Number.POSITIVE_INFINITY
  let laterReason = ''
  const later = (atMs: number, reason: string) => {
    if (atMs < laterAtMs) {
      laterAtMs = atMs
      laterReason = reason
    }
  }
  let allDnc = true
  for (const step of steps) {
    const number = progress.contact.numbers[step.numberIndex]!
    if (step.localHours !== null && !isWithinCallingWindow(nowMs, zone, step.localHours)) {
      allDnc = false
      later(nextWindowOpenMs(nowMs, zone, step.localHours), 'outsideNumberTypeHours')
      continue
    }
    const result = gateNumber(ctx, campaign, number, zone, nowMs)
    switch (result.kind) {
      case 'ok':
        return { kind: 'dial', number }
      case 'ndncStale':
      case 'ndncMissing':
        return { kind: 'campaignBlocked', reason: result.kind }
      case 'outsideWindow':
        allDnc = false
        later(result.nextOpenMs, result.kind)
        break
      case 'repeatAfterAbandon':
        allDnc = false
        later(result.untilMs, result.kind)
        break
      default:
        break
    }
  }
  if (laterAtMs !== Number.POSITIVE_INFINITY) {
    return { kind: 'later', atMs: laterAtMs, reason: laterReason }
  }
  invariant(allDnc, 'a number neither dialable, later nor on a DNC list')
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
