// The contact-center configuration (R4) and campaign-manager objects (R5) served as REST resources:
// each kind's schema, the objects it refers to, the rules that span objects, and who may change it.
import type { z } from 'zod'
import { callGuideSchema } from '../../domain/campaign/call-guide.ts'
import { campaignSchema } from '../../domain/campaign/campaign.ts'
import { campaignGroupSchema } from '../../domain/campaign/campaign-group.ts'
import { outcomeGroupSchema } from '../../domain/campaign/outcome-group.ts'
import { agentSchema } from '../../domain/config/agent.ts'
import { type AuxCode, auxCodeListSchema, auxCodeSchema } from '../../domain/config/aux-code.ts'
import { flowDesktopLayoutSchema } from '../../domain/config/desktop-layout.ts'
import { entryPointSchema } from '../../domain/config/entry-point.ts'
import { globalVariableSchema } from '../../domain/config/global-variable.ts'
import { GLOBAL_VARIABLES_CAMPAIGN_MAX } from '../../domain/config/limits.ts'
import { queueSchema } from '../../domain/config/queue.ts'
import { teamSchema } from '../../domain/config/team.ts'
import { flowSchema } from '../../flows/schema.ts'
import { validateFlow } from '../../flows/validate.ts'
import type { Role } from '../../store/ports/accounts.ts'
import type { ErrorDetail } from '../errors.ts'
import type { ConfigResourceSpec, Reference, TenantView } from './config-resource.ts'
import { crossObjectConflicts } from './config-rules.ts'
import {
  boundVariableNamesOf,
  campaignGroupVariableIssues,
  desktopLayoutVariableIssues,
  globalVariableUseIssues,
  variableNamesOf,
} from './customer-data-checks.ts'

const ADMIN: readonly Role[] = ['admin']
const STAFF: readonly Role[] = ['admin', 'supervisor']

async function countOver(
  tenant: TenantView,
  kind: string,
  id: string,
  include: (body: Record<string, unknown>) => boolean,
): Promise<number> {
  const all = await tenant.all(kind)
  return all.filter((doc) => doc.id !== id && include(doc.body as Record<string, unknown>)).length
}

/**
 * The tenant's auxiliary codes as one list (auxCodeListSchema: at most AUX_CODES_MAX, an active
 * code of each type to default to): the issues that writing `code` (null: deleting) brings in.
 * A tenant starts with none, so only what the change breaks is refused, not what is still missing.
 */
async function auxCodeListIssues(
  tenant: TenantView,
  id: string,
  code: AuxCode | null,
  path: string,
): Promise<ErrorDetail[]> {
  const others = (await tenant.all('aux-code'))
    .filter((doc) => doc.id !== id)
    .map((doc) => auxCodeSchema.parse(doc.body))
  const current = (await tenant.all('aux-code')).map((doc) => auxCodeSchema.parse(doc.body))
  const messages = (codes: AuxCode[]) => {
    const parsed = auxCodeListSchema.safeParse(codes)
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)
  }
  const before = new Set(messages(current))
  return messages(code ? [...others, code] : others)
    .filter((message) => !before.has(message))
    .map((message) => ({ path, message }))
}

/** The outdial queue a campaign group reaches through its entry point, if any. */
async function queueOfGroup(tenant: TenantView, groupId: string): Promise<string | undefined> {
  const group = (await tenant.all('campaign-group')).find((g) => g.id === groupId)
  const entryPointId = (group?.body as { entryPointId?: string } | undefined)?.entryPointId
  const entryPoint = (await tenant.all('entry-point')).find((e) => e.id === entryPointId)
  return (entryPoint?.body as { queueId?: string } | undefined)?.queueId
}

/** R4.3: an outdial queue serves one campaign (its reservations would otherwise never reach it). */
async function sharedQueueIssues(
  groupId: string,
  tenant: TenantView,
  id: string,
): Promise<ErrorDetail[]> {
  const queueId = await queueOfGroup(tenant, groupId)
  if (queueId === undefined) return []
  for (const other of await tenant.all('campaign')) {
    if (other.id === id) continue
    const otherGroup = (other.body as { campaignGroupId: string }).campaignGroupId
    if ((await queueOfGroup(tenant, otherGroup)) === queueId)
      return [
        {
          path: 'campaignGroupId',
          message: `its outdial queue ${queueId} already serves campaign '${other.id}'; each campaign has its own outdial queue (R4.3)`,
        },
      ]
  }
  return []
}

