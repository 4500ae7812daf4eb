// The server's demo network: the built-in simulated network (SimTelephony: the seeded customer
// model of docs/benchmarks.md) on the real clock, with its own small schema: the customer model and the
// simulated agents' behaviour, each field with a named default. Reservation legs of the agents the
// simulation drives (SimAgents) go to the simulated network, which answers them; the other
// agents' legs go to their devices and are answered through the desktop API (R7.2).
import { z } from 'zod'
import type { Engine } from '../../dialer/engine.ts'
import type { Clock } from '../../dialer/ports/clock.ts'
import type { DialRequest, PlayRequest, Telephony } from '../../dialer/ports/telephony.ts'
import type { EngineEvent } from '../../dialer/types.ts'
import type { Network, TelephonyFactory } from '../network.ts'
import { type AgentBehaviour, agentBehaviourShape, SimAgents } from './agent-model.ts'
import {
  type AmdSettings,
  amdSchema,
  type CustomerModel,
  customerModelShape,
  type Outcomes,
  outcomesSchema,
} from './customer-model.ts'
import { constSec, type Distribution, distributionSchema } from './distributions.ts'
import { createRng } from './rng.ts'
import { SimTelephony } from './sim-telephony.ts'

/** The demo's customers and agents when its settings leave a field out. */
export const DEMO_NETWORK_DEFAULTS: {
  outcomes: Outcomes
  answerSec: Distribution
  busySec: Distribution
  sitSec: Distribution
  amd: AmdSettings
  machineTalkSec: Distribution
  talkSec: Distribution
  wrapSec: Distribution
} = {
  outcomes: { live: 0.3, machine: 0.15, busy: 0.08, sit: 0.04, noAnswer: 0.43 },
  answerSec: { dist: 'lognormal', mean: 9, cv: 0.4 },
  busySec: constSec(3),
  sitSec: constSec(2),
  amd: {
    enabled: true,
    decisionSec: { dist: 'lognormal', mean: 2.5, cv: 0.3 },
    humanAsMachine: 0.01,
    machineAsHuman: 0.1,
  },
  machineTalkSec: constSec(8),
  talkSec: { dist: 'lognormal', mean: 90, cv: 0.7 },
  wrapSec: { dist: 'lognormal', mean: 12, cv: 0.5 },
}

const defaults = DEMO_NETWORK_DEFAULTS

/** The demo network's settings; `{}` is the demo as shipped. */
export const demoNetworkSchema = z.strictObject({
  outcomes: outcomesSchema.default(defaults.outcomes),
  answerSec: distributionSchema.default(defaults.answerSec),
  busySec: distributionSchema.default(defaults.busySec),
  sitSec: distributionSchema.default(defaults.sitSec),
  amd: amdSchema.default(defaults.amd),
  machineTalkSec: distributionSchema.default(defaults.machineTalkSec),
  schedule: customerModelShape.schedule,
  reservationAnswerSec: customerModelShape.reservationAnswerSec,
  customerLeftPct: customerModelShape.customerLeftPct,
  ivrAnswer: customerModelShape.ivrAnswer,
  /** How long a live customer talks with an agent. */
  talkSec: distributionSchema.default(defaults.talkSec),
  wrapSec: agentBehaviourShape.wrapSec.default(defaults.wrapSec),
  previewReviewSec: agentBehaviourShape.previewReviewSec,
})
export type DemoNetwork = z.output<typeof demoNetworkSchema>

/** The demo network's settings, defaults applied; throws when they are bad. */
export function demoNetworkModel(input: unknown = {}): DemoNetwork {
  const parsed = demoNetworkSchema.safeParse(input)
  if (!parsed.success) throw new Error(`demo network invalid: ${z.prettifyError(parsed.error)}`)
  return parsed.data
}

function customerModelOf(network: DemoNetwork): CustomerModel {
  const { talkSec, wrapSec: _wrapSec, previewReviewSec: _previewReviewSec, ...customer } = network
  return { ...customer, liveSec: talkSec }
}

function agentBehaviourOf(network: DemoNetwork): AgentBehaviour {
  return { wrapSec: network.wrapSec, previewReviewSec: network.previewReviewSec }
}

export interface Simulation {
  model: DemoNetwork
  seed: number
}

/** The built-in simulated network, seeded: each tenant gets its own customers. */
export function simulatedNetwork(simulation: Simulation): TelephonyFactory {
  const model = customerModelOf(simulation.model)
  return (host) => {
    const rng = createRng(simulation.seed)
    return new SimTelephony(model, host.clock, rng, {
      onEvent: (event) => host.emit(event),
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
    // A desktop agent without a device sees the reservation in their state and answers through
    // the API (answerReservation). Simulated agents and agents on a SIP phone hear the call.
    if (this.rings(agentId)) this.network.callAgent(agentId, purpose)
  }
  releaseAgent(agentId: string): void {
    if (this.rings(agentId)) this.network.releaseAgent(agentId)
  }
  private rings(agentId: string): boolean {
    return this.simulated.has(agentId) || this.network.ringsAgent?.(agentId) === true
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
    const behaviour = agentBehaviourOf(simulation.model)
    this.agents = new SimAgents(behaviour, clock, engine, createRng(simulation.seed + 1))
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
