// The engine's runtime state, shared by the small modules that each handle one concern
// (dialing, the attempt lifecycle, call-result flows, preview, inbound, routing).
import type { AbandonLedger } from '../compliance/abandon-ledger.ts'
import type { DncRegistry } from '../compliance/dnc.ts'
import type { NumberHistory } from '../compliance/repeat-call.ts'
import type { RetryDecision } from '../compliance/retry.ts'
import type { AgentState } from '../domain/agent-state.ts'
import { isIvrMode, isPreviewMode } from '../domain/campaign/campaign-mode.ts'
import type { EngineCampaignStatus } from '../domain/campaign/campaign-status.ts'
import type { RoutingType, SkillRequirement } from '../domain/config/queue.ts'
import type { IdTable } from '../domain/id-table.ts'
import type { AttemptOutcome } from '../domain/outcomes.ts'
import type { FlowRunState } from '../flows/interpreter.ts'
import type { Flow } from '../flows/schema.ts'
import type { FlowEffect } from '../flows/types.ts'
import type { CampaignEstimator } from '../pacing/estimates.ts'
import type { PoolPacingPolicy } from '../pacing/types.ts'
import type { BusyAgents } from './busy-agents.ts'
import type { ContactList, ContactProgress } from './contact-list.ts'
import type { LinesInFlight } from './line-ages.ts'
import type { PendingIds } from './pending-ids.ts'
import type { PortHolders } from './port-holders.ts'
import type { Clock, TimerId } from './ports/clock.ts'
import type { Ids } from './ports/ids.ts'
import type { Telephony } from './ports/telephony.ts'
import { type DialingPeriod, dialingPeriodAt, type EngineSchedule } from './schedule-period.ts'
import type { Bus, EngineCampaign } from './types.ts'

export interface AgentRuntime {
  id: string
  teamIds: string[]
  state: AgentState
  stateSinceMs: number
  /** The campaign whose pool this agent last served (for pacing forecasts). */
  poolCampaignId: string | null
  /** The busy agents of the campaign that counts this agent now (busy-agents.ts), if any. */
  busyIn: BusyAgents | null
  /** Customer call the agent is engaged on. */
  callId: string | null
  reservationTimer: TimerId | null
  wrapCode: string
  idleCode: string
  /** R7.1: the agent's profile lets campaigns reserve them; if not, the router never does. */
  outboundAllowed: boolean
  /** The skill profile: skill id → level (SKILLS_BASED inbound queues). */
  skills: Map<string, number>
  /** The campaign call whose wrap-up waits for the agent's disposition (R5.2). */
  wrapUp: PendingWrapUp | null
}

/** A campaign call ended; its contact waits for the agent's code before the list hears of it. */
export interface PendingWrapUp {
  attemptId: string
  campaignId: string
  progress: ContactProgress
  zone: string
  /** What the retry rules decided when the call ended: applied unless the code says otherwise. */
  decision: RetryDecision
}

/** A callback the agent scheduled for themself (R5.2): the contact is theirs when it falls due. */
export interface AgentCallback {
  agentId: string
  atMs: number
  /** Taken from the list when due while the agent was busy: waiting for them since. */
  held: { progress: ContactProgress; sinceMs: number } | null
}

export interface TeamRuntime {
  id: string
  agentIds: string[]
  /** queueId → rank; a lower rank wins (R8.2). */
  queueRankings: Map<string, number>
}

export interface QueueRuntime {
  id: string
  type: 'INBOUND' | 'OUTBOUND'
  /** Teams of the (single, for outdial) call distribution group. */
  teamIds: string[]
  /** How an inbound call picks among the available agents (Appendix A). */
  routingType: RoutingType
  /** SKILLS_BASED: what an agent needs to be routed calls from this queue. */
  skillRequirements: SkillRequirement[]
  /** R4.3, outdial: a campaign's request for an agent waits this long, then is issued again. */
  maxTimeInQueueSec: number
  /** CIRCULAR: the agent who got this queue's last call (the next search starts after them). */
  lastRoutedAgentId: string | null
  /** Inbound calls waiting, oldest first. */
  waiting: string[]
}

export interface EntryPointRuntime {
  id: string
  type: 'INBOUND' | 'OUTBOUND'
  flow: Flow
}

