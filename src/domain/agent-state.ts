// The agent state machine of R7.1: only the legal transitions; an illegal one is a typed result,
// never a silent fix. Going Idle from Reserved releases the reservation (R7.5).
import { assertNever } from './invariant.ts'

export type AgentState =
  | { kind: 'LoggedOut' }
  | { kind: 'Idle'; code: string }
  | { kind: 'Available' }
  /** Reserved by a campaign; `connected` once the agent answered the reservation call (R7.2). */
  | { kind: 'Reserved'; campaignId: string; connected: boolean }
  | { kind: 'Engaged'; interactionId: string; origin: 'campaign' | 'inbound' }
  | { kind: 'WrapUp'; code: string }

export type AgentStateKind = AgentState['kind']

export type AgentEvent =
  | { kind: 'login'; idleCode: string }
  | { kind: 'logout' }
  | { kind: 'setIdle'; code: string }
  | { kind: 'setAvailable' }
  | { kind: 'reserve'; campaignId: string }
  | { kind: 'reservationAnswered' }
  /** The dialer withdraws a reservation (campaign paused, inbound preemption, queue timeout). */
  | { kind: 'releaseReservation' }
  | { kind: 'engage'; interactionId: string; origin: 'campaign' | 'inbound' }
  | { kind: 'endCall'; wrapCode: string }
  | { kind: 'endWrapUp' }

export type AgentTransition =
  | { kind: 'ok'; state: AgentState }
  | { kind: 'illegal'; from: AgentStateKind; event: AgentEvent['kind'] }

function illegal(from: AgentState, event: AgentEvent): AgentTransition {
  return { kind: 'illegal', from: from.kind, event: event.kind }
}

function ok(state: AgentState): AgentTransition {
  return { kind: 'ok', state }
}

export function transitionAgent(from: AgentState, event: AgentEvent): AgentTransition {
  switch (from.kind) {
    case 'LoggedOut':
      return event.kind === 'login'
        ? ok({ kind: 'Idle', code: event.idleCode })
        : illegal(from, event)
    case 'Idle':
      return fromIdle(from, event)
    case 'Available':
      return fromAvailable(from, event)
    case 'Reserved':
      return fromReserved(from, event)
    case 'Engaged':
      return event.kind === 'endCall'
        ? ok({ kind: 'WrapUp', code: event.wrapCode })
        : illegal(from, event)
    case 'WrapUp':
      if (event.kind === 'endWrapUp') return ok({ kind: 'Available' })
      if (event.kind === 'setIdle') return ok({ kind: 'Idle', code: event.code })
      return illegal(from, event)
    default:
      return assertNever(from, 'agent state')
  }
}

function fromIdle(from: AgentState, event: AgentEvent): AgentTransition {
  if (event.kind === 'setAvailable') return ok({ kind: 'Available' })
  if (event.kind === 'setIdle') return ok({ kind: 'Idle', code: event.code })
  if (event.kind === 'logout') return ok({ kind: 'LoggedOut' })
  return illegal(from, event)
}

function fromAvailable(from: AgentState, event: AgentEvent): AgentTransition {
  switch (event.kind) {
    case 'reserve':
      return ok({ kind: 'Reserved', campaignId: event.campaignId, connected: false })
    case 'engage':
      return ok({ kind: 'Engaged', interactionId: event.interactionId, origin: event.origin })
    case 'setIdle':
      return ok({ kind: 'Idle', code: event.code })
    case 'logout':
      return ok({ kind: 'LoggedOut' })
    default:
      return illegal(from, event)
  }
}

function fromReserved(
  from: Extract<AgentState, { kind: 'Reserved' }>,
  event: AgentEvent,
): AgentTransition {
  switch (event.kind) {
    case 'reservationAnswered':
      return from.connected ? illegal(from, event) : ok({ ...from, connected: true })
    case 'engage':
      return ok({ kind: 'Engaged', interactionId: event.interactionId, origin: event.origin })
    case 'releaseReservation':
      return ok({ kind: 'Available' })
    case 'setIdle':
      return ok({ kind: 'Idle', code: event.code })
    default:
      return illegal(from, event)
  }
}
