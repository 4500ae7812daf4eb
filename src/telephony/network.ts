// The contract of a phone network adapter: what the runtime hands a network when it builds one for
// a tenant's engine (TelephonyHost), and what it gets back (Network: the engine's Telephony port,
// plus inbound calls where the network makes them). The simulated network
// (simulated/demo-network.ts) is one factory; a SIP network is another. The engine sees only the
// Telephony port; the factory and its host are the runtime's wiring, so they live here with the
// adapters rather than in the engine's ports.
import type { Clock } from '../dialer/ports/clock.ts'
import type { Telephony, TelephonyEvent } from '../dialer/ports/telephony.ts'

/** What a network hands back to the runtime. */
export interface TelephonyHost {
  clock: Clock
  /** A call event for the engine (engine.handleTelephony). */
  emit(event: TelephonyEvent): void
  /** The far end of an agent's call hung up on the agent's side (simulated agents only). */
  agentHangsUp(agentId: string): void
}

export interface Network extends Telephony {
  /** An inbound customer call (the simulated network only: demos of blending, R8). */
  inboundCall?(callId: string, entryPointId: string, talkSec: number, patienceSec: number): void
  /** Whether the network rings this agent's own device (a SIP phone) for reservations. */
  ringsAgent?(agentId: string): boolean
}

/** Builds the network of one tenant's engine. */
export type TelephonyFactory = (host: TelephonyHost) => Network
