// The engine's runtime view of its configuration and the events it publishes on the Bus port.
// Configuration arrives already validated (zod at the edge); here the types are trusted.

import type { ResolvedCompliance } from '../compliance/profiles.ts'
import type { RetryRules } from '../compliance/retry.ts'
import type { AgentState } from '../domain/agent-state.ts'
import type { CallingWindow } from '../domain/calling-window.ts'
import type { CampaignMode } from '../domain/campaign/campaign-mode.ts'
import type { NumberType } from '../domain/campaign/contact-strategy.ts'
import type { CpaParams } from '../domain/campaign/cpa.ts'
import type { DisableablePreviewAction, PreviewAction } from '../domain/campaign/preview.ts'
import type { AgentSkill } from '../domain/config/agent.ts'
import type { RoutingType, SkillRequirement } from '../domain/config/queue.ts'
import type { AttemptOutcome, HangupParty } from '../domain/outcomes.ts'
import type { Flow } from '../flows/schema.ts'
import type { EngineSchedule } from './schedule-period.ts'

export type { PreviewAction } from '../domain/campaign/preview.ts'

/**
 * How the campaign's lines are paced, derived from its mode by engineCampaignOf (fixed and
 * adaptive-reference: benchmark baselines in predictive's place); `progressive` owns lines per
 * agent, the rest pool them.
 */
export type PacingChoice =
  | { kind: 'progressive'; linesPerServer: number }
  | { kind: 'predictive' }
  | { kind: 'fixed'; ratio: number }
  | { kind: 'adaptive-reference' }
  | { kind: 'preview' }

/** One step of the contact strategy (R5.2): a number of the contact and the hours it may ring. */
export interface EngineNumberStep {
  numberIndex: number
  numberType: NumberType
  /** The number type's local hours as a daily window, or null when only compliance hours apply. */
  localHours: CallingWindow | null
}

export interface EngineContactStrategy {
  /** The numbers to try, in order; a contact's number no step names is never dialled. */
  steps: EngineNumberStep[]
}

export interface EngineCampaign {
  id: string
  name: string
  mode: CampaignMode
  pacing: PacingChoice
  /** Outdial queue whose distribution group names the campaign's teams (agent modes). */
  queueId: string
  flow: Flow | null
  /**
   * R5.1 business parameters: contact fields bound to STRING global variables. A flow that
   * declares such a variable (STRING) reads the contact's value in it (R3).
   */
  businessParameters: readonly { fieldName: string; globalVariableName: string }[]
  callerId: string
  timeZone: string
  ringLimitSec: number
  cpaEnabled: boolean
  amdEnabled: boolean
  /** The CPA parameters (Appendix A) the dial request carries to the network; null without CPA. */
  cpa: CpaParams | null
  /** Predictive: lines per agent at most (maxDialingRate); progressive: the dial rate. */
  maxLinesPerServer: number
  abandonTargetPct: number
  correctionPace: number
  gain: number
  /** Configured estimate of live people AMD hangs up on, in % of live answers (pacing §3). */
  amdHumanAsMachinePct: number
  ivrPorts: number
  preview: {
    offerTimeoutSec: number
    autoAction: PreviewAction
    actionsDisabled: DisableablePreviewAction[]
  }
  /** Prompt played to an abandoned customer (R5.5) when the flow has no handler for it. */
  abandonMessagePromptId: string
  compliance: ResolvedCompliance
  contactStrategy: EngineContactStrategy
  dncListNames: string[]
  retry: RetryRules
  /**
   * R5.2: the business outcome group's codes an agent ends a call's wrap-up with; a final one
   * closes the contact. Empty: the codes are the campaign manager's (Dialer API), not checked.
   */
  businessOutcomes: readonly BusinessOutcome[]
  /**
   * The last line of defence (R5.5): pooled pacing has at most the lines whose live answers beyond
   * the ready agents the window's abandon room could take (with no room: one line per ready agent).
   * Off only for benchmark baselines.
   */
  capGuardEnabled: boolean
  /**
   * A fixed end of dialing (the simulator's day end, R5.5): no line is dialled at or after this
   * instant (UTC ms). The end the engine applies is the earlier of it and the end of the schedule's
   * current period (`dialingEndsAt`, context.ts); the abandon-cap guard counts the connects the
   * campaign will still make before that. Neither known: the guard counts on no future call.
   */
  dialingEndsAtMs?: number
  /** The campaign's schedule (issue 15): it dials only within its periods. Absent: any time. */
  schedule?: EngineSchedule
}

