// Small builders for the flows the engine and the tests need most: an outdial flow that sets the
// caller ID and routes each CPA result (R3.2, R3.3), and an inbound flow that queues (R4.6).
// Every builder runs its result through validateFlow, so a built flow is always a valid one.
import { invariant } from '../domain/invariant.ts'
import type { CpaResult } from '../domain/outcomes.ts'
import type { Activity } from './activities/activity-schema.ts'
import { VIRTUAL_AGENT_SEC_DEFAULT } from './limits.ts'
import type { Flow, Handler } from './schema.ts'
import { CAMPAIGN_ID_VARIABLE, validateFlow } from './validate.ts'

export type NotLiveAction = 'disconnect' | { play: string }
export type LiveAction =
  | NotLiveAction
  | { virtualAgent: { botId: string; maxDurationSec?: number } }
  | { gotoEntryPoint: string }

export interface OutdialFlowOptions {
  id: string
  name?: string
  /** E.164 caller ID set in PreDial (R6.1: overrides campaign and record); absent: no PreDial. */
  callerId?: string
  onAmd?: NotLiveAction
  onAbandoned?: NotLiveAction
  /** LIVE_VOICE reaches the flow only in IVR campaigns (R3.3). */
  onLive?: LiveAction
}

const DISCONNECT_ID = 'disconnect'

function mustBeValid(input: Flow): Flow {
  const result = validateFlow(input)
  const detail = result.ok ? '' : result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')
  invariant(result.ok, `built flow ${input.id} is invalid: ${detail}`)
  return result.flow
}

/** The activity a CPA result goes to first; plays and bots continue to the shared disconnect. */
function actionActivity(action: Exclude<LiveAction, 'disconnect'>): Activity {
  if ('play' in action) return { kind: 'PlayMessage', promptId: action.play, next: DISCONNECT_ID }
  if ('gotoEntryPoint' in action) {
    return { kind: 'GotoEntryPoint', entryPointId: action.gotoEntryPoint }
  }
  return {
    kind: 'VirtualAgent',
    botId: action.virtualAgent.botId,
    maxDurationSec: action.virtualAgent.maxDurationSec ?? VIRTUAL_AGENT_SEC_DEFAULT,
    next: DISCONNECT_ID,
  }
}

function callResultHandler(routes: [CpaResult, LiveAction | undefined][]): Handler | undefined {
  const given = routes.filter((route): route is [CpaResult, LiveAction] => route[1] !== undefined)
  if (given.length === 0) return undefined
  const activities: Record<string, Activity> = { [DISCONNECT_ID]: { kind: 'DisconnectContact' } }
  const branches: Record<string, string> = {}
  for (const [result, action] of given) {
    if (action === 'disconnect') {
      branches[result] = DISCONNECT_ID
      continue
    }
    const id = `on${result}`
    activities[id] = actionActivity(action)
    branches[result] = id
  }
  // An unrouted result is disconnected explicitly rather than left to the engine's default.
  activities.cpaCase = {
    kind: 'Case',
    variable: 'CPAResult',
    branches,
    defaultNext: DISCONNECT_ID,
  }
  return { start: 'cpaCase', activities }
}

export function outdialFlow(options: OutdialFlowOptions): Flow {
  const { id, name = `Outdial flow ${id}`, callerId, onAmd, onAbandoned, onLive } = options
  const handlers: Flow['handlers'] = {}
  if (callerId !== undefined) {
    handlers.PreDial = {
      start: 'setCallerId',
      activities: { setCallerId: { kind: 'SetCallerID', callerId } },
    }
  }
  const callResult = callResultHandler([
    ['AMD', onAmd],
    ['ABANDONED', onAbandoned],
    ['LIVE_VOICE', onLive],
  ])
  if (callResult !== undefined) handlers.OutboundCampaignCallResult = callResult
  return mustBeValid({
    id,
    name,
    kind: 'outdial',
    variables: [{ name: CAMPAIGN_ID_VARIABLE, type: 'STRING', agentViewable: true }],
    handlers,
  })
}

export interface InboundQueueFlowOptions {
  id: string
  name?: string
  queueId: string
}

/** The inbound side of GotoEntryPoint: the entry point's flow queues the call for an agent. */
export function inboundQueueFlow(options: InboundQueueFlowOptions): Flow {
  const { id, name = `Inbound flow ${id}`, queueId } = options
  return mustBeValid({
    id,
    name,
    kind: 'inbound',
    variables: [],
    handlers: {
      NewPhoneContact: {
        start: 'queue',
        activities: { queue: { kind: 'QueueContact', queueId } },
      },
    },
  })
}
