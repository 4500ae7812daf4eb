// Runs one simulated campaign day: the real engine on a virtual clock against seeded customers
// (docs/design.md "One core, two clocks"). The same scenario, seed and options give the same
// result.
import type { DncRegistry } from '../compliance/dnc.ts'
import { GeneratedContactList } from '../dialer/contact-list.ts'
import { Engine, type EnginePorts } from '../dialer/engine.ts'
import { sequentialIds } from '../dialer/ports/ids.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import type { EngineCampaign, EngineEvent } from '../dialer/types.ts'
import type { Contact } from '../domain/contact.ts'
import { invariant } from '../domain/invariant.ts'
import { ATTEMPT_OUTCOMES } from '../domain/outcomes.ts'
import { inboundQueueFlow } from '../flows/defaultFlows.ts'
import { SimAgents } from '../telephony/simulated/agent-model.ts'
import { sampleSec } from '../telephony/simulated/distributions.ts'
import { createRng } from '../telephony/simulated/rng.ts'
import { SimTelephony } from '../telephony/simulated/sim-telephony.ts'
import {
  buildCampaign,
  retarget,
  SIM_CAMPAIGN_ID,
  SIM_INBOUND_ENTRY_POINT_ID,
  SIM_INBOUND_QUEUE_ID,
  SIM_OUTDIAL_QUEUE_ID,
  SIM_ZONE,
} from './build.ts'
import { MetricsCollector, type SimMetrics } from './metrics.ts'
import { AgentTruth, oraclePolicy } from './oracle.ts'
import { policyLabel, type SimPolicy } from './policy.ts'
import {
  agentBehaviourOf,
  customerModelOf,
  isAgentScenario,
  type Scenario,
  type ScenarioMode,
} from './scenario.ts'

/** The simulated day starts on Monday 2026-03-02 09:00 UTC (a fixed instant: no wall clock). */
export const SIM_START_MS = 1_772_442_000_000
/** A bound on the events one run may process. */
export const SIM_EVENTS_MAX = 200_000_000
const PROGRESS_SLICE_MS = 60_000

export interface SimOptions {
  seed?: number
  policy?: SimPolicy
  mode?: ScenarioMode
  /** Called with simulated milliseconds done, for a progress bar. */
  onProgress?: (doneMs: number, totalMs: number) => void
  /** Sees every engine event (property tests' checkers). */
  observe?: (event: EngineEvent, nowMs: number) => void
  /** Wraps the pooled pacing policy (the capacity benchmark times its decisions). */
  instrumentPolicy?: EnginePorts['instrumentPolicy']
  /** Contacts to dial instead of fresh generated ones (property tests). */
  makeContact?: (index: number) => Contact
  dnc?: DncRegistry
  /** Adjusts the campaign the scenario produced (property tests: compliance, retries). */
  adjustCampaign?: (campaign: EngineCampaign) => EngineCampaign
}

export interface SimResult extends SimMetrics {
  scenario: string
  seed: number
  policy: string
  mode: ScenarioMode
}

/** The generated contacts' fields: none, one frozen object for all (nothing writes a contact's). */
const NO_FIELDS: Contact['fields'] = Object.freeze({})

/**
 * A contact of the endless generated list, made when it is taken and dropped when its attempt
 * closes (the list keeps a waiting contact as numbers: contact-list.ts). The contacts share the
 * empty fields; the id is concatenated (Array.prototype.join, once used to get a flat string, costs
 * several times as much per dial: issue 15).
 */
function generatedContact(index: number): Contact {
  return {
    id: `contact-${index}`,
    campaignId: SIM_CAMPAIGN_ID,
    // 1_000_000 + index has at least 7 digits: never padded, so no padStart call.
    numbers: [`+1555${1_000_000 + index}`],
    timeZone: SIM_ZONE,
    fields: NO_FIELDS,
  }
}