/** A queue as configuration gives it to the engine (defaults: an outdial queue's). */
export interface EngineQueueConfig {
  id: string
  type: 'INBOUND' | 'OUTBOUND'
  teamIds: string[]
  routingType?: RoutingType
  skillRequirements?: SkillRequirement[]
  maxTimeInQueueSec?: number
}

/** An agent as configuration gives it to the engine. */
export interface EngineAgentConfig {
  id: string
  teamIds: string[]
  wrapCode?: string
  idleCode?: string
  /** R7.1: the profile allows outbound campaigns (default true). */
  outboundAllowed?: boolean
  /** The skill profile (SKILLS_BASED routing). */
  skills?: AgentSkill[]
}

/** A code of the campaign's business outcome group (R5.2). */
export interface BusinessOutcome {
  code: string
  final: boolean
  success: boolean
}

/** What the agent chose at the end of a campaign call's wrap-up (R5.2). */
export interface Disposition {
  attemptId: string
  campaignId: string
  contactId: string
  agentId: string
  code: string
  final: boolean
  success: boolean
  /** A callback the agent scheduled, in UTC ms, for themself or for the campaign. */
  callback?: { atMs: number; agentId: string | null }
}

export interface AttemptRecord {
  id: string
  campaignId: string
  contactId: string
  number: string
  callerId: string
  dialedAtMs: number
  endedAtMs: number
  outcome: AttemptOutcome
  agentId?: string
  hangupParty?: HangupParty
  /** The network's code of a failed dial (a SIP status such as 503), when it gave one. */
  networkCode?: number
  /** Keys the customer pressed in the flow's CollectDigits menus: flow variable → keys. */
  ivrAnswers?: Record<string, string>
}

export type EngineEvent =
  | { kind: 'agentState'; atMs: number; agentId: string; state: AgentState }
  | {
      kind: 'dial'
      atMs: number
      attemptId: string
      campaignId: string
      contactId: string
      number: string
      zone: string
      callerId: string
    }
  | {
      kind: 'outcome'
      atMs: number
      attemptId: string
      campaignId: string
      outcome: AttemptOutcome
    }
  | { kind: 'bridged'; atMs: number; attemptId: string; campaignId: string; agentId: string }
  | { kind: 'attemptClosed'; atMs: number; attempt: AttemptRecord }
  | { kind: 'disposition'; atMs: number; disposition: Disposition }
  | {
      kind: 'callback'
      atMs: number
      campaignId: string
      contactId: string
      agentId: string
      /** Held for the agent; dialled for them; given to the campaign (the agent is away). */
      phase: 'held' | 'delivered' | 'toCampaign'
    }
  | {
      kind: 'callerIdRejected'
      atMs: number
      attemptId: string
      source: string
      value: string
      reason: string
    }
  | { kind: 'dialBlocked'; atMs: number; campaignId: string; contactId: string; reason: string }
  | {
      kind: 'pacing'
      atMs: number
      campaignId: string
      target: number
      inFlight: number
      reason: string
      /** What the decision saw (the supervisor's "why N lines now"); not in the golden hashes. */
      inputs: PacingInputs
    }
  | {
      kind: 'previewOffer'
      atMs: number
      taskId: string
      campaignId: string
      agentId: string
      contactId: string
      expiresAtMs: number
    }
  | {
      kind: 'inbound'
      atMs: number
      callId: string
      queueId: string
      phase: 'queued' | 'answered' | 'abandoned'
      agentId?: string
    }
  | {
      kind: 'ivrPort'
      atMs: number
      campaignId: string
      attemptId: string
      phase: 'held' | 'released'
    }

/** The inputs of one pooled pacing decision, as the supervisor's board explains it. */
export interface PacingInputs {
  readyServers: number
  busyServers: number
  /** Lines in flight when the decision was taken (before the lines it opened). */
  linesInFlight: number
  liveWaiting: number
  liveProbability: number
  dialToLiveSec: number
  talkSec: number
  wrapSec: number
  liveSamples: number
  windowAbandonPct: number
  abandonCapPct: number
  abandonTargetPct: number
  capGuardActive: boolean
  /** What the policy asked for before the cap guard clamped it. */
  policyTarget: number
  policy: string
}

export interface Bus {
  publish(event: EngineEvent): void
}
