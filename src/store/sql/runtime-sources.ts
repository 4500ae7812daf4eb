// The runtime's ConfigSource, CampaignStateStore and DncSource (src/store/ports/dialer-store.ts) on
// SQL, bound to one tenant: the configuration documents parsed with their schemas (the API
// checked them on write; parsing again fills defaults and types), the connector's password
// unsealed for the runtime only, campaign states upserted, and the DNC lists read whole.
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { callGuideSchema } from '../../domain/campaign/call-guide.ts'
import { campaignSchema } from '../../domain/campaign/campaign.ts'
import { campaignGroupSchema } from '../../domain/campaign/campaign-group.ts'
import { outcomeGroupSchema } from '../../domain/campaign/outcome-group.ts'
import type { NationalDncRegion } from '../../domain/compliance-profile.ts'
import { agentSchema } from '../../domain/config/agent.ts'
import { auxCodeSchema } from '../../domain/config/aux-code.ts'
import { flowDesktopLayoutSchema } from '../../domain/config/desktop-layout.ts'
import { entryPointSchema } from '../../domain/config/entry-point.ts'
import { globalVariableSchema } from '../../domain/config/global-variable.ts'
import { queueSchema } from '../../domain/config/queue.ts'
import { sipTrunkSchema } from '../../domain/config/sip-trunk.ts'
import { teamSchema } from '../../domain/config/team.ts'
import { flowSchema } from '../../flows/schema.ts'
import type {
  CampaignStateStore,
  ConfigSource,
  DncSnapshot,
  DncSource,
  PersistedCampaignState,
  RuntimeCampaignStatus,
  SipTrunkSettings,
  TenantConfig,
} from '../ports/dialer-store.ts'
import type { Database } from './schema.ts'
import type { SecretBox } from './secrets.ts'

export class SqlRuntimeSources {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantId: string,
    private readonly secrets: Pick<SecretBox, 'open'>,
  ) {}

  async load(): Promise<TenantConfig> {
    const rows = await this.db
      .selectFrom('config_objects')
      .select(['kind', 'body'])
      .where('tenant_id', '=', this.tenantId)
      .orderBy('id')
      .execute()
    const of = <S extends z.ZodType>(kind: string, schema: S): z.output<S>[] =>
      rows
        .filter((r) => r.kind === kind)
        .flatMap((r) => {
          const parsed = schema.safeParse(JSON.parse(r.body))
          return parsed.success ? [parsed.data] : []
        })
    const connectorRow = rows.find((r) => r.kind === 'connector')
    let connector: TenantConfig['connector'] = null
    if (connectorRow) {
      const body = JSON.parse(connectorRow.body) as {
        resourceDomain: string
        username: string
        passwordSealed: string
      }
      connector = {
        resourceDomain: body.resourceDomain,
        username: body.username,
        password: this.secrets.open(body.passwordSealed),
      }
    }
    const trunkRow = rows.find((r) => r.kind === 'sip-trunk')
    let sipTrunk: SipTrunkSettings | null = null
    if (trunkRow) {
      const { passwordSealed, ...body } = JSON.parse(trunkRow.body) as { passwordSealed?: string }
      const parsed = sipTrunkSchema.safeParse(body)
      if (parsed.success)
        sipTrunk = {
          ...parsed.data,
          password: passwordSealed === undefined ? null : this.secrets.open(passwordSealed),
        }
    }
    const agentSipPasswords = new Map<string, string>()
    for (const row of rows.filter((r) => r.kind === 'agent')) {
      const body = JSON.parse(row.body) as { id?: string; sipPasswordSealed?: string }
      if (body.id && body.sipPasswordSealed)
        agentSipPasswords.set(body.id, this.secrets.open(body.sipPasswordSealed))
    }
    return {
      teams: of('team', teamSchema),
      agents: of('agent', agentSchema),
      queues: of('queue', queueSchema),
      entryPoints: of('entry-point', entryPointSchema),
      flows: of('flow', flowSchema),
      campaignGroups: of('campaign-group', campaignGroupSchema),
      campaigns: of('campaign', campaignSchema),
      globalVariables: of('global-variable', globalVariableSchema),
      desktopLayouts: of('desktop-layout', flowDesktopLayoutSchema),
      callGuides: of('call-guide', callGuideSchema),
      auxCodes: of('aux-code', auxCodeSchema),
      outcomeGroups: of('outcome-group', outcomeGroupSchema),
      connector,
      sipTrunk,
      agentSipPasswords,
    }
  }

  async loadStates(): Promise<PersistedCampaignState[]> {
    const rows = await this.db
      .selectFrom('campaign_states')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .execute()
    return rows.map((r) => ({
      campaignId: r.campaign_id,
      status: r.status as RuntimeCampaignStatus,
      updatedAtMs: r.updated_at,
      ...(r.dialer_api ? { dialerApi: JSON.parse(r.dialer_api) } : {}),
    }))
  }

  async save(state: PersistedCampaignState): Promise<void> {
    const row = {
      tenant_id: this.tenantId,
      campaign_id: state.campaignId,
      status: state.status,
      updated_at: state.updatedAtMs,
      dialer_api: state.dialerApi ? JSON.stringify(state.dialerApi) : null,
    }
    await this.db
      .insertInto('campaign_states')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'campaign_id']).doUpdateSet({
          status: row.status,
          updated_at: row.updated_at,
          dialer_api: row.dialer_api,
        }),
      )
      .execute()
  }

  async loadDnc(): Promise<DncSnapshot> {
    const lists = await this.db
      .selectFrom('dnc_lists')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .execute()
    const national = lists.filter((l) => l.kind === 'national' && l.loaded_at !== null)
    const nationalNames = new Set(national.map((l) => l.name))
    const numbers = await this.db
      .selectFrom('dnc_numbers')
      .select(['list_name', 'phone_number'])
      .where('tenant_id', '=', this.tenantId)
      .execute()
    const byList = new Map<string, string[]>()
    for (const n of numbers) {
      const list = byList.get(n.list_name) ?? []
      list.push(n.phone_number)
      byList.set(n.list_name, list)
    }
    return {
      lists: [...byList]
        .filter(([name]) => !nationalNames.has(name))
        .map(([name, nums]) => ({ name, numbers: nums })),
      national: national.map((list) => ({
        name: list.name,
        region: (list.region ?? 'US') as NationalDncRegion,
        numbers: byList.get(list.name) ?? [],
        loadedAtMs: list.loaded_at!,
      })),
    }
  }

  /** The three ports, each with its own `load` (the runtime's interfaces share the name). */
  ports(): { config: ConfigSource; campaignStates: CampaignStateStore; dnc: DncSource } {
    return {
      config: { load: () => this.load() },
      campaignStates: { load: () => this.loadStates(), save: (s) => this.save(s) },
      dnc: { load: () => this.loadDnc() },
    }
  }
}