/** Runs the day to the end in one go. */
export function runScenario(input: Scenario, options: SimOptions = {}): SimResult {
  const steps = simulate(input, options)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * The simulated day as a generator that yields after every slice of simulated time: `runScenario`
 * runs it in one go; a caller that must stay responsive gives the event loop a turn between steps.
 */
export function* simulate(input: Scenario, options: SimOptions): Generator<void, SimResult> {
  const scenario = retarget(input, options.mode)
  const seed = options.seed ?? scenario.seed
  const policy = options.policy ?? { kind: 'scenario' }
  const clock = new VirtualClock(SIM_START_MS)
  const rng = createRng(seed)
  const endMs = SIM_START_MS + scenario.durationSec * 1000
  const agentMode = isAgentScenario(scenario)
  const servers = agentMode ? scenario.agents : scenario.ivrPorts
  const metrics = new MetricsCollector(
    SIM_START_MS,
    endMs,
    servers,
    scenario.abandonWindowSec,
    agentMode && scenario.inbound !== undefined,
    (callId) => telephony?.calls.get(callId)?.truth,
  )
  let agents: SimAgents | null = null
  let telephony: SimTelephony | null = null
  const oracle = policy.kind === 'oracle' ? policy : null
  invariant(oracle === null || agentMode, 'the oracle baseline runs agent scenarios only')
  // The oracle's truth; null on every other day, which therefore runs exactly as before.
  const truth = oracle ? new AgentTruth(() => agents) : null
  const instrumentPolicy = oracleInstrument(truth, oracle, options.instrumentPolicy)
  const engine = new Engine({
    clock,
    telephony: {
      dial: (r) => telephony!.dial(r),
      hangup: (id) => telephony!.hangup(id),
      bridge: (id, agentId) => telephony!.bridge(id, agentId),
      play: (r) => telephony!.play(r),
      startVirtualAgent: (id, bot, sec) => telephony!.startVirtualAgent(id, bot, sec),
      callAgent: (agentId, purpose) => telephony!.callAgent(agentId, purpose),
      releaseAgent: (agentId) => telephony!.releaseAgent(agentId),
    },
    ids: sequentialIds(),
    bus: {
      publish(event) {
        if (event.kind === 'ivrPort' && event.phase === 'held') {
          if (telephony!.markConnected(event.attemptId)?.truth === 'human') metrics.liveConnected()
        }
        metrics.onEvent(event)
        agents?.onEvent(event)
        truth?.onEvent(event)
        options.observe?.(event, clock.nowMs())
      },
    },
    ...(options.dnc ? { dnc: options.dnc } : {}),
    ...(instrumentPolicy ? { instrumentPolicy } : {}),
  })
  telephony = new SimTelephony(customerModelOf(scenario), clock, rng, {
    onEvent: (event) => engine.handleTelephony(event),
    onAgentHangup: (agentId) => engine.agentHangup(agentId),
    onBridge: (call, agentId) => {
      truth?.onBridge(call, agentId, clock.nowMs())
      if (call.truth === 'human' && !engine.ctx.inbound.has(call.id)) metrics.liveConnected()
    },
    onCallEnd: (call) => metrics.callEnded(call, clock.nowMs()),
  })
  const campaign = (options.adjustCampaign ?? ((c) => c))(buildCampaign(scenario, policy, endMs))
  configure(engine, scenario, campaign, options.makeContact ?? generatedContact)
  if (isAgentScenario(scenario)) {
    agents = new SimAgents(agentBehaviourOf(scenario), clock, engine, rng, {
      drawWrapAhead: oracle !== null,
    })
    agents.loginAll(agentIds(scenario.agents))
  }
  engine.startCampaign(SIM_CAMPAIGN_ID)
  if (agentMode && scenario.inbound && scenario.inbound.arrivalsPerHour > 0) {
    scheduleInbound(scenario, clock, rng, telephony, metrics, endMs)
  }
  for (let t = SIM_START_MS; t < endMs; ) {
    t = Math.min(endMs, t + PROGRESS_SLICE_MS)
    clock.runUntil(t, SIM_EVENTS_MAX)
    options.onProgress?.(t - SIM_START_MS, endMs - SIM_START_MS)
    yield
  }
  // The day is over: no new dials; calls in flight finish and are counted.
  engine.stopCampaign(SIM_CAMPAIGN_ID)
  agents?.stop()
  clock.runAll(SIM_EVENTS_MAX)
  invariant(engine.ctx.attempts.size === 0, 'attempts left open after the day drained')
  const result = metrics.result()
  const outcomeSum = ATTEMPT_OUTCOMES.reduce((sum, o) => sum + result.outcomes[o], 0)
  invariant(outcomeSum === result.dials, `dials ${result.dials} ≠ outcomes ${outcomeSum}`)
  return {
    scenario: scenario.name,
    seed,
    policy: policyLabel(policy),
    mode: scenario.mode,
    ...result,
  }
}

/** The oracle replaces the campaign's pooled policy (then any instrument wraps it). */
function oracleInstrument(
  truth: AgentTruth | null,
  oracle: Extract<SimPolicy, { kind: 'oracle' }> | null,
  instrument: SimOptions['instrumentPolicy'],
): SimOptions['instrumentPolicy'] {
  if (truth === null || oracle === null) return instrument
  const policy = oraclePolicy(truth, oracle)
  return () => (instrument ? instrument(policy) : policy)
}

function agentIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `agent-${i + 1}`)
}

