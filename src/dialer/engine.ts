// The dialer engine: one event-driven core with no I/O of its own (docs/design.md "One core, two
// clocks"). Everything arrives through its ports (Clock, Telephony, Ids, Bus) and its public
// methods (the desktop's and the campaign manager's actions). After every entry point, routing and
// pacing settle.
import { AbandonLedger } from '../compliance/abandon-ledger.ts'
import { DncRegistry } from '../compliance/dnc.ts'
import { NumberHistory } from '../compliance/repeat-call.ts'
import type { AgentEvent, AgentTransition } from '../domain/agent-state.ts'
import {
  type CampaignAction,
  type EngineCampaignStatus,
  engineStatusOf,
  engineTransition,
} from '../domain/campaign/campaign-status.ts'
import { MAX_TIME_IN_QUEUE_SEC_DEFAULT } from '../domain/config/limits.ts'
import { OUTBOUND_ROUTING_TYPE } from '../domain/config/queue.ts'
import { IdTable } from '../domain/id-table.ts'
import { invariant } from '../domain/invariant.ts'
import type { Flow } from '../flows/schema.ts'
import { adaptiveReferencePolicy } from '../pacing/adaptive-reference.ts'
import { CampaignEstimator } from '../pacing/estimates.ts'
import { fixedRatioPolicy } from '../pacing/fixed.ts'
import { predictivePolicy } from '../pacing/predictive.ts'
import type { PoolPacingPolicy } from '../pacing/types.ts'
import { agentOrThrow, tryAgentEvent } from './agents.ts'
import { BusyAgents } from './busy-agents.ts'
import type { ContactList } from './contact-list.ts'
import type { CampaignRuntime, EngineContext } from './context.ts'
import { hangUpAgent } from './lifecycle.ts'
import { LinesInFlight } from './line-ages.ts'
import { PendingIds } from './pending-ids.ts'
import { PortHolders } from './port-holders.ts'
import { type Clock, setTimerAtWith } from './ports/clock.ts'
import type { Ids } from './ports/ids.ts'
import type { Telephony, TelephonyEvent } from './ports/telephony.ts'
import { type PreviewActionResult, previewAction } from './preview.ts'
import { pullPreviewContact } from './preview-pull.ts'
import { PACING_TICK_MS } from './pump.ts'
import { routeAllAvailable } from './routing/router.ts'
import { settle } from './settle.ts'
import { dispatchTelephony } from './telephony-dispatch.ts'
import type {
  Bus,
  EngineAgentConfig,
  EngineCampaign,
  EngineQueueConfig,
  PreviewAction,
} from './types.ts'
import {
  checkWrapUpChoice,
  settleWrapUp,
  type WrapUpChoice,
  type WrapUpRefusal,
} from './wrap-up.ts'

export interface EnginePorts {
  clock: Clock
  telephony: Telephony
  ids: Ids
  bus: Bus
  dnc?: DncRegistry
  history?: NumberHistory
  /**
   * Wraps each campaign's pooled pacing policy (benchmarks time its decisions with it; the core
   * itself never reads a wall clock), or replaces it (the simulator's oracle baseline).
   */
  instrumentPolicy?: (policy: PoolPacingPolicy) => PoolPacingPolicy
}

export type CampaignCommandResult =
  | { kind: 'ok' }
  | { kind: 'notFound'; campaignId: string }
  | { kind: 'illegal'; from: EngineCampaignStatus; action: CampaignAction }

export class Engine {
  readonly ctx: EngineContext
  readonly #instrumentPolicy: ((policy: PoolPacingPolicy) => PoolPacingPolicy) | undefined
  private settling = false
  /** The ids one settle round works on (settle.ts). */
  private readonly settleIds: string[] = []

