// Test support for the runtime's tests (not shipped code): a small tenant's configuration parsed
// by the API's own schemas, contacts, the in-memory ports, a spy network that checks every dial
// against the attempt log, and a driver that moves the virtual clock while async work settles.

import type { MemoryDialerStore } from '../../test/support/memory/memory-dialer-store.ts'
import type { DialRequest } from '../dialer/ports/telephony.ts'
import type { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { campaignSchema } from '../domain/campaign/campaign.ts'
import { campaignGroupSchema } from '../domain/campaign/campaign-group.ts'
import type { ConfiguredCampaignStatus } from '../domain/campaign/campaign-status.ts'
import { outcomeGroupSchema } from '../domain/campaign/outcome-group.ts'
import { agentSchema } from '../domain/config/agent.ts'
import { auxCodeSchema } from '../domain/config/aux-code.ts'
import { entryPointSchema } from '../domain/config/entry-point.ts'
import { queueSchema } from '../domain/config/queue.ts'
import { teamSchema } from '../domain/config/team.ts'
import type { Contact } from '../domain/contact.ts'
import { inboundQueueFlow, outdialFlow } from '../flows/defaultFlows.ts'
import type { ConnectorCredentials, TenantConfig } from '../store/ports/dialer-store.ts'
import type { Network, TelephonyFactory } from '../telephony/network.ts'
import {
  demoNetworkModel,
  type Simulation,
  simulatedNetwork,
} from '../telephony/simulated/demo-network.ts'
import type { LogFields, LogLine, RuntimeLog } from './log.ts'

/** Monday 2026-03-02 15:00 UTC: 10:00 in New York, inside the US calling window. */
export const KIT_START_MS = Date.parse('2026-03-02T15:00:00Z')
export const KIT_ZONE = 'America/New_York'
export const KIT_CALLER_ID = '+15550100000'
export const KIT_SIMULATION: Simulation = { model: demoNetworkModel(), seed: 7 }

export interface KitCampaign {
  id: string
  pacing: Record<string, unknown>
  status?: ConfiguredCampaignStatus
  retry?: Record<string, unknown>
  /** Compliance fields of the campaign (profile, CUSTOM rules), as the API takes them. */
  compliance?: Record<string, unknown>
  /** The campaign's schedule (issue 15), as the API takes it. */
  schedule?: Record<string, unknown>
}

export interface KitTenantOptions {
  agents?: number
  campaigns?: KitCampaign[]
  connector?: ConnectorCredentials | null
  /** An inbound queue (q-inbound) and entry point (ep-inbound) served by team-1 (R8 blending). */
  inbound?: boolean
}

export const kitAgentIds = (count: number) =>
  Array.from({ length: count }, (_, i) => `agent-${i + 1}`)

/** One team, one outdial queue and entry point per campaign, an idle and a wrap-up code. */
export function kitTenant(options: KitTenantOptions = {}): TenantConfig {
  const agentIds = kitAgentIds(options.agents ?? 4)
  const campaigns = options.campaigns ?? [
    { id: 'camp-1', pacing: { mode: 'progressive', dialingRate: 2 } },
  ]
  const flows = campaigns.map((c) => outdialFlow({ id: `flow-${c.id}`, onAbandoned: 'disconnect' }))
  const config: TenantConfig = {
    teams: [teamSchema.parse({ id: 'team-1', name: 'Team one', agentIds })],
    agents: agentIds.map((id) =>
      agentSchema.parse({ id, name: id, profile: { outboundCampaignsAllowed: true } }),
    ),
    queues: campaigns.map((c) =>
      queueSchema.parse({
        id: `q-${c.id}`,
        name: `Queue ${c.id}`,
        type: 'OUTBOUND',
        outboundCampaignEnabled: true,
        routingType: 'LONGEST_AVAILABLE_AGENT',
        callDistributionGroups: [{ teamIds: ['team-1'] }],
      }),
    ),
    entryPoints: campaigns.map((c) =>
      entryPointSchema.parse({
        id: `ep-${c.id}`,
        name: `Entry ${c.id}`,
        type: 'OUTBOUND',
        queueId: `q-${c.id}`,
        flowId: `flow-${c.id}`,
      }),
    ),
    flows,
    campaignGroups: campaigns.map((c) =>
      campaignGroupSchema.parse({
        id: `group-${c.id}`,
        name: `Group ${c.id}`,
        entryPointId: `ep-${c.id}`,
        pacing: { callerId: KIT_CALLER_ID, ...c.pacing },
      }),
    ),
    campaigns: campaigns.map((c) =>
      campaignSchema.parse({
        id: c.id,
        name: `Campaign ${c.id}`,
        category: 'SALES',
        businessOutcomeGroupId: 'outcomes',
        timeZone: KIT_ZONE,
        campaignGroupId: `group-${c.id}`,
        contactStrategy: { numberOrder: [{ numberIndex: 0 }] },
        ndncEnabled: false,
        dncListNames: ['internal'],
        ...(c.retry ? { retry: c.retry } : {}),
        ...(c.status ? { status: c.status } : {}),
        ...(c.schedule ? { schedule: c.schedule } : {}),
        ...c.compliance,
      }),
    ),
    globalVariables: [],
    desktopLayouts: [],
    callGuides: [],
    auxCodes: [
      auxCodeSchema.parse({ id: 'idle-break', name: 'Break', type: 'IDLE' }),
      auxCodeSchema.parse({ id: 'idle-lunch', name: 'Lunch', type: 'IDLE' }),
      auxCodeSchema.parse({ id: 'wrap-done', name: 'Done', type: 'WRAP_UP' }),
    ],
    outcomeGroups: [
      outcomeGroupSchema.parse({
        id: 'outcomes',
        name: 'Sales outcomes',
        outcomes: [
          { code: 'SALE', name: 'Sale', final: true, success: true },
          { code: 'NOT_INTERESTED', name: 'Not interested', final: true },
          { code: 'CALL_BACK', name: 'Call back', final: false },
        ],
      }),
    ],
    connector: options.connector ?? null,
  }
  if (options.inbound) {
    config.queues.push(
      queueSchema.parse({
        id: 'q-inbound',
        name: 'Inbound',
        type: 'INBOUND',
        routingType: 'LONGEST_AVAILABLE_AGENT',
        callDistributionGroups: [{ teamIds: ['team-1'] }],
      }),
    )
    config.flows.push(inboundQueueFlow({ id: 'flow-inbound', queueId: 'q-inbound' }))
    config.entryPoints.push(
      entryPointSchema.parse({
        id: 'ep-inbound',
        name: 'Inbound',
        type: 'INBOUND',
        flowId: 'flow-inbound',
      }),
    )
  }
  return config
}

export function kitContacts(campaignId: string, count: number, offset = 0): Contact[] {
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i
    return {
      id: `${campaignId}-c${n + 1}`,
      campaignId,
      numbers: [`+1212${String(5_000_000 + n).padStart(7, '0')}`],
      timeZone: KIT_ZONE,
      fields: {},
    }
  })
}