function configure(
  engine: Engine,
  scenario: Scenario,
  campaign: EngineCampaign,
  makeContact: (index: number) => Contact,
): void {
  const inbound = isAgentScenario(scenario) ? scenario.inbound : undefined
  const campaignFirst = inbound?.ranking === 'campaign-first'
  engine.addTeam({
    id: 'team-1',
    queueRankings: campaignFirst
      ? [
          { queueId: SIM_OUTDIAL_QUEUE_ID, rank: 1 },
          { queueId: SIM_INBOUND_QUEUE_ID, rank: 2 },
        ]
      : [],
  })
  engine.addQueue({ id: SIM_OUTDIAL_QUEUE_ID, type: 'OUTBOUND', teamIds: ['team-1'] })
  if (inbound) {
    engine.addQueue({ id: SIM_INBOUND_QUEUE_ID, type: 'INBOUND', teamIds: ['team-1'] })
    engine.addEntryPoint({
      id: SIM_INBOUND_ENTRY_POINT_ID,
      type: 'INBOUND',
      flow: inboundQueueFlow({ id: 'sim-inbound-flow', queueId: SIM_INBOUND_QUEUE_ID }),
    })
  }
  if (isAgentScenario(scenario)) {
    for (const id of agentIds(scenario.agents)) engine.addAgent({ id, teamIds: ['team-1'] })
  }
  engine.addCampaign(campaign, new GeneratedContactList(makeContact))
}

function scheduleInbound(
  scenario: Extract<Scenario, { agents: number }>,
  clock: VirtualClock,
  rng: ReturnType<typeof createRng>,
  telephony: SimTelephony,
  metrics: MetricsCollector,
  endMs: number,
): void {
  const inbound = scenario.inbound!
  const arrivals = rng.stream('inbound.arrivals')
  const durations = rng.stream('inbound.durations')
  const meanGapMs = 3_600_000 / inbound.arrivalsPerHour
  let index = 0
  const next = (): void => {
    const atMs = clock.nowMs() - Math.log(1 - arrivals.next()) * meanGapMs
    if (atMs >= endMs) return
    clock.setTimerAt(atMs, () => {
      index += 1
      const callId = `inbound-${index}`
      metrics.inboundArrived(callId, clock.nowMs())
      telephony.inboundCall(
        callId,
        SIM_INBOUND_ENTRY_POINT_ID,
        sampleSec(inbound.talkSec, durations),
        inbound.patienceSec,
      )
      next()
    })
  }
  next()
}