export type AttemptPhase = 'dialing' | 'analysing' | 'waitingServer' | 'bridged' | 'flow' | 'closed'

export interface AttemptRuntime {
  id: string
  campaignId: string
  /** The campaign's runtime (`ctx.campaigns`' entry for campaignId, made once per campaign). */
  campaign: CampaignRuntime
  progress: ContactProgress
  number: string
  zone: string
  callerId: string
  dialedAtMs: number
  /** The line's run number in the campaign's lines in flight (line-ages.ts), while in flight. */
  lineRun: number
  /** IVR: the port's run number in the campaign's port holders (port-holders.ts), while held. */
  portRun: number
  phase: AttemptPhase
  /** Progressive and preview: the agent the line was dialled for. */
  ownerAgentId: string | null
  agentId: string | null
  outcome: AttemptOutcome | null
  /** True while the line counts as "in flight" for pacing (dialled, not yet resolved). */
  inFlight: boolean
  holdsPort: boolean
  ringTimer: TimerId | null
  waitTimer: TimerId | null
  flowState: FlowRunState | null
  bridgedAtMs: number | null
  /** The network's code for a failed dial (a SIP status), kept on the record. */
  networkCode?: number
  /** Keys collected by the flow's CollectDigits activities: flow variable → keys (IVR answers). */
  ivrAnswers?: Record<string, string>
}

export interface PreviewTask {
  id: string
  campaignId: string
  agentId: string
  progress: ContactProgress
  number: string
  /** The customer's zone, as the hopper chose the number in it. */
  zone: string
  timer: TimerId | null
}

export interface CampaignRuntime {
  config: EngineCampaign
  status: EngineCampaignStatus
  list: ContactList
  ledger: AbandonLedger
  estimator: CampaignEstimator
  policy: PoolPacingPolicy | null
  /** Attempts of this campaign that are open (any phase but closed). */
  openAttempts: number
  /** Lines dialled and not yet resolved. */
  inFlight: number
  /** The same lines with their dial times, oldest first, kept for pacing (line-ages.ts). */
  linesInFlight: LinesInFlight
  /** IVR: the calls holding a port, kept for pacing (port-holders.ts). */
  portHolders: PortHolders
  /** Agents: the busy agents of the pool, kept as they change state (busy-agents.ts). */
  busyAgents: BusyAgents
  /** Live customers' attempts waiting (≤ 2 s) for an agent or port, oldest first. */
  liveWaiting: AttemptRuntime[]
  /** Agents reserved and connected with no customer, longest waiting first. */
  ready: Set<string>
  /** Agents reserved by this campaign (connected or not). */
  reserved: Set<string>
  /** Progressive: open lines per owning agent. */
  linesByOwner: Map<string, number>
  portsHeld: number
  lastAssignedMs: number
  /**
   * R4.3: when the campaign's current request for an agent was issued in its outdial queue (at the
   * start or resume, and again after each agent it got). A request older than the queue's maximum
   * time in queue is withdrawn and issued again (routing/router.ts reservationRequestSinceMs).
   */
  requestIssuedAtMs: number
  tickTimer: TimerId | null
  /** When the hopper found nothing due: do not ask again before this time. */
  hopperIdleUntilMs: number
  /** When pooled pacing last decided (it decides again POOL_DECISION_INTERVAL_MS later). */
  lastPoolDecisionMs: number
  /** When pooled pacing first decided (the start of the campaign's regulatory windows). */
  pacingStartedAtMs: number | null
  /**
   * The schedule's current or next dialing period (null: none left), for the schedule object it
   * was computed from; computed again when that period ends or the schedule is replaced.
   */
  period: { schedule: EngineSchedule; period: DialingPeriod | null } | null
  previewTasks: Map<string, PreviewTask>
  /**
   * The flow variables every call shares when the campaign binds no business parameter, for the
   * configuration object they were made from (attempts.ts flowVarsOf; a new configuration is a new
   * object, so they are made again).
   */
  sharedFlowVars: { config: EngineCampaign; vars: Readonly<Record<string, string>> } | null
  /** The campaign caller ID last found valid (E.164), checked again when it changes (dialing.ts). */
  checkedCallerId: string | null
  /** Contact id → the agent callback scheduled for it. */
  agentCallbacks: Map<string, AgentCallback>
}

