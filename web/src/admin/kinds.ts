// The configuration kinds the administration area offers (issue 13, R4, R5): each one's resource
// in the API, the domain's zod schema its form is generated from (the one the API validates with),
// its write-only fields and whether a supervisor may read it (the API's read roles). Flows have no
// schema here: their schema lives outside src/domain (src/flows); they open in the flow editor
// (web/src/flow-editor), which gets the activity schemas from the API. Compliance profiles are
// part of a campaign (its `complianceProfile`).
import type { z } from 'zod'
import { callGuideSchema } from '../../../src/domain/campaign/call-guide.ts'
import { campaignSchema } from '../../../src/domain/campaign/campaign.ts'
import { campaignGroupSchema } from '../../../src/domain/campaign/campaign-group.ts'
import { outcomeGroupSchema } from '../../../src/domain/campaign/outcome-group.ts'
import { agentSchema } from '../../../src/domain/config/agent.ts'
import { auxCodeSchema } from '../../../src/domain/config/aux-code.ts'
import { connectorSchema } from '../../../src/domain/config/connector.ts'
import { flowDesktopLayoutSchema } from '../../../src/domain/config/desktop-layout.ts'
import { entryPointSchema } from '../../../src/domain/config/entry-point.ts'
import { globalVariableSchema } from '../../../src/domain/config/global-variable.ts'
import { queueSchema } from '../../../src/domain/config/queue.ts'
import { teamSchema } from '../../../src/domain/config/team.ts'
import type { paths } from '../api-schema.d.ts'
import type { MessageKey } from '../i18n.tsx'

export interface AdminKind {
  /** The URL segment (`/admin/teams`) and the label's message key. */
  slug: string
  label: MessageKey
  /** The resource's list path in the API's OpenAPI document. */
  path: Extract<keyof paths, `/v1/${string}`>
  schema: z.ZodType | null
  /** Fields the API accepts but never returns (secrets). */
  writeOnly: readonly string[]
  /** The field naming the object (global variables are named by `name`). */
  idField: 'id' | 'name'
  supervisorReads: boolean
}

const kind = (
  slug: string,
  label: MessageKey,
  path: AdminKind['path'],
  schema: z.ZodType | null,
  more: Partial<AdminKind> = {},
): AdminKind => ({
  slug,
  label,
  path,
  schema,
  writeOnly: [],
  idField: 'id',
  supervisorReads: true,
  ...more,
})

/** In the order: contact center, then customer data, then campaigns. */
export const ADMIN_KINDS: readonly AdminKind[] = [
  kind('connectors', 'kindConnectors', '/v1/connectors', connectorSchema, {
    writeOnly: ['password'],
    supervisorReads: false,
  }),
  kind('agents', 'kindAgents', '/v1/agents', agentSchema),
  kind('teams', 'kindTeams', '/v1/teams', teamSchema),
  kind('queues', 'kindQueues', '/v1/queues', queueSchema),
  kind('entry-points', 'kindEntryPoints', '/v1/entry-points', entryPointSchema),
  kind('global-variables', 'kindGlobalVariables', '/v1/global-variables', globalVariableSchema, {
    idField: 'name',
  }),
  kind('aux-codes', 'kindAuxCodes', '/v1/aux-codes', auxCodeSchema),
  kind('desktop-layouts', 'kindDesktopLayouts', '/v1/desktop-layouts', flowDesktopLayoutSchema),
  kind('outcome-groups', 'kindOutcomeGroups', '/v1/outcome-groups', outcomeGroupSchema),
  kind('call-guides', 'kindCallGuides', '/v1/call-guides', callGuideSchema),
  kind('flows', 'kindFlows', '/v1/flows', null),
  kind('campaign-groups', 'kindCampaignGroups', '/v1/campaign-groups', campaignGroupSchema),
  kind('campaigns', 'kindCampaigns', '/v1/campaigns', campaignSchema),
]

export const kindOf = (slug: string): AdminKind | undefined =>
  ADMIN_KINDS.find((k) => k.slug === slug)

/** The kinds a role may open: an admin all, a supervisor those the API lets them read. */
export const kindsFor = (role: string): readonly AdminKind[] =>
  role === 'admin'
    ? ADMIN_KINDS
    : role === 'supervisor'
      ? ADMIN_KINDS.filter((k) => k.supervisorReads)
      : []
