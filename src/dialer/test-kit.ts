// Test support for the engine's scenario tests (not shipped code): a real Engine wired the way the
// simulator wires it (src/sim/run.ts) on a VirtualClock, with the scripted FakeTelephony, a Bus
// that records every event, and helpers to push call events and read what happened.
import { DncRegistry } from '../compliance/dnc.ts'
import { NumberHistory } from '../compliance/repeat-call.ts'
import type { AgentState } from '../domain/agent-state.ts'
import type { AgentSkill } from '../domain/config/agent.ts'
import type { AttemptOutcome } from '../domain/outcomes.ts'
import { inboundQueueFlow } from '../flows/defaultFlows.ts'
import type { ContactDisposition } from './contact-list.ts'
import type { CampaignRuntime } from './context.ts'
import { Engine, type EnginePorts } from './engine.ts'
import { sequentialIds } from './ports/ids.ts'
import type { CpaDecision, DialFailure, TelephonyEvent } from './ports/telephony.ts'
import { VirtualClock } from './ports/virtual-clock.ts'
import {
  KIT_CAMPAIGN_ID,
  KIT_INBOUND_ENTRY_POINT_ID,
  KIT_INBOUND_QUEUE_ID,
  KIT_START_ISO,
  KIT_TEAM_ID,
  type KitCampaignOptions,
  kitCampaign,
  kitList,
} from './test-kit-campaign.ts'
import type { InMemoryContactList } from './test-kit-contact-list.ts'
import { type CommandOf, FakeTelephony, type TelephonyCommand } from './test-kit-telephony.ts'
import type { AttemptRecord, EngineEvent, EngineQueueConfig } from './types.ts'

export * from './test-kit-campaign.ts'
export * from './test-kit-telephony.ts'

export type EventOf<K extends EngineEvent['kind']> = Extract<EngineEvent, { kind: K }>

export interface KitAgentSpec {
  id: string
  teamIds?: string[]
  /** R7.1: the profile allows outbound campaigns. Default true. */
  outboundAllowed?: boolean
  skills?: AgentSkill[]
}

export interface EngineKitOptions extends KitCampaignOptions {
  startIso?: string
  /** Agents in team-1 (`agent-1`…), or their ids / specs. Default 1. */
  agents?: number | (string | KitAgentSpec)[]
  /** Log the agents in and make them Available, in order, after the start. Default true. */
  agentsAvailable?: boolean
  /** Add the inbound queue (q-inbound, team-1) and its entry point (ep-inbound), with routing. */
  inbound?: boolean | Pick<EngineQueueConfig, 'routingType' | 'skillRequirements'>
  /** team-1's queue rankings (R8.2). */
  queueRankings?: { queueId: string; rank: number }[]
  /** Other campaigns, each with its own outdial queue `q-<id>`. */
  extraCampaigns?: (KitCampaignOptions & { id: string })[]
  /** Start the campaigns at once. Default true. */
  start?: boolean
  /** Answer reservation calls by themselves (after `delaySec`, default 0). Default off. */
  autoAnswerReservations?: boolean | { delaySec: number }
  dnc?: DncRegistry
  /** Wraps the pooled pacing policy (tests read the snapshots it is given). */
  instrumentPolicy?: EnginePorts['instrumentPolicy']
}

export class EngineKit {
  readonly events: EngineEvent[] = []
  readonly lists = new Map<string, InMemoryContactList>()

  constructor(
    readonly engine: Engine,
    readonly clock: VirtualClock,
    readonly telephony: FakeTelephony,
    readonly dnc: DncRegistry,
    readonly history: NumberHistory,
    readonly startMs: number,
  ) {}

  // --- time ------------------------------------------------------------------------------------

  /** Seconds since the kit started. */
  sec(): number {
    return (this.clock.nowMs() - this.startMs) / 1000
  }
  /** The absolute time of `sec` seconds after the start. */
  ms(sec: number): number {
    return this.startMs + sec * 1000
  }
  advanceSec(sec: number): void {
    this.clock.advanceSec(sec)
  }
  /** Advances to `sec` seconds after the start. */
  advanceToSec(sec: number): void {
    this.clock.runUntil(this.ms(sec), Number.MAX_SAFE_INTEGER)
  }
  /** Pushes `event` into the engine at `sec` seconds after the start (when the clock gets there). */
  at(sec: number, event: TelephonyEvent): void {
    this.clock.setTimerAt(this.ms(sec), () => this.engine.handleTelephony(event))
  }

  // --- the network, scripted -------------------------------------------------------------------