export interface SpiedDial {
  atMs: number
  callId: string
  contactId: string
  /** The attempt row was open in the log when the network was asked to dial. */
  openInLog: boolean
  /** Another attempt of the same contact was open at that moment (must never happen). */
  otherOpenAttempt: boolean
}

/** The simulated network, with every dial checked against the attempt log at that instant. */
export function spyNetwork(
  store: MemoryDialerStore,
  dials: SpiedDial[],
  simulation: Simulation = KIT_SIMULATION,
): TelephonyFactory {
  return (host) => {
    const network: Network = simulatedNetwork(simulation)(host)
    const dial = network.dial.bind(network)
    network.dial = (request: DialRequest) => {
      const row = store.attempts.get(request.callId)
      const contactId = row?.open.contactId ?? '?'
      const others = [...store.attempts.values()].filter(
        (a) =>
          a.close === null && a.open.contactId === contactId && a.open.attemptId !== request.callId,
      )
      dials.push({
        atMs: host.clock.nowMs(),
        callId: request.callId,
        contactId,
        openInLog: row !== undefined && row.close === null,
        otherOpenAttempt: others.length > 0,
      })
      dial(request)
    }
    return network
  }
}

/** Lets promise chains and ready I/O callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Moves the virtual clock `durationMs` forward in steps, letting async work settle between. */
export async function runFor(clock: VirtualClock, durationMs: number, stepMs = 100): Promise<void> {
  const endMs = clock.nowMs() + durationMs
  await settle()
  while (clock.nowMs() < endMs) {
    clock.advanceMs(Math.min(stepMs, endMs - clock.nowMs()))
    await settle()
  }
}

/** Runs until `done()` or `maxMs` of virtual time (then fails). */
export async function runUntil(
  clock: VirtualClock,
  done: () => boolean,
  maxMs: number,
  stepMs = 100,
): Promise<void> {
  const endMs = clock.nowMs() + maxMs
  await settle()
  while (!done()) {
    if (clock.nowMs() >= endMs) throw new Error(`not done after ${maxMs} ms of virtual time`)
    clock.advanceMs(stepMs)
    await settle()
  }
}

/** A log that keeps its lines (tests), bounded so a chatty run cannot eat the heap. */
export function collectingLog(linesMax = 10_000): RuntimeLog & { lines: LogLine[] } {
  const lines: LogLine[] = []
  const add =
    (level: LogLine['level']) =>
    (message: string, fields: LogFields = {}) => {
      if (lines.length < linesMax) lines.push({ level, message, fields })
    }
  return { lines, info: add('info'), warn: add('warn'), error: add('error') }
}
