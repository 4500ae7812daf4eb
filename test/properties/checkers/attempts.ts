// Checkers of the attempt lifecycle and of agents: one attempt in flight per contact, exactly one
// outcome and one close per dial (R2.1), who hung up (R2.1), one customer per agent (R7.3, R8).
import type { EngineEvent } from '../../../src/dialer/types.ts'
import type { AgentState } from '../../../src/domain/agent-state.ts'
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '../../../src/domain/outcomes.ts'
import { SIM_START_MS } from '../../../src/sim/run.ts'
import { type Checker, Violations } from './core.ts'

// --- attempts: one in flight per contact; exactly one outcome and one close per dial ---------------

/** No contact has two attempts open at once (dial → attemptClosed). */
export function contactInFlightChecker(): Checker & { retries: number } {
  const violations = new Violations()
  const openAttempt = new Map<string, string>()
  const dialled = new Set<string>()
  const checker = {
    violations,
    retries: 0,
    observe(event: EngineEvent) {
      if (event.kind === 'dial') {
        const other = openAttempt.get(event.contactId)
        if (other !== undefined) {
          violations.add(
            event.atMs,
            `${event.contactId} dialled (${event.attemptId}) while ${other} is still open`,
          )
        }
        if (dialled.has(event.contactId)) checker.retries += 1
        dialled.add(event.contactId)
        openAttempt.set(event.contactId, event.attemptId)
      } else if (event.kind === 'attemptClosed') {
        const { contactId, id } = event.attempt
        if (openAttempt.get(contactId) === id) openAttempt.delete(contactId)
      }
    },
    finish() {
      for (const [contactId, attemptId] of openAttempt) {
        violations.add(SIM_START_MS, `${contactId}: ${attemptId} never closed`)
      }
    },
  }
  return checker
}

interface AttemptTrace {
  contactId: string
  number: string
  outcomes: AttemptOutcome[]
  closes: number
}

/**
 * R2.1: every dial gets exactly one 'outcome' and then exactly one 'attemptClosed' carrying that
 * outcome, its contact and number; the result's `dials` and `outcomes` match the events.
 */
export function lifecycleChecker(): Checker {
  const violations = new Violations()
  const attempts = new Map<string, AttemptTrace>()
  const counted: Record<string, number> = {}
  let dials = 0
  return {
    violations,
    observe(event, nowMs) {
      switch (event.kind) {
        case 'dial':
          dials += 1
          if (attempts.has(event.attemptId))
            violations.add(nowMs, `${event.attemptId} dialled twice`)
          attempts.set(event.attemptId, {
            contactId: event.contactId,
            number: event.number,
            outcomes: [],
            closes: 0,
          })
          return
        case 'outcome': {
          counted[event.outcome] = (counted[event.outcome] ?? 0) + 1
          const trace = attempts.get(event.attemptId)
          if (trace === undefined)
            return violations.add(nowMs, `outcome for undialled ${event.attemptId}`)
          if (trace.closes > 0)
            violations.add(nowMs, `${event.attemptId} got an outcome after closing`)
          trace.outcomes.push(event.outcome)
          if (trace.outcomes.length > 1) {
            violations.add(nowMs, `${event.attemptId} got outcomes ${trace.outcomes.join(', ')}`)
          }
          return
        }
        case 'attemptClosed': {
          const a = event.attempt
          const trace = attempts.get(a.id)
          if (trace === undefined) return violations.add(nowMs, `close of undialled ${a.id}`)
          trace.closes += 1
          if (trace.closes > 1) violations.add(nowMs, `${a.id} closed ${trace.closes} times`)
          if (trace.outcomes.length !== 1 || trace.outcomes[0] !== a.outcome) {
            violations.add(
              nowMs,
              `${a.id} closed as ${a.outcome} after outcomes [${trace.outcomes}]`,
            )
          }
          if (a.contactId !== trace.contactId || a.number !== trace.number) {
            violations.add(nowMs, `${a.id} closed with another contact or number than it dialled`)
          }
          if (a.endedAtMs !== nowMs || a.dialedAtMs > a.endedAtMs) {
            violations.add(nowMs, `${a.id} has inconsistent times ${a.dialedAtMs}..${a.endedAtMs}`)
          }
          return
        }
        default:
          return
      }
    },
    finish(result) {
      for (const [id, trace] of attempts) {
        if (trace.outcomes.length !== 1 || trace.closes !== 1) {
          violations.add(
            SIM_START_MS,
            `${id}: ${trace.outcomes.length} outcomes, ${trace.closes} closes (want 1 and 1)`,
          )
        }
      }
      if (result.dials !== dials) {
        violations.add(SIM_START_MS, `result.dials ${result.dials} ≠ ${dials} dial events`)
      }
      let sum = 0
      for (const outcome of ATTEMPT_OUTCOMES) {
        sum += result.outcomes[outcome]
        if (result.outcomes[outcome] !== (counted[outcome] ?? 0)) {
          violations.add(
            SIM_START_MS,
            `result.outcomes.${outcome} ${result.outcomes[outcome]} ≠ ${counted[outcome] ?? 0} events`,
          )
        }
      }
      if (sum !== result.dials)
        violations.add(SIM_START_MS, `Σ outcomes ${sum} ≠ dials ${result.dials}`)
    },
  }
}