  /** Pushes an event now, then runs what became due at this instant (auto-answers). */
  push(event: TelephonyEvent): void {
    this.engine.handleTelephony(event)
    this.clock.advanceMs(0)
  }
  answer(callId: string): void {
    this.push({ kind: 'answered', callId })
  }
  cpa(callId: string, decision: CpaDecision): void {
    this.push({ kind: 'cpa', callId, decision })
  }
  /** Answered, then CPA says live (when the dial asked for CPA). */
  live(callId: string): void {
    this.answer(callId)
    if (this.dialOf(callId).cpaEnabled) this.cpa(callId, 'live')
  }
  machine(callId: string): void {
    this.answer(callId)
    this.cpa(callId, 'machine')
  }
  fail(callId: string, reason: DialFailure): void {
    this.push({ kind: 'failed', callId, reason })
  }
  customerHangup(callId: string): void {
    this.push({ kind: 'customerHangup', callId })
  }
  playDone(callId: string): void {
    this.push({ kind: 'playDone', callId })
  }
  virtualAgentDone(callId: string): void {
    this.push({ kind: 'virtualAgentDone', callId })
  }
  agentAnswered(agentId: string): void {
    this.push({ kind: 'agentAnswered', agentId })
  }
  inboundCall(callId: string, entryPointId = KIT_INBOUND_ENTRY_POINT_ID): void {
    this.push({ kind: 'inboundCall', callId, entryPointId, fromNumber: '+15557770000' })
  }

  // --- desktop shortcuts -----------------------------------------------------------------------

  /** Logs in and goes Available. */
  makeAvailable(agentId: string): void {
    const agent = this.engine.ctx.agents.get(agentId)
    if (agent?.state.kind === 'LoggedOut') this.engine.agentLogin(agentId)
    this.engine.agentEvent(agentId, { kind: 'setAvailable' })
    this.clock.advanceMs(0)
  }
  /** Ends the agent's call (agent side) and the wrap-up that follows. */
  finishCall(agentId: string): void {
    this.engine.agentHangup(agentId)
    this.engine.agentEndWrapUp(agentId)
    this.clock.advanceMs(0)
  }

  // --- what happened ---------------------------------------------------------------------------

  eventsOf<K extends EngineEvent['kind']>(kind: K): EventOf<K>[] {
    return this.events.filter((e): e is EventOf<K> => e.kind === kind)
  }
  commands<K extends TelephonyCommand['kind']>(kind: K): CommandOf<K>[] {
    return this.telephony.of(kind)
  }
  dials(campaignId?: string): CommandOf<'dial'>[] {
    if (campaignId === undefined) return this.commands('dial')
    const ids = new Set(
      this.eventsOf('dial')
        .filter((e) => e.campaignId === campaignId)
        .map((e) => e.attemptId),
    )
    return this.commands('dial').filter((d) => ids.has(d.callId))
  }
  /** Call ids of the dials so far, in order. */
  dialIds(): string[] {
    return this.dials().map((d) => d.callId)
  }
  dialOf(callId: string): CommandOf<'dial'> {
    const dial = this.commands('dial').find((d) => d.callId === callId)
    if (!dial) throw new Error(`no dial for ${callId}`)
    return dial
  }
  /** Outcomes in the order they were given. */
  outcomes(): AttemptOutcome[] {
    return this.eventsOf('outcome').map((e) => e.outcome)
  }
  outcomeOf(attemptId: string): AttemptOutcome | undefined {
    return this.eventsOf('outcome').find((e) => e.attemptId === attemptId)?.outcome
  }
  closed(): AttemptRecord[] {
    return this.eventsOf('attemptClosed').map((e) => e.attempt)
  }
  closedOf(attemptId: string): AttemptRecord | undefined {
    return this.closed().find((a) => a.id === attemptId)
  }
  agentState(agentId: string): AgentState {
    const agent = this.engine.ctx.agents.get(agentId)
    if (!agent) throw new Error(`no agent ${agentId}`)
    return agent.state
  }
  campaign(campaignId = KIT_CAMPAIGN_ID): CampaignRuntime {
    const campaign = this.engine.ctx.campaigns.get(campaignId)
    if (!campaign) throw new Error(`no campaign ${campaignId}`)
    return campaign
  }
  list(campaignId = KIT_CAMPAIGN_ID): InMemoryContactList {
    const list = this.lists.get(campaignId)
    if (!list) throw new Error(`no list for ${campaignId}`)
    return list
  }
  disposition(contactId: string, campaignId = KIT_CAMPAIGN_ID): ContactDisposition | undefined {
    return this.list(campaignId).finished.get(contactId)?.disposition
  }
  /** Commands about one call, kinds only, in order. */
  callCommands(callId: string): TelephonyCommand['kind'][] {
    return this.telephony.commands
      .filter((c) => 'callId' in c && c.callId === callId)
      .map((c) => c.kind)
  }

