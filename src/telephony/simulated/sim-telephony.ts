// The simulated phone network: the Telephony port implemented by the seeded customer model of
// docs/benchmarks.md ("Method: customer model"). It keeps the hidden truth (who really answered) to
// itself; the engine only hears call progress and CPA decisions. The truth is readable by the
// metrics, never by the engine.

import {
  type Clock,
  setTimerAtWith,
  type TimerCallback,
  type TimerId,
} from '../../dialer/ports/clock.ts'
import {
  type DialRequest,
  isDigit,
  type PlayRequest,
  type Telephony,
  type TelephonyEvent,
} from '../../dialer/ports/telephony.ts'
import { IdTable } from '../../domain/id-table.ts'
import { InvariantError } from '../../domain/invariant.ts'
import { type CustomerModel, outcomesAtSec } from './customer-model.ts'
import { type Distribution, sampleSec } from './distributions.ts'
import type { Random, Rng } from './rng.ts'

/** How long a recorded prompt (information message, voicemail drop) plays, in the simulator. */
export const SIM_PROMPT_SEC = 5
/** Share of connected live customers who end the call themselves (the rest: the agent does). */
export const SIM_CUSTOMER_HANGUP_SHARE = 0.6

export type Truth = 'human' | 'machine' | 'busy' | 'sit' | 'noAnswer'

export interface SimCall {
  id: string
  truth: Truth
  /** Time the party stays once connected (talk, message, or machine greeting). */
  engagementSec: number
  answered: boolean
  connectedAtMs: number | null
  /**
   * Every timer set for the call, fired or not: ending the call cancels them all (cancelling one
   * that already ran is a no-op), so a firing timer need not take itself out (issue 15, speed).
   * The first in a field (null: none), the rest in an array made only when needed:
   * most calls set one or two timers, and an array's first push reserves 17 slots.
   */
  firstTimer: TimerId | null
  moreTimers: TimerId[] | null
  ended: boolean
  plays: number
}

export interface SimTelephonyHooks {
  onEvent(event: TelephonyEvent): void
  /** The agent side ends a connected call (the sim agent hangs up): the engine's agent action. */
  onAgentHangup(agentId: string): void
  onBridge(call: SimCall, agentId: string): void
  onCallEnd(call: SimCall): void
}

/** The answer timer's flags: CPA enabled, AMD enabled. */
const CPA_FLAG = 1
const AMD_FLAG = 2

function runEvent(event: () => void, _unused: null): void {
  event()
}

/**
 * One of `call`'s timers is running now. Every timer set for a call is kept on it until the call
 * ends, so a call keeping only one keeps the one that is running: it is let go, and the call's
 * next timer takes the field again instead of starting the array (issue 15: a live IVR call's
 * answer, CPA and prompt timers follow one another; the array grew to 17 slots).
 */
function fired(call: SimCall): void {
  if (call.moreTimers === null) call.firstTimer = null
}

function emitEvent(hooks: SimTelephonyHooks, event: TelephonyEvent): void {
  hooks.onEvent(event)
}

export class SimTelephony implements Telephony {
  readonly calls = new IdTable<SimCall>()
  private readonly outcomeRandom: Random
  private readonly timingRandom: Random
  private readonly amdRandom: Random
  private readonly partyRandom: Random
  private readonly agentRandom: Random
  private readonly startMs: number
  private ivrRandom: Random | undefined

  constructor(
    private readonly model: CustomerModel,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly hooks: SimTelephonyHooks,
  ) {
    this.startMs = clock.nowMs()
    this.outcomeRandom = rng.stream('customer.outcome')
    this.timingRandom = rng.stream('customer.timing')
    this.amdRandom = rng.stream('customer.amd')
    this.partyRandom = rng.stream('customer.hangupParty')
    this.agentRandom = rng.stream('agent.reservation')
  }

  private after(call: SimCall | null, sec: number, event: () => void): void {
    this.afterWith(call, sec, runEvent, event, null)
  }

  /**
   * `callback(a, b)` after `sec`, a timer of `call` (null: of no call). The callbacks are written
   * once, the clock keeps their arguments: no closure per timer (issue 15, engine speed).
   */
  private afterWith<A, B>(
    call: SimCall | null,
    sec: number,
    callback: TimerCallback<A, B>,
    a: A,
    b: B,
  ): void {
    const atMs = this.clock.nowMs() + Math.max(0, sec) * 1000
    const id = setTimerAtWith(this.clock, atMs, callback, a, b)
    if (call === null) return
    if (call.firstTimer === null) call.firstTimer = id
    else if (call.moreTimers === null) call.moreTimers = [id]
    else call.moreTimers.push(id)
  }

  private emit(call: SimCall | null, sec: number, event: TelephonyEvent): void {
    this.afterWith(call, sec, emitEvent, this.hooks, event)
  }

