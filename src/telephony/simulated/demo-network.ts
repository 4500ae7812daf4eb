// Where calls go: a TelephonyFactory builds the phone network for a tenant's engine. Today the
// built-in simulated network (SimTelephony: the seeded customer model of docs/benchmarks.md) on
// the real clock; a SIP network will be another factory. Agents' reservation legs of the agents the
// simulation drives (SimAgents) go to the simulated network, which answers them; the other agents'
// legs go to their devices and are answered through the desktop API (R7.2).
import type { Engine } from '../../dialer/engine.ts'
import type { Clock } from '../../dialer/ports/clock.ts'
import type {
  DialRequest,
  PlayRequest,
  Telephony,
  TelephonyEvent,
} from '../../dialer/ports/telephony.ts'
import type { EngineEvent } from '../../dialer/types.ts'
import { type AgentScenario, parseScenario } from '../../sim/scenario.ts'
import { SimAgents } from './agent-model.ts'
import { createRng } from './rng.ts'
import { SimTelephony } from './sim-telephony.ts'

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
}

export type TelephonyFactory = (host: TelephonyHost) => Network

/** The customer model of the simulated network and the simulated agents (a scenario, sim/). */
export const SIM_NETWORK_MODEL = {
  name: 'simulated network',
  seed: 1,
  durationSec: 7 * 86_400,
  mode: 'predictive',
  agents: 1,
  dialRate: 4,
  abandonTargetPct: 3,
  abandonWindowSec: 86_400,
  ringLimitSec: 32,
  outcomes: { live: 0.3, machine: 0.15, busy: 0.08, sit: 0.04, noAnswer: 0.43 },
  answerSec: { dist: 'lognormal', mean: 9, cv: 0.4 },
  busySec: { dist: 'const', value: 3 },
  sitSec: { dist: 'const', value: 2 },
  amd: {
    enabled: true,
    decisionSec: { dist: 'lognormal', mean: 2.5, cv: 0.3 },
    humanAsMachine: 0.01,
    machineAsHuman: 0.1,
  },
  talkSec: { dist: 'lognormal', mean: 90, cv: 0.7 },
  machineTalkSec: { dist: 'const', value: 8 },
  wrapSec: { dist: 'lognormal', mean: 12, cv: 0.5 },
  previewReviewSec: { dist: 'const', value: 5 },
}

/** A scenario (the JSON of bench/scenarios) as the simulated network's model; throws when bad. */
export function simulationModel(json: unknown = SIM_NETWORK_MODEL): AgentScenario {
  const parsed = parseScenario(json)
  if (!parsed.ok) throw new Error(`simulation model invalid: ${JSON.stringify(parsed.errors)}`)
  if (parsed.scenario.mode.startsWith('ivr'))
    throw new Error('simulation model must be an agent scenario')
  return parsed.scenario as AgentScenario
}

export interface Simulation {
  model: AgentScenario
  seed: number
}

/** The built-in simulated network, seeded: each tenant gets its own customers. */
export function simulatedNetwork(simulation: Simulation): TelephonyFactory {
  return (host) => {
    const rng = createRng(simulation.seed)
    return new SimTelephony(simulation.model, host.clock, rng, {
      onEvent: (event) => host.emit(event),
      onDial: () => {},
      onAgentHangup: (agentId) => host.agentHangsUp(agentId),
      onBridge: () => {},
      onCallEnd: () => {},
    })
  }
}

/** Agents' legs: simulated agents to the network, the others to their devices (not yet wired). */
export class AgentLegs implements Telephony {
  constructor(
    private readonly network: Network,
    private readonly simulated: ReadonlySet<string>,
  ) {}

  dial(request: DialRequest): void {
    this.network.dial(request)
  }
  hangup(callId: string): void {
    this.network.hangup(callId)
  }
  bridge(callId: string, agentId: string): void {
    this.network.bridge(callId, agentId)
  }
  play(request: PlayRequest): void {
    this.network.play(request)
  }
  startVirtualAgent(callId: string, botId: string, maxDurationSec: number): void {
    this.network.startVirtualAgent(callId, botId, maxDurationSec)
  }
  callAgent(agentId: string, purpose: 'reservation' | 'inbound' | 'preview'): void {
    // A desktop agent's device rings; the agent answers through the API (answerReservation).
    if (this.simulated.has(agentId)) this.network.callAgent(agentId, purpose)
  }
  releaseAgent(agentId: string): void {
    if (this.simulated.has(agentId)) this.network.releaseAgent(agentId)
  }
}

/** SimAgents that hear only about the agents they drive. */
export class SimulatedAgents {
  private readonly agents: SimAgents

  constructor(
    simulation: Simulation,
    clock: Clock,
    engine: Engine,
    private readonly ids: ReadonlySet<string>,
  ) {
    this.agents = new SimAgents(simulation.model, clock, engine, createRng(simulation.seed + 1))
  }

  /** Logs in and makes Available every simulated agent the engine knows. */
  loginAll(known: (agentId: string) => boolean): void {
    this.agents.loginAll([...this.ids].filter(known))
  }

  onEvent(event: EngineEvent): void {
    if (event.kind === 'agentState' || event.kind === 'previewOffer') {
      if (!this.ids.has(event.agentId)) return
    }
    this.agents.onEvent(event)
  }

  stop(): void {
    this.agents.stop()
  }
}

export interface SimulatedInbound {
  entryPointId: string
  arrivalsPerHour: number
  talkSecMean?: number
  patienceSec?: number
}

const INBOUND_TALK_SEC_MEAN_DEFAULT = 120
const INBOUND_PATIENCE_SEC_DEFAULT = 120

/** Poisson arrivals of inbound customers at an entry point (demos of blending, R8). */
export function scheduleSimulatedInbound(
  clock: Clock,
  network: Network,
  inbound: SimulatedInbound,
  seed: number,
): { stop(): void } {
  const random = createRng(seed).stream('runtime.inbound')
  const talkSec = inbound.talkSecMean ?? INBOUND_TALK_SEC_MEAN_DEFAULT
  const patienceSec = inbound.patienceSec ?? INBOUND_PATIENCE_SEC_DEFAULT
  let index = 0
  let timer: number | null = null
  const next = (): void => {
    const gapMs = -Math.log(1 - random.next()) * (3_600_000 / inbound.arrivalsPerHour)
    timer = clock.setTimerAt(clock.nowMs() + gapMs, () => {
      index += 1
      network.inboundCall?.(
        `inbound-${seed}-${index}`,
        inbound.entryPointId,
        talkSec * (0.5 + random.next()),
        patienceSec,
      )
      next()
    })
  }
  if (inbound.arrivalsPerHour > 0 && network.inboundCall) next()
  return {
    stop() {
      if (timer !== null) clock.cancelTimer(timer)
    },
  }
}