  constructor(ports: EnginePorts) {
    this.#instrumentPolicy = ports.instrumentPolicy
    this.ctx = {
      clock: ports.clock,
      telephony: ports.telephony,
      ids: ports.ids,
      bus: ports.bus,
      dnc: ports.dnc ?? new DncRegistry(),
      history: ports.history ?? new NumberHistory(),
      agents: new Map(),
      teams: new Map(),
      queues: new Map(),
      entryPoints: new Map(),
      campaigns: new Map(),
      attempts: new IdTable(),
      inbound: new Map(),
      previewTasks: new Map(),
      collections: new Map(),
      dirty: new PendingIds(),
      toRoute: new PendingIds(),
      // The engine's entry point for a timer is written once: the clock keeps the callback and
      // its argument beside it (no closure per timer on the simulator's clock: issue 15).
      setTimer: (delayMs, callback) =>
        setTimerAtWith(ports.clock, ports.clock.nowMs() + delayMs, this.#fire, callback, null),
      setTimerWith: (delayMs, callback, arg) =>
        setTimerAtWith(ports.clock, ports.clock.nowMs() + delayMs, this.#fireWith, callback, arg),
    }
  }

  readonly #fire = (action: () => void, _unused: null): void => this.run(action)
  readonly #fireWith = <T>(callback: (ctx: EngineContext, arg: T) => void, arg: T): void =>
    this.runWith(callback, arg)

  #withInstrument(policy: PoolPacingPolicy | null): PoolPacingPolicy | null {
    return policy && this.#instrumentPolicy ? this.#instrumentPolicy(policy) : policy
  }

  /** Runs one entry point, then lets routing and pacing settle. */
  private run<T>(action: () => T): T {
    if (this.settling) return action()
    this.settling = true
    try {
      const result = action()
      settle(this.ctx, this.settleIds)
      return result
    } finally {
      this.settling = false
    }
  }

  /** As `run`, for a callback and its argument (`ctx.setTimerWith`). */
  private runWith<T>(callback: (ctx: EngineContext, arg: T) => void, arg: T): void {
    if (this.settling) return callback(this.ctx, arg)
    this.settling = true
    try {
      callback(this.ctx, arg)
      settle(this.ctx, this.settleIds)
    } finally {
      this.settling = false
    }
  }

  // --- configuration -------------------------------------------------------------------------

  addTeam(team: { id: string; queueRankings?: { queueId: string; rank: number }[] }): void {
    const rankings = new Map((team.queueRankings ?? []).map((r) => [r.queueId, r.rank]))
    this.ctx.teams.set(team.id, { id: team.id, agentIds: [], queueRankings: rankings })
  }

  addQueue(queue: EngineQueueConfig): void {
    for (const teamId of queue.teamIds)
      invariant(this.ctx.teams.has(teamId), `unknown team ${teamId}`)
    this.ctx.queues.set(queue.id, {
      id: queue.id,
      type: queue.type,
      teamIds: queue.teamIds,
      routingType: queue.routingType ?? OUTBOUND_ROUTING_TYPE,
      skillRequirements: queue.skillRequirements ?? [],
      maxTimeInQueueSec: queue.maxTimeInQueueSec ?? MAX_TIME_IN_QUEUE_SEC_DEFAULT,
      lastRoutedAgentId: null,
      waiting: [],
    })
  }

  addEntryPoint(entryPoint: { id: string; type: 'INBOUND' | 'OUTBOUND'; flow: Flow }): void {
    this.ctx.entryPoints.set(entryPoint.id, entryPoint)
  }

  addAgent(agent: EngineAgentConfig): void {
    invariant(!this.ctx.agents.has(agent.id), `agent ${agent.id} added twice`)
    for (const teamId of agent.teamIds) this.ctx.teams.get(teamId)?.agentIds.push(agent.id)
    this.ctx.agents.set(agent.id, {
      id: agent.id,
      teamIds: agent.teamIds,
      state: { kind: 'LoggedOut' },
      stateSinceMs: this.ctx.clock.nowMs(),
      poolCampaignId: null,
      busyIn: null,
      callId: null,
      reservationTimer: null,
      wrapCode: agent.wrapCode ?? 'Default',
      idleCode: agent.idleCode ?? 'Default',
      outboundAllowed: agent.outboundAllowed ?? true,
      skills: new Map((agent.skills ?? []).map((skill) => [skill.skillId, skill.level])),
      wrapUp: null,
    })
  }

  /** Moves a logged-out or Idle agent (no reservation, call or pool place) to other teams (R4.2);
   * false when the agent is busy and keeps the old membership. */
  setAgentTeams(agentId: string, teamIds: readonly string[]): boolean {
    const agent = this.ctx.agents.get(agentId)
    invariant(agent, `unknown agent ${agentId}`)
    if (agent.state.kind !== 'LoggedOut' && agent.state.kind !== 'Idle') return false
    for (const teamId of agent.teamIds) {
      const team = this.ctx.teams.get(teamId)
      if (team) team.agentIds = team.agentIds.filter((id) => id !== agentId)
    }
    agent.teamIds = teamIds.filter((teamId) => this.ctx.teams.has(teamId))
    for (const teamId of agent.teamIds) this.ctx.teams.get(teamId)!.agentIds.push(agentId)
    return true
  }

  addCampaign(config: EngineCampaign, list: ContactList): void {
    invariant(!this.ctx.campaigns.has(config.id), `campaign ${config.id} added twice`)
    invariant(config.ivrPorts >= 0, 'negative IVR ports')
    this.ctx.campaigns.set(config.id, {
      config,
      status: engineStatusOf('draft'),
      list,
      ledger: new AbandonLedger({ windowSec: config.compliance.abandonWindowSec }),
      estimator: new CampaignEstimator(),
      policy: this.#withInstrument(policyFor(config)),
      openAttempts: 0,
      inFlight: 0,
      linesInFlight: new LinesInFlight(),
      portHolders: new PortHolders(),
      busyAgents: new BusyAgents(),
      liveWaiting: [],
      ready: new Set(),
      reserved: new Set(),
      linesByOwner: new Map(),
      portsHeld: 0,
      lastAssignedMs: Number.NEGATIVE_INFINITY,
      requestIssuedAtMs: Number.NEGATIVE_INFINITY,
      tickTimer: null,
      hopperIdleUntilMs: Number.NEGATIVE_INFINITY,
      lastPoolDecisionMs: Number.NEGATIVE_INFINITY,
      pacingStartedAtMs: null,
      period: null,
      previewTasks: new Map(),
      sharedFlowVars: null,
      checkedCallerId: null,
      agentCallbacks: new Map(),
    })
  }

  /** New contacts were added to a campaign's list: look at the list again now. */
  contactsChanged(campaignId: string): void {
    this.run(() => {
      const campaign = this.ctx.campaigns.get(campaignId)
      if (!campaign) return
      campaign.hopperIdleUntilMs = Number.NEGATIVE_INFINITY
      this.ctx.dirty.add(campaignId)
      routeAllAvailable(this.ctx)
    })
  }

  // --- campaign lifecycle (R5.2) -------------------------------------------------------------

  startCampaign(campaignId: string): CampaignCommandResult {
    return this.setStatus(campaignId, 'start')
  }
  pauseCampaign(campaignId: string): CampaignCommandResult {
    return this.setStatus(campaignId, 'pause')
  }
  resumeCampaign(campaignId: string): CampaignCommandResult {
    return this.setStatus(campaignId, 'resume')
  }
  stopCampaign(campaignId: string): CampaignCommandResult {
    return this.setStatus(campaignId, 'stop')
  }

  /** The engine's side of the campaign status machine (domain/campaign/campaign-status.ts). */
  private setStatus(campaignId: string, action: CampaignAction): CampaignCommandResult {
    return this.run(() => {
      const campaign = this.ctx.campaigns.get(campaignId)
      if (!campaign) return { kind: 'notFound', campaignId }
      const transition = engineTransition(campaign.status, action)
      if (transition.kind === 'illegal') return transition
      const to = transition.to
      campaign.status = to
      if (to === 'running') {
        campaign.hopperIdleUntilMs = Number.NEGATIVE_INFINITY
        campaign.requestIssuedAtMs = this.ctx.clock.nowMs()
        this.armTick(campaign)
        routeAllAvailable(this.ctx)
      } else if (campaign.tickTimer !== null) {
        this.ctx.clock.cancelTimer(campaign.tickTimer)
        campaign.tickTimer = null
      }
      this.ctx.dirty.add(campaignId)
      return { kind: 'ok' }
    })
  }

  private armTick(campaign: CampaignRuntime): void {
    campaign.tickTimer = this.ctx.setTimer(PACING_TICK_MS, () => {
      campaign.tickTimer = null
      if (campaign.status !== 'running') return
      this.ctx.dirty.add(campaign.config.id)
      if (campaign.hopperIdleUntilMs <= this.ctx.clock.nowMs()) routeAllAvailable(this.ctx)
      this.armTick(campaign)
    })
  }

  // --- agent desktop actions (R7) ------------------------------------------------------------

  agentEvent(agentId: string, event: AgentEvent): AgentTransition {
    return this.run(() => tryAgentEvent(this.ctx, agentOrThrow(this.ctx, agentId), event))
  }

  agentLogin(agentId: string): AgentTransition {
    const agent = agentOrThrow(this.ctx, agentId)
    return this.agentEvent(agentId, { kind: 'login', idleCode: agent.idleCode })
  }

  /**
   * Ends wrap-up, with the agent's business outcome code for a campaign call (R5.2; checked
   * against the campaign's outcome group, the callback against the calling window), else the
   * retry rules decide. The wrap-up time feeds the pacing estimates of the agent's campaign.
   */
  agentEndWrapUp(agentId: string, choice?: WrapUpChoice): AgentTransition | WrapUpRefusal {
    return this.run(() => {
      const agent = agentOrThrow(this.ctx, agentId)
      if (agent.state.kind !== 'WrapUp')
        return { kind: 'illegal', from: agent.state.kind, event: 'endWrapUp' } as const
      if (choice) {
        const refusal = checkWrapUpChoice(this.ctx, agent, choice)
        if (refusal) return refusal
      }
      if (agent.poolCampaignId !== null) {
        const wrapSec = (this.ctx.clock.nowMs() - agent.stateSinceMs) / 1000
        this.ctx.campaigns.get(agent.poolCampaignId)?.estimator.observeWrap(wrapSec)
      }
      settleWrapUp(this.ctx, agent, choice)
      return tryAgentEvent(this.ctx, agent, { kind: 'endWrapUp' })
    })
  }

  /**
   * Settles every campaign call still waiting for its agent's code by the retry rules (the
   * process closes: no code can arrive here any more). The agents stay in wrap-up.
   */
  settleWrapUps(): void {
    this.run(() => {
      for (const agent of this.ctx.agents.values()) settleWrapUp(this.ctx, agent, undefined)
    })
  }

  /**
   * The agent hangs up: on the customer they are engaged with, or (R7.5) on the reservation call,
   * which leaves the reservation: the agent goes Idle with `idleCode` (default: their default idle
   * code). A customer already dialled for them goes to another ready agent within the 2-second
   * rule, or is abandoned and counted (lifecycle.ts).
   */
  agentHangup(agentId: string, idleCode?: string): { kind: 'ok' } | { kind: 'noCall' } {
    return this.run(() => hangUpAgent(this.ctx, agentOrThrow(this.ctx, agentId), idleCode))
  }

  previewAction(taskId: string, action: PreviewAction, agentId?: string): PreviewActionResult {
    return this.run(() => previewAction(this.ctx, taskId, action, agentId))
  }

  /** R1.1(b), the "Campaign Contact" button: the next record across the agent's preview campaigns. */
  requestCampaignContact(
    agentId: string,
  ): { kind: 'offered' } | { kind: 'noContact' } | { kind: 'busy' } {
    return this.run(() => pullPreviewContact(this.ctx, agentId))
  }

  // --- telephony -----------------------------------------------------------------------------

  /** As `run`, with no closure per telephony event (issue 15, engine speed). */
  handleTelephony(event: TelephonyEvent): void {
    this.runWith(dispatchTelephony, event)
  }
}

function policyFor(config: EngineCampaign): PoolPacingPolicy | null {
  switch (config.pacing.kind) {
    case 'predictive':
      return predictivePolicy({ correctionPace: config.correctionPace, gain: config.gain })
    case 'fixed':
      return fixedRatioPolicy(config.pacing.ratio)
    case 'adaptive-reference':
      return adaptiveReferencePolicy()
    default:
      return null
  }
}