export interface InboundCallRuntime {
  id: string
  queueId: string | null
  arrivedAtMs: number
  agentId: string | null
  flowState: FlowRunState | null
  flow: Flow
}

export type CollectDigitsEffect = Extract<FlowEffect, { kind: 'collectDigits' }>

/** A call collecting keys for its flow's CollectDigits (digit-collection.ts). */
export interface DigitCollection {
  callId: string
  effect: CollectDigitsEffect
  digits: string
  promptPlaying: boolean
  finished: boolean
  timer: TimerId | null
  /** Continues the call's flow with the keys collected. */
  resume(digits: string): void
}

export interface EngineContext {
  clock: Clock
  telephony: Telephony
  ids: Ids
  bus: Bus
  dnc: DncRegistry
  history: NumberHistory
  agents: Map<string, AgentRuntime>
  teams: Map<string, TeamRuntime>
  queues: Map<string, QueueRuntime>
  entryPoints: Map<string, EntryPointRuntime>
  campaigns: Map<string, CampaignRuntime>
  /** Open attempts by id (an IdTable: one in and one out per dial). */
  attempts: IdTable<AttemptRuntime>
  inbound: Map<string, InboundCallRuntime>
  previewTasks: Map<string, PreviewTask>
  /** Calls collecting keys for a CollectDigits activity, by call id. */
  collections: Map<string, DigitCollection>
  /** Campaigns whose pacing must be re-evaluated before the current entry point returns. */
  dirty: PendingIds
  /** Agents who became Available and wait for the router before the entry point returns. */
  toRoute: PendingIds
  /** A timer whose callback runs inside the engine (pacing and routing settle afterwards). */
  setTimer(delayMs: number, callback: () => void): TimerId
  /**
   * `setTimer` for a callback written once (not a closure per timer) and its argument: one closure
   * per timer instead of two (the ring timer of every dial: issue 15, engine speed).
   */
  setTimerWith<T>(delayMs: number, callback: (ctx: EngineContext, arg: T) => void, arg: T): TimerId
}

/** A campaign with no schedule dials at any time. */
const ANY_TIME: DialingPeriod = {
  startMs: Number.NEGATIVE_INFINITY,
  endMs: Number.POSITIVE_INFINITY,
}

/** The schedule's period holding `nowMs` or the next one (null: none left), kept per period. */
function periodAt(campaign: CampaignRuntime, nowMs: number): DialingPeriod | null {
  const schedule = campaign.config.schedule
  if (schedule === undefined) return ANY_TIME
  const known = campaign.period
  if (
    known !== null &&
    known.schedule === schedule &&
    (known.period === null || nowMs < known.period.endMs)
  )
    return known.period
  const period = dialingPeriodAt(schedule, nowMs)
  campaign.period = { schedule, period }
  return period
}

/**
 * Outside the campaign's dialing hours (R5.5, issue 15): before its schedule's period or after it,
 * or at or after its fixed end. It dials nothing then; its lines out and live customers are still
 * served. At the next period's start it dials again (the campaign's tick pumps it).
 */
export function outsideSchedule(campaign: CampaignRuntime, nowMs: number): boolean {
  if (nowMs >= (campaign.config.dialingEndsAtMs ?? Number.POSITIVE_INFINITY)) return true
  const period = periodAt(campaign, nowMs)
  return period === null || nowMs < period.startMs
}

/**
 * When the campaign's current dialing stops (UTC ms): the earlier of its fixed end and the end of
 * the schedule's current period; undefined when neither is known.
 */
export function dialingEndsAt(campaign: CampaignRuntime, nowMs: number): number | undefined {
  const period = periodAt(campaign, nowMs)
  const endMs = Math.min(
    campaign.config.dialingEndsAtMs ?? Number.POSITIVE_INFINITY,
    period === null ? nowMs : period.endMs,
  )
  return Number.isFinite(endMs) ? endMs : undefined
}

export function isIvr(campaign: EngineCampaign): boolean {
  return isIvrMode(campaign.mode)
}

export function isPreview(campaign: EngineCampaign): boolean {
  return isPreviewMode(campaign.mode)
}