  /** R2.1: every attempt has at most one outcome and closes at most once, with its outcome. */
  assertAttemptAccounting(): { dialled: number; closed: number; open: number } {
    const dialled = this.eventsOf('dial').map((e) => e.attemptId)
    for (const id of dialled) {
      const outcomes = this.eventsOf('outcome').filter((e) => e.attemptId === id)
      const closes = this.closed().filter((a) => a.id === id)
      if (outcomes.length > 1) throw new Error(`${id} got ${outcomes.length} outcomes`)
      if (closes.length > 1) throw new Error(`${id} closed ${closes.length} times`)
      if (closes.length === 1 && closes[0]!.outcome !== outcomes[0]?.outcome) {
        throw new Error(`${id} closed with an outcome it was not given`)
      }
    }
    const closed = this.closed().length
    return { dialled: dialled.length, closed, open: dialled.length - closed }
  }
}

function kitAgents(spec: EngineKitOptions['agents']): KitAgentSpec[] {
  if (spec === undefined || typeof spec === 'number') {
    return Array.from({ length: spec ?? 1 }, (_, i) => ({ id: `agent-${i + 1}` }))
  }
  return spec.map((agent) => (typeof agent === 'string' ? { id: agent } : agent))
}

/** Builds an engine with one campaign (camp-1 on q-outdial, team-1), its agents and contacts. */
export function makeEngineKit(options: EngineKitOptions = {}): EngineKit {
  const startMs = Date.parse(options.startIso ?? KIT_START_ISO)
  const clock = new VirtualClock(startMs)
  const telephony = new FakeTelephony(clock)
  const dnc = options.dnc ?? new DncRegistry()
  const history = new NumberHistory()
  let kit: EngineKit | null = null
  const engine = new Engine({
    clock,
    telephony,
    ids: sequentialIds(),
    bus: { publish: (event) => kit!.events.push(event) },
    dnc,
    history,
    ...(options.instrumentPolicy ? { instrumentPolicy: options.instrumentPolicy } : {}),
  })
  kit = new EngineKit(engine, clock, telephony, dnc, history, startMs)
  telephony.sink = (event) => engine.handleTelephony(event)
  const auto = options.autoAnswerReservations
  if (auto) telephony.autoAnswerSec = auto === true ? 0 : auto.delaySec

  engine.addTeam({ id: KIT_TEAM_ID, queueRankings: options.queueRankings ?? [] })
  const agents = kitAgents(options.agents)
  for (const team of new Set(agents.flatMap((a) => a.teamIds ?? []))) {
    if (team !== KIT_TEAM_ID) engine.addTeam({ id: team })
  }
  if (options.inbound) {
    const routing = options.inbound === true ? {} : options.inbound
    engine.addQueue({
      id: KIT_INBOUND_QUEUE_ID,
      type: 'INBOUND',
      teamIds: [KIT_TEAM_ID],
      ...routing,
    })
    engine.addEntryPoint({
      id: KIT_INBOUND_ENTRY_POINT_ID,
      type: 'INBOUND',
      flow: inboundQueueFlow({ id: 'flow-inbound', queueId: KIT_INBOUND_QUEUE_ID }),
    })
  }
  const campaigns = [{ ...options, id: KIT_CAMPAIGN_ID }, ...(options.extraCampaigns ?? [])]
  campaigns.forEach((spec, index) => {
    const queueId = index === 0 ? 'q-outdial' : `q-${spec.id}`
    engine.addQueue({
      id: queueId,
      type: 'OUTBOUND',
      teamIds: spec.teamIds ?? [KIT_TEAM_ID],
      ...(spec.maxTimeInQueueSec !== undefined
        ? { maxTimeInQueueSec: spec.maxTimeInQueueSec }
        : {}),
    })
    const list = kitList(spec.id, index + 1, spec, startMs)
    kit.lists.set(spec.id, list)
    engine.addCampaign(kitCampaign(spec.id, queueId, spec), list)
  })
  for (const agent of agents) {
    engine.addAgent({ ...agent, teamIds: agent.teamIds ?? [KIT_TEAM_ID] })
    engine.agentLogin(agent.id)
  }
  if (options.start ?? true) for (const spec of campaigns) engine.startCampaign(spec.id)
  if (options.agentsAvailable ?? true) for (const agent of agents) kit.makeAvailable(agent.id)
  return kit
}