  private drawTruth(): Truth {
    const atSec = (this.clock.nowMs() - this.startMs) / 1000
    const o = outcomesAtSec(this.model, atSec)
    // The shares in a fixed order, each tried in turn on one draw (no list built per dial).
    let u = this.outcomeRandom.next()
    if (u < o.live) return 'human'
    u -= o.live
    if (u < o.machine) return 'machine'
    u -= o.machine
    if (u < o.busy) return 'busy'
    u -= o.busy
    if (u < o.sit) return 'sit'
    return 'noAnswer'
  }

  dial(request: DialRequest): void {
    // One map operation per dial: a call id already present leaves the size unchanged.
    const callsBefore = this.calls.size
    const truth = this.drawTruth()
    const call: SimCall = {
      id: request.callId,
      truth,
      engagementSec: this.engagementSec(truth),
      answered: false,
      connectedAtMs: null,
      firstTimer: null,
      moreTimers: null,
      ended: false,
      plays: 0,
    }
    this.calls.set(call.id, call)
    if (this.calls.size === callsBefore)
      throw new InvariantError(`call ${request.callId} dialled twice`)
    const s = this.model
    if (truth === 'busy') return this.fail(call, this.sample(s.busySec), 'busy')
    if (truth === 'sit') return this.fail(call, this.sample(s.sitSec), 'sit')
    if (truth === 'noAnswer') return
    // The request's two flags, not the request: it need not live until the answer (issue 15).
    const flags = (request.cpaEnabled ? CPA_FLAG : 0) | (request.amdEnabled ? AMD_FLAG : 0)
    this.afterWith(call, this.sample(s.answerSec), this.#answerWith, call, flags)
  }

  readonly #answerWith = (call: SimCall, flags: number): void => {
    fired(call)
    this.answer(call, (flags & CPA_FLAG) !== 0, (flags & AMD_FLAG) !== 0)
  }

  /**
   * The network fails the call after `sec`: the engine hears it, and the call is gone (the engine
   * closes such an attempt without a hangup, so the call must not wait in `calls` for one).
   */
  private fail(call: SimCall, sec: number, reason: 'busy' | 'sit'): void {
    this.afterWith(call, sec, this.#failWith, call, reason)
  }

  /**
   * The events of the common timers are made when they fire, not when they are set: an event
   * waiting seconds in the clock outlived a scavenge and was copied (issue 15, engine speed).
   */
  readonly #failWith = (call: SimCall, reason: 'busy' | 'sit'): void =>
    this.#endWith(call, { kind: 'failed', callId: call.id, reason })

  readonly #cpaWith = (call: SimCall, decision: 'live' | 'machine'): void => {
    fired(call)
    this.hooks.onEvent({ kind: 'cpa', callId: call.id, decision })
  }

