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
import type { EngineNumberStep } from './types.ts'

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
  /** The number to dial, as the dial's choice itself (no second object per dial: issue 15). */
  | ({ kind: 'dial' } & DialChoice)
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
    if (verdict.kind === 'dial') return verdict
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
 * Where this contact's walk through the contact strategy's steps (R5.2) starts: after the step of
 * the number dialled last, so that one attempt after another walks the configured order. Steps
 * naming a number the contact does not have are left out (`usable`); numbers no step names are
 * never dialled. Returns the position among the usable steps, or -1 when none is usable.
 */
function firstUsableStep(steps: readonly EngineNumberStep[], progress: ContactProgress): number {
  const numbers = progress.contact.numbers
  const last = progress.attempts.at(-1)
  let usable = 0
  let lastStep = -1
  for (const step of steps) {
    if (step.numberIndex >= numbers.length) continue
    if (lastStep < 0 && last !== undefined && numbers[step.numberIndex] === last.number) {
      lastStep = usable
    }
    usable++
  }
  return usable === 0 ? -1 : (lastStep + 1) % usable
}

/**
 * Tries the contact's numbers in strategy order, each inside its number type's local hours. On the
 * dial path of every line (issue 15, engine speed): the steps are walked in place, no list of them
 * is built.
 */
export function chooseNumber(
  ctx: EngineContext,
  campaign: CampaignRuntime,
  progress: ContactProgress,
  zone: string,
  nowMs: number,
): NumberVerdict {
  const steps = campaign.config.contactStrategy.steps
  const numbers = progress.contact.numbers
  const start = firstUsableStep(steps, progress)
  if (start < 0) return { kind: 'never', reason: 'noNumberInContactStrategy' }
  let laterAtMs = Number.POSITIVE_INFINITY
  let laterReason = ''
  let allDnc = true
  // Two passes over the usable steps: those from `start` on, then those before it.
  for (let pass = 0; pass < 2; pass++) {
    let usable = 0
    for (const step of steps) {
      if (step.numberIndex >= numbers.length) continue
      const position = usable++
      if (pass === 0 ? position < start : position >= start) continue
      const number = numbers[step.numberIndex]!
      let atMs = Number.POSITIVE_INFINITY
      let reason = ''
      if (step.localHours !== null && !isWithinCallingWindow(nowMs, zone, step.localHours)) {
        atMs = nextWindowOpenMs(nowMs, zone, step.localHours)
        reason = 'outsideNumberTypeHours'
      } else {
        const result = gateNumber(ctx, campaign, number, zone, nowMs)
        switch (result.kind) {
          case 'ok':
            return { kind: 'dial', progress, number, zone }
          case 'ndncStale':
          case 'ndncMissing':
            return { kind: 'campaignBlocked', reason: result.kind }
          case 'outsideWindow':
            atMs = result.nextOpenMs
            reason = result.kind
            break
          case 'repeatAfterAbandon':
            atMs = result.untilMs
            reason = result.kind
            break
          default:
            continue
        }
      }
      allDnc = false
      if (atMs < laterAtMs) {
        laterAtMs = atMs
        laterReason = reason
      }
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
  const config = campaign.config
  return checkDial(
    nowMs,
    number,
    zone,
    config.compliance,
    ctx.dnc,
    ctx.history,
    config.dncListNames,
  )
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
