// Checkers of the pacing properties: the 2-second rule (R5.5), IVR ports (R1.4), dialling only for
// agents who answered their reservation (R1.2, R7.2).
import type { EngineEvent } from '../../../src/dialer/types.ts'
import type { AttemptOutcome } from '../../../src/domain/outcomes.ts'
import { SIM_START_MS } from '../../../src/sim/run.ts'
import type { RunSetup } from '../run-setup.ts'
import { type Checker, Violations } from './core.ts'

// --- the 2-second rule and IVR ports --------------------------------------------------------------

/** Counts outcomes: the 2-second-rule property wants no ABANDONED at all. */
export function abandonChecker(): Checker & { outcomes: Partial<Record<AttemptOutcome, number>> } {
  const violations = new Violations()
  const checker = {
    violations,
    outcomes: {} as Partial<Record<AttemptOutcome, number>>,
    observe(event: EngineEvent) {
      if (event.kind !== 'outcome') return
      checker.outcomes[event.outcome] = (checker.outcomes[event.outcome] ?? 0) + 1
      if (event.outcome === 'ABANDONED') {
        violations.add(event.atMs, `${event.attemptId} ABANDONED (2-second rule)`)
      }
    },
  }
  return checker
}

/**
 * R1.4: IVR ports held never exceed ivrPorts; each port is held once and released once per
 * attempt, after it was held and by the attempt's close; every port goes to a LIVE_VOICE attempt
 * and every LIVE_VOICE attempt of an IVR campaign held a port.
 */
export function ivrPortChecker(setup: RunSetup): Checker & { maxHeld: number; held: number } {
  const violations = new Violations()
  const phase = new Map<string, 'held' | 'released'>()
  let holding = 0
  const checker = {
    violations,
    maxHeld: 0,
    held: 0,
    observe(event: EngineEvent, nowMs: number) {
      const ports = setup.campaign().ivrPorts
      if (event.kind === 'ivrPort') {
        const before = phase.get(event.attemptId)
        if (event.phase === 'held') {
          if (before !== undefined) violations.add(nowMs, `${event.attemptId} held a port twice`)
          holding += 1
          checker.held += 1
          checker.maxHeld = Math.max(checker.maxHeld, holding)
          if (holding > ports)
            violations.add(nowMs, `${holding} ports held, only ${ports} configured`)
        } else {
          if (before !== 'held')
            violations.add(nowMs, `${event.attemptId} released a port it did not hold`)
          holding -= 1
        }
        phase.set(event.attemptId, event.phase)
      } else if (event.kind === 'outcome' && event.outcome === 'LIVE_VOICE') {
        if (phase.get(event.attemptId) !== 'held') {
          violations.add(nowMs, `${event.attemptId} LIVE_VOICE in an IVR campaign without a port`)
        }
      } else if (event.kind === 'outcome') {
        if (phase.has(event.attemptId)) {
          violations.add(nowMs, `${event.attemptId} held a port but ended ${event.outcome}`)
        }
      } else if (event.kind === 'attemptClosed' && phase.get(event.attempt.id) === 'held') {
        violations.add(nowMs, `${event.attempt.id} closed still holding its port`)
      }
    },
    finish() {
      if (holding !== 0) violations.add(SIM_START_MS, `${holding} ports still held after the run`)
    },
  }
  return checker
}

/**
 * R1.2, R7.2 with one line per agent (progressive at dial rate 1, preview): customers are dialled
 * only for agents who answered their reservation call. Each such agent stays Reserved (connected)
 * while its one line is unresolved, so at every dial the lines without an outcome yet are at most
 * the agents Reserved and connected.
 */
export function answeredReservationChecker(): Checker & { dials: number } {
  const violations = new Violations()
  const connected = new Set<string>()
  const open = new Set<string>()
  const checker = {
    violations,
    dials: 0,
    observe(event: EngineEvent, nowMs: number) {
      if (event.kind === 'agentState') {
        const { state, agentId } = event
        if (state.kind === 'Reserved' && state.connected) connected.add(agentId)
        else connected.delete(agentId)
      } else if (event.kind === 'outcome') {
        open.delete(event.attemptId)
      } else if (event.kind === 'dial') {
        checker.dials += 1
        open.add(event.attemptId)
        if (open.size > connected.size) {
          violations.add(
            nowMs,
            `${event.attemptId}: ${open.size} lines open for ${connected.size} agents who ` +
              `answered their reservation`,
          )
        }
      }
    },
  }
  return checker
}