  readonly #playDoneWith = (call: SimCall, _unused: null): void => {
    fired(call)
    this.hooks.onEvent({ kind: 'playDone', callId: call.id })
  }

  /** After `sec` the engine hears `event`, which closes its attempt with no hangup: the call ends. */
  private endWith(call: SimCall, sec: number, event: TelephonyEvent): void {
    this.afterWith(call, sec, this.#endWith, call, event)
  }

  readonly #endWith = (call: SimCall, event: TelephonyEvent): void => {
    this.hooks.onEvent(event)
    this.end(call)
  }

  private engagementSec(truth: Truth): number {
    if (truth === 'machine') return this.sample(this.model.machineTalkSec)
    if (truth !== 'human') return 0
    return this.sample(this.model.liveSec)
  }

  private sample(dist: Distribution): number {
    return sampleSec(dist, this.timingRandom)
  }

  private answer(call: SimCall, cpaEnabled: boolean, amdEnabled: boolean): void {
    call.answered = true
    this.hooks.onEvent({ kind: 'answered', callId: call.id })
    if (!cpaEnabled) return
    const amd = this.model.amd
    const human = call.truth === 'human'
    if (!amdEnabled || !amd.enabled) {
      // CPA without AMD tells people from fax tones only: a machine greeting passes as live.
      return this.emit(call, 0, { kind: 'cpa', callId: call.id, decision: 'live' })
    }
    const decisionSec = this.sample(amd.decisionSec)
    if (human && this.amdRandom.bernoulli(this.model.customerLeftPct / 100)) {
      const leaveSec = decisionSec * this.amdRandom.next()
      // The customer is gone: the engine closes the attempt without a hangup, so the call ends here.
      return this.endWith(call, leaveSec, { kind: 'customerHangup', callId: call.id })
    }
    const wrong = this.amdRandom.bernoulli(human ? amd.humanAsMachine : amd.machineAsHuman)
    const seenLive = human !== wrong
    this.afterWith(call, decisionSec, this.#cpaWith, call, seenLive ? 'live' : 'machine')
  }

  hangup(callId: string): void {
    // A call still in `calls` has not ended (ending takes it out): taken out and ended at once.
    const call = this.calls.take(callId)
    if (call) this.close(call)
  }

  private end(call: SimCall): void {
    if (call.ended) return
    this.calls.delete(call.id)
    this.close(call)
  }

  /** Ends a call already out of `calls`: its timers are cancelled and the hooks hear of it. */
  private close(call: SimCall): void {
    call.ended = true
    if (call.firstTimer !== null) this.clock.cancelTimer(call.firstTimer)
    call.firstTimer = null
    if (call.moreTimers !== null) {
      for (const timer of call.moreTimers) this.clock.cancelTimer(timer)
      call.moreTimers = null
    }
    this.hooks.onCallEnd(call)
  }

  bridge(callId: string, agentId: string): void {
    const call = this.calls.get(callId)
    if (call === undefined || call.ended)
      throw new InvariantError(`bridging a call that is gone: ${callId}`)
    call.connectedAtMs = this.clock.nowMs()
    this.hooks.onBridge(call, agentId)
    const customerEnds =
      call.truth === 'human' && this.partyRandom.bernoulli(SIM_CUSTOMER_HANGUP_SHARE)
    this.afterWith(call, call.engagementSec, this.#talkEnds, call, customerEnds ? null : agentId)
  }

  /** The talk's end: the customer hangs up (`agentId` null), or the agent does. */
  readonly #talkEnds = (call: SimCall, agentId: string | null): void => {
    if (agentId === null) {
      this.hooks.onEvent({ kind: 'customerHangup', callId: call.id })
      this.end(call)
    } else {
      this.end(call)
      this.hooks.onAgentHangup(agentId)
    }
  }

  /**
   * The engine gave the call an IVR port (the metrics' "connected"): its party now engages.
   * Returns the call (undefined when gone), so the caller reads its truth without a second lookup.
   */
  markConnected(callId: string): SimCall | undefined {
    const call = this.calls.get(callId)
    if (call && call.connectedAtMs === null) call.connectedAtMs = this.clock.nowMs()
    return call
  }

  /** A connected IVR call's first prompt or bot lasts as long as the party stays; others are short. */
  private holdSec(call: SimCall): number {
    call.plays += 1
    const engaged = call.connectedAtMs !== null && call.plays === 1
    return engaged ? call.engagementSec : SIM_PROMPT_SEC
  }

  play(request: PlayRequest): void {
    const call = this.calls.get(request.callId)
    if (!call) return
    if (request.collectsDigits) return this.playMenu(call)
    const sec = request.durationSec ?? this.holdSec(call)
    this.afterWith(call, sec, this.#playDoneWith, call, null)
  }

  /**
   * An IVR menu prompt (SIM_PROMPT_SEC long): a live customer answers it as the model's
   * ivrAnswer says, from the prompt's start; a machine presses nothing.
   */
  private playMenu(call: SimCall): void {
    this.afterWith(call, SIM_PROMPT_SEC, this.#playDoneWith, call, null)
    const ivr = this.model.ivrAnswer
    if (ivr === undefined || call.truth !== 'human') return
    // Drawn only here, so scenarios without IVR answers draw exactly as before.
    this.ivrRandom ??= this.rng.stream('customer.ivr')
    const random = this.ivrRandom
    let u = random.next()
    let keys = ivr.answers.at(-1)!.keys
    for (const answer of ivr.answers) {
      if (u < answer.probability) {
        keys = answer.keys
        break
      }
      u -= answer.probability
    }
    let atSec = sampleSec(ivr.delaySec, random)
    for (const digit of keys) {
      if (!isDigit(digit))
        throw new InvariantError(`ivrAnswer key ${digit} (refused by the schema)`)
      this.after(call, atSec, () =>
        this.hooks.onEvent({ kind: 'digit', callId: call.id, digit, atMs: this.clock.nowMs() }),
      )
      atSec += sampleSec(ivr.keyGapSec, random)
    }
  }

  startVirtualAgent(callId: string, _botId: string, maxDurationSec: number): void {
    const call = this.calls.get(callId)
    if (!call) return
    const sec = Math.min(maxDurationSec, this.holdSec(call))
    this.emit(call, sec, { kind: 'virtualAgentDone', callId })
  }

  callAgent(agentId: string, purpose: 'reservation' | 'inbound' | 'preview'): void {
    if (purpose !== 'reservation') return
    const answerSec = sampleSec(this.model.reservationAnswerSec, this.agentRandom)
    this.emit(null, answerSec, { kind: 'agentAnswered', agentId })
  }

  releaseAgent(_agentId: string): void {}

  /** An inbound customer call (blending, R8), with its own engagement and patience. */
  inboundCall(callId: string, entryPointId: string, talkSec: number, patienceSec: number): SimCall {
    const call: SimCall = {
      id: callId,
      truth: 'human',
      engagementSec: talkSec,
      answered: true,
      connectedAtMs: null,
      firstTimer: null,
      moreTimers: null,
      ended: false,
      plays: 0,
    }
    this.calls.set(callId, call)
    this.hooks.onEvent({ kind: 'inboundCall', callId, entryPointId, fromNumber: '+15550000000' })
    this.after(call, patienceSec, () => {
      if (call.connectedAtMs !== null) return
      this.hooks.onEvent({ kind: 'customerHangup', callId })
      this.end(call)
    })
    return call
  }
}