/** R2.1: after a LIVE_VOICE connect, who hung up is recorded with the attempt. */
export function hangupPartyChecker(): Checker & { liveVoice: number } {
  const violations = new Violations()
  const checker = {
    violations,
    liveVoice: 0,
    observe(event: EngineEvent) {
      if (event.kind !== 'attemptClosed' || event.attempt.outcome !== 'LIVE_VOICE') return
      checker.liveVoice += 1
      if (event.attempt.hangupParty === undefined) {
        violations.add(event.atMs, `${event.attempt.id} LIVE_VOICE closed with no hangupParty`)
      }
    },
  }
  return checker
}

// --- agents: one customer at a time ----------------------------------------------------------------

/**
 * No agent is bridged to two customers at once (R7.3, R8): an agent holds a campaign customer from
 * 'bridged' to that attempt's close, an inbound one from 'inbound answered' to leaving Engaged.
 * Each bridge also finds the agent Engaged on exactly that interaction, and an agent never
 * becomes Available or Reserved while still holding a campaign customer.
 */
export function agentChecker(): Checker & { bridges: number; inbound: number } {
  const violations = new Violations()
  const holding = new Map<string, { callId: string; inbound: boolean }>()
  const stateOf = new Map<string, AgentState>()
  const openAttempts = new Set<string>()
  const take = (agentId: string, callId: string, inbound: boolean, atMs: number) => {
    const held = holding.get(agentId)
    if (held !== undefined) {
      violations.add(atMs, `${agentId} bridged to ${callId} while still on ${held.callId}`)
    }
    const state = stateOf.get(agentId)
    const origin = inbound ? 'inbound' : 'campaign'
    if (state?.kind !== 'Engaged' || state.interactionId !== callId || state.origin !== origin) {
      violations.add(atMs, `${agentId} bridged to ${callId} in state ${JSON.stringify(state)}`)
    }
    holding.set(agentId, { callId, inbound })
  }
  const checker = {
    violations,
    bridges: 0,
    inbound: 0,
    observe(event: EngineEvent, nowMs: number) {
      switch (event.kind) {
        case 'dial':
          openAttempts.add(event.attemptId)
          return
        case 'agentState': {
          stateOf.set(event.agentId, event.state)
          const held = holding.get(event.agentId)
          if (held === undefined || event.state.kind === 'Engaged') return
          if (held.inbound) holding.delete(event.agentId)
          else if (event.state.kind === 'Available' || event.state.kind === 'Reserved') {
            violations.add(nowMs, `${event.agentId} is ${event.state.kind} while on ${held.callId}`)
          }
          return
        }
        case 'bridged':
          checker.bridges += 1
          if (!openAttempts.has(event.attemptId)) {
            violations.add(
              nowMs,
              `${event.agentId} bridged to closed or unknown ${event.attemptId}`,
            )
          }
          return take(event.agentId, event.attemptId, false, nowMs)
        case 'inbound':
          if (event.phase !== 'answered') return
          checker.inbound += 1
          if (event.agentId === undefined) {
            return violations.add(nowMs, `inbound ${event.callId} answered by nobody`)
          }
          return take(event.agentId, event.callId, true, nowMs)
        case 'attemptClosed': {
          openAttempts.delete(event.attempt.id)
          const agentId = event.attempt.agentId
          if (agentId === undefined) return
          if (holding.get(agentId)?.callId === event.attempt.id) holding.delete(agentId)
          return
        }
        default:
          return
      }
    },
  }
  return checker
}