/** The cross-object rules of api/resources/config-rules.ts, on a write of this kind. */
const rulesOf =
  (kind: string) =>
  (body: unknown, tenant: TenantView, id: string): Promise<ErrorDetail[]> =>
    crossObjectConflicts(kind, id, body, tenant)

const teamRefs = (teamIds: readonly string[], base: string): Reference[] =>
  teamIds.map((id, i) => ({ path: `${base}[${i}]`, kind: 'team', id }))

// biome-ignore lint/suspicious/noExplicitAny: a list of specs of different schemas
export const CONFIG_KINDS: ConfigResourceSpec<any>[] = [
  {
    kind: 'team',
    path: '/v1/teams',
    tag: 'teams',
    noun: 'team',
    schema: teamSchema,
    readRoles: STAFF,
    writeRoles: ADMIN,
    conflicts: rulesOf('team'),
    references: (team: z.output<typeof teamSchema>) => [
      ...team.agentIds.map((id, i) => ({ path: `agentIds[${i}]`, kind: 'agent', id })),
      ...team.queueRankings.map((r, i) => ({
        path: `queueRankings[${i}].queueId`,
        kind: 'queue',
        id: r.queueId,
      })),
    ],
    referencedBy: [
      { kind: 'agent', ids: (b) => (b as { teamIds: string[] }).teamIds },
      { kind: 'campaign', ids: (b) => (b as { teamIds?: string[] }).teamIds ?? [] },
      {
        kind: 'queue',
        ids: (b) =>
          (b as { callDistributionGroups: { teamIds: string[] }[] }).callDistributionGroups.flatMap(
            (g) => g.teamIds,
          ),
      },
    ],
  },
  {
    kind: 'agent',
    path: '/v1/agents',
    tag: 'agents',
    noun: 'agent',
    schema: agentSchema,
    readRoles: STAFF,
    writeRoles: ADMIN,
    conflicts: rulesOf('agent'),
    references: (agent: z.output<typeof agentSchema>) => teamRefs(agent.teamIds, 'teamIds'),
    referencedBy: [{ kind: 'team', ids: (b) => (b as { agentIds: string[] }).agentIds }],
  },
  {
    kind: 'queue',
    path: '/v1/queues',
    tag: 'queues',
    noun: 'queue',
    schema: queueSchema,
    readRoles: STAFF,
    writeRoles: ADMIN,
    references: (queue: z.output<typeof queueSchema>) =>
      queue.callDistributionGroups.flatMap((g, gi) =>
        teamRefs(g.teamIds, `callDistributionGroups[${gi}].teamIds`),
      ),
    conflicts: rulesOf('queue'),
    referencedBy: [
      {
        kind: 'entry-point',
        ids: (b) => {
          const queueId = (b as { queueId?: string }).queueId
          return queueId ? [queueId] : []
        },
      },
      {
        kind: 'team',
        ids: (b) =>
          (b as { queueRankings: { queueId: string }[] }).queueRankings.map((r) => r.queueId),
      },
    ],
  },
  {
    kind: 'flow',
    path: '/v1/flows',
    tag: 'flows',
    noun: 'flow',
    schema: flowSchema,
    readRoles: STAFF,
    writeRoles: ADMIN,
    check: async (flow) => {
      const result = validateFlow(flow)
      return result.ok ? [] : result.errors.map((e) => ({ path: e.path, message: e.message }))
    },
    referencedBy: [
      { kind: 'entry-point', ids: (b) => [(b as { flowId: string }).flowId] },
      { kind: 'desktop-layout', ids: (b) => [(b as { flowId: string }).flowId] },
    ],
  },
  {
    kind: 'entry-point',
    path: '/v1/entry-points',
    tag: 'entry points',
    noun: 'entry point',
    schema: entryPointSchema,
    readRoles: STAFF,
    writeRoles: ADMIN,
    conflicts: rulesOf('entry-point'),
    references: (ep: z.output<typeof entryPointSchema>) => [
      { path: 'flowId', kind: 'flow', id: ep.flowId },
      ...(ep.queueId ? [{ path: 'queueId', kind: 'queue', id: ep.queueId }] : []),
    ],
    referencedBy: [
      { kind: 'campaign-group', ids: (b) => [(b as { entryPointId: string }).entryPointId] },
    ],
  },
  {
    kind: 'global-variable',
    path: '/v1/global-variables',
    tag: 'global variables',
    noun: 'global variable',
    schema: globalVariableSchema,
    idOf: (body) => body.name,
    readRoles: STAFF,
    writeRoles: ADMIN,
    referencedBy: [
      { kind: 'campaign-group', ids: boundVariableNamesOf },
      { kind: 'desktop-layout', ids: variableNamesOf },
    ],
    check: async (variable, tenant, id) => {
      const inUse = await globalVariableUseIssues(variable, tenant)
      if (variable.type !== 'STRING') return inUse
      const others = await countOver(tenant, 'global-variable', id, (b) => b.type === 'STRING')
      return others + 1 > GLOBAL_VARIABLES_CAMPAIGN_MAX
        ? [
            ...inUse,
            {
              path: 'type',
              message: `the tenant has ${others} STRING global variables; at most ${GLOBAL_VARIABLES_CAMPAIGN_MAX} carry campaign data (R4.4)`,
            },
          ]
        : inUse
    },
  },
  {
    kind: 'aux-code',
    path: '/v1/aux-codes',
    tag: 'auxiliary codes',
    noun: 'auxiliary code',
    schema: auxCodeSchema,
    readRoles: ['admin', 'supervisor', 'agent'],
    writeRoles: ADMIN,
    check: async (code: AuxCode, tenant, id) =>
      auxCodeListIssues(tenant, id, code, code.active ? 'type' : 'active'),
    deleteConflicts: (id, tenant) => auxCodeListIssues(tenant, id, null, 'id'),
  },
  {
    kind: 'desktop-layout',
    path: '/v1/desktop-layouts',
    tag: 'desktop layouts',
    noun: 'desktop layout',
    schema: flowDesktopLayoutSchema,
    readRoles: ['admin', 'supervisor', 'agent'],
    writeRoles: ADMIN,
    references: (layout: z.output<typeof flowDesktopLayoutSchema>) => [
      { path: 'flowId', kind: 'flow', id: layout.flowId },
    ],
    check: (layout: z.output<typeof flowDesktopLayoutSchema>, tenant) =>
      desktopLayoutVariableIssues(layout, tenant),
  },
  {
    kind: 'campaign-group',
    path: '/v1/campaign-groups',
    tag: 'campaign groups',
    noun: 'campaign group',
    schema: campaignGroupSchema,
    readRoles: STAFF,
    writeRoles: ADMIN,
    conflicts: rulesOf('campaign-group'),
    references: (group: z.output<typeof campaignGroupSchema>) => [
      { path: 'entryPointId', kind: 'entry-point', id: group.entryPointId },
    ],
    check: (group: z.output<typeof campaignGroupSchema>, tenant) =>
      campaignGroupVariableIssues(group, tenant),
    referencedBy: [
      { kind: 'campaign', ids: (b) => [(b as { campaignGroupId: string }).campaignGroupId] },
    ],
  },
  {
    kind: 'call-guide',
    path: '/v1/call-guides',
    tag: 'call guides',
    noun: 'call guide',
    schema: callGuideSchema,
    readRoles: ['admin', 'supervisor', 'agent'],
    writeRoles: ADMIN,
    referencedBy: [
      {
        kind: 'campaign',
        ids: (b) => {
          const id = (b as { callGuideFormId?: string }).callGuideFormId
          return id ? [id] : []
        },
      },
    ],
  },
  {
    kind: 'outcome-group',
    path: '/v1/outcome-groups',
    tag: 'outcome groups',
    noun: 'outcome group',
    schema: outcomeGroupSchema,
    readRoles: ['admin', 'supervisor', 'agent'],
    writeRoles: ADMIN,
    referencedBy: [
      {
        kind: 'campaign',
        ids: (b) => [(b as { businessOutcomeGroupId: string }).businessOutcomeGroupId],
      },
    ],
  },
  {
    kind: 'campaign',
    path: '/v1/campaigns',
    check: (campaign: z.output<typeof campaignSchema>, tenant, id) =>
      sharedQueueIssues(campaign.campaignGroupId, tenant, id),
    tag: 'campaigns',
    noun: 'campaign',
    schema: campaignSchema,
    readRoles: STAFF,
    writeRoles: ADMIN,
    conflicts: rulesOf('campaign'),
    references: (campaign: z.output<typeof campaignSchema>) => [
      { path: 'campaignGroupId', kind: 'campaign-group', id: campaign.campaignGroupId },
      ...teamRefs(campaign.teamIds ?? [], 'teamIds'),
      {
        path: 'businessOutcomeGroupId',
        kind: 'outcome-group',
        id: campaign.businessOutcomeGroupId,
      },
      ...(campaign.callGuideFormId
        ? [{ path: 'callGuideFormId', kind: 'call-guide', id: campaign.callGuideFormId }]
        : []),
    ],
  },
]
