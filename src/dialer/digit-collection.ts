// Collecting keys for a CollectDigits activity (IVR menus) on one call: the prompt plays, keys
// ('digit' events of the Telephony port) are taken while it plays and after; the first-digit
// timer starts when the prompt ends, the inter-digit timer after each key, both on the Clock
// port. The collection ends at maxDigits, at the terminator, or when a timer runs out; the flow
// then resumes with the keys ('' for none). A collection that ends while its prompt still plays
// resumes the flow once the prompt has ended (the port has no way to cut a prompt short).
import { invariant } from '../domain/invariant.ts'
import type { CollectDigitsEffect, DigitCollection, EngineContext } from './context.ts'
import type { Digit } from './ports/telephony.ts'

/** Plays the prompt and starts taking keys on the call. */
export function startCollection(
  ctx: EngineContext,
  callId: string,
  effect: CollectDigitsEffect,
  resume: (digits: string) => void,
): void {
  invariant(!ctx.collections.has(callId), `call ${callId} collects keys twice at once`)
  ctx.collections.set(callId, {
    callId,
    effect,
    digits: '',
    promptPlaying: true,
    finished: false,
    timer: null,
    resume,
  })
  ctx.telephony.play({ callId, promptId: effect.promptId, music: false, collectsDigits: true })
}

/** The call's collect prompt ended; false when the call has no collection prompt playing. */
export function collectionPromptDone(ctx: EngineContext, callId: string): boolean {
  // Most calls collect no keys: no lookup of their id while nothing is collected (issue 15).
  if (ctx.collections.size === 0) return false
  const collection = ctx.collections.get(callId)
  if (collection === undefined || !collection.promptPlaying) return false
  collection.promptPlaying = false
  if (collection.finished) finish(ctx, collection)
  else arm(ctx, collection)
  return true
}

/** A key the customer pressed; keys on a call that collects nothing are dropped. */
export function collectDigit(ctx: EngineContext, callId: string, digit: Digit): void {
  const collection = ctx.collections.get(callId)
  if (collection === undefined || collection.finished) return
  if (digit === collection.effect.terminator) collection.finished = true
  else {
    collection.digits += digit
    collection.finished = collection.digits.length >= collection.effect.maxDigits
  }
  if (collection.promptPlaying) return
  if (collection.finished) finish(ctx, collection)
  else arm(ctx, collection)
}

/** The call ended: its collection (and timer) goes, the flow is not resumed. */
export function stopCollection(ctx: EngineContext, callId: string): void {
  if (ctx.collections.size === 0) return
  const collection = ctx.collections.get(callId)
  if (collection === undefined) return
  if (collection.timer !== null) ctx.clock.cancelTimer(collection.timer)
  ctx.collections.delete(callId)
}

function arm(ctx: EngineContext, collection: DigitCollection): void {
  if (collection.timer !== null) ctx.clock.cancelTimer(collection.timer)
  const { firstDigitTimeoutSec, interDigitTimeoutSec } = collection.effect
  const sec = collection.digits === '' ? firstDigitTimeoutSec : interDigitTimeoutSec
  collection.timer = ctx.setTimerWith(sec * 1000, timedOut, collection)
}

function timedOut(ctx: EngineContext, collection: DigitCollection): void {
  collection.timer = null
  if (ctx.collections.get(collection.callId) === collection) finish(ctx, collection)
}

function finish(ctx: EngineContext, collection: DigitCollection): void {
  stopCollection(ctx, collection.callId)
  collection.resume(collection.digits)
}
