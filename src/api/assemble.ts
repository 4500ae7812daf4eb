// Puts the whole API together from its parts: logins, and on the caller's tenant's stores users,
// configuration, audit, DNC, reports and call-guide answers; and — when the server runs them —
// the dialer, the live feed and contact lists. Each resource module registers its own routes;
// this file only wires them.
import type { FastifyInstance } from 'fastify'
import type { ContactImport } from '../import/service.ts'
import type {
  AgentControl,
  AgentDataControl,
  BoardControl,
  DialerControl,
  DncChanges,
  LiveFeed,
} from '../runtime/control.ts'
import type { Credentials } from '../store/ports/accounts.ts'
import type { DncFiles, DncLists } from '../store/ports/dnc.ts'
import type { TenantStores } from '../store/ports/tenant-stores.ts'
import { buildApi } from './app.ts'
import type { ApiMetrics } from './metrics.ts'
import { withSealedPhonePassword } from './resources/agent-phone-secret.ts'
import { CONFIG_KINDS } from './resources/config-kinds.ts'
import { registerConfigResource } from './resources/config-resource.ts'
import {
  type checkConnectorCredentials,
  connectorResource,
  type SecretSealer,
} from './resources/connector-kind.ts'
import { sipTrunkResource } from './resources/sip-trunk-kind.ts'
import { registerAgentDataRoutes } from './routes/agent-data.ts'
import { registerAgentDeskRoutes } from './routes/agent-desk.ts'
import { registerAgentReportRoutes } from './routes/agent-reports.ts'
import { registerAnswerRoutes } from './routes/answers.ts'
import {
  registerAuthRoutes,
  SESSION_TTL_SEC,
  TOKEN_TTL_SEC_DEFAULT,
  TOKEN_TTL_SEC_MAX,
} from './routes/auth.ts'
import { registerBoardRoutes } from './routes/board.ts'
import { registerCampaignControlRoutes } from './routes/campaign-control.ts'
import { registerContactListRoutes } from './routes/contact-lists.ts'
import { registerDialerRoutes } from './routes/dialer.ts'
import { registerDncRoutes } from './routes/dnc.ts'
import { registerDncFileRoutes } from './routes/dnc-file.ts'
import { registerFlowEditorRoutes } from './routes/flow-editor.ts'
import { registerLiveRoute } from './routes/live.ts'
import { registerReportTableRoutes } from './routes/report-tables.ts'
import { registerReportRoutes } from './routes/reports.ts'
import { registerUserRoutes } from './routes/users.ts'
import { registerTenantStores } from './tenant-stores.ts'

export interface OutdialApiParts {
  /** Logins, tokens and sessions: cross-tenant (a credential names its user and tenant). */
  credentials: Credentials
  /** Every store of one tenant, bound to it; resolved once per request from the principal. */
  stores: (tenantId: string) => TenantStores
  nowMs: () => number
  logLevel?: string
  secureCookies?: boolean
  /** Proxies whose `X-Forwarded-For` names the client (app.ts `trustProxy`). */
  trustProxy?: boolean | string
  /** Token and session lifetimes in seconds (defaults: routes/auth.ts). */
  lifetimes?: { tokenTtlSec?: number; tokenTtlSecMax?: number; sessionTtlSec?: number }
  metrics?: ApiMetrics
  health?: () => Promise<Record<string, unknown>>
  dialer?: DialerControl
  agents?: AgentControl
  /** The customer's data on each agent's desktop (GET /v1/agents/{id}/desk). */
  agentData?: AgentDataControl
  live?: LiveFeed
  /** The supervisor's board (GET /v1/board, pacing decisions, chart series). */
  board?: BoardControl
  /** The contact-import service (src/import/service.ts) that uploads go through; without it the
   * contact-list routes are not served. */
  contacts?: { imports: ContactImport }
  /** Seals connector secrets; without it the connector resource is not served. */
  secrets?: SecretSealer
  /** How a connector's credentials are checked on save (default: GET its validation URL). */
  checkConnector?: typeof checkConnectorCredentials
  /** Routes of the server itself (e.g. the demo engine's status). */
  extraRoutes?: (app: FastifyInstance) => void
  /** Told after every change of a DNC list, before the route answers (the dialers' mirrors). */
  dncChanges?: DncChanges
  /** Told after every configuration write, e.g. to reload the tenant's dialer. */
  onConfigChange?: (tenantId: string, kind: string, id: string) => void
}

export function buildOutdialApi(parts: OutdialApiParts): Promise<FastifyInstance> {
  const { credentials, nowMs } = parts
  const storesFor = (tenantId: string): TenantStores => {
    const stores = parts.stores(tenantId)
    const changes = parts.dncChanges
    if (!changes) return stores
    const dnc = withChangeHook(stores.dnc, stores.dncFiles, tenantId, changes)
    return { ...stores, dnc, dncFiles: dnc }
  }
  return buildApi({
    auth: credentials,
    nowMs,
    logLevel: parts.logLevel,
    ...(parts.trustProxy !== undefined ? { trustProxy: parts.trustProxy } : {}),
    metrics: parts.metrics,
    health: parts.health,
    register: (app) => {
      registerTenantStores(app, storesFor)
      registerAuthRoutes(app, credentials, nowMs, {
        secureCookies: parts.secureCookies ?? true,
        tokenTtlSec: parts.lifetimes?.tokenTtlSec ?? TOKEN_TTL_SEC_DEFAULT,
        tokenTtlSecMax: parts.lifetimes?.tokenTtlSecMax ?? TOKEN_TTL_SEC_MAX,
        sessionTtlSec: parts.lifetimes?.sessionTtlSec ?? SESSION_TTL_SEC,
      })
      registerUserRoutes(app, { nowMs })
      const configKinds = CONFIG_KINDS.map((spec) =>
        spec.kind === 'agent' ? withSealedPhonePassword(spec, parts.secrets) : spec,
      )
      const kinds = parts.secrets
        ? [
            ...configKinds,
            connectorResource(parts.secrets, parts.checkConnector),
            sipTrunkResource(parts.secrets),
          ]
        : configKinds
      for (const spec of kinds)
        registerConfigResource(
          app,
          { nowMs },
          {
            ...spec,
            afterChange: (tenantId: string, id: string) =>
              parts.onConfigChange?.(tenantId, spec.kind, id),
          },
        )
      registerFlowEditorRoutes(app)
      registerDncRoutes(app, nowMs)
      registerDncFileRoutes(app, nowMs)
      if (parts.dialer) {
        registerCampaignControlRoutes(app, { dialer: parts.dialer, nowMs })
        registerDialerRoutes(app, { dialer: parts.dialer, nowMs })
      }
      if (parts.live) registerLiveRoute(app, parts.live)
      if (parts.board) registerBoardRoutes(app, { board: parts.board })
      if (parts.agents) registerAgentDeskRoutes(app, { agents: parts.agents, nowMs })
      if (parts.agentData) registerAgentDataRoutes(app, { agentData: parts.agentData })
      registerReportRoutes(app)
      registerReportTableRoutes(app)
      registerAgentReportRoutes(app, nowMs)
      registerAnswerRoutes(app, { nowMs })
      if (parts.contacts) registerContactListRoutes(app, { ...parts.contacts, nowMs })
      parts.extraRoutes?.(app)
    },
  })
}

/** One tenant's DNC store, telling the running dialers of every change before it resolves. */
function withChangeHook(
  lists: DncLists,
  files: DncFiles,
  tenantId: string,
  changes: DncChanges,
): DncLists & DncFiles {
  return {
    get: (listName, phoneNumber) => lists.get(listName, phoneNumber),
    list: (listName, page) => lists.list(listName, page),
    info: (name) => files.info(name),
    all: () => files.all(),
    add: async (entry, now) => {
      const added = await lists.add(entry, now)
      changes.numberAdded(tenantId, added.listName, added.phoneNumber)
      return added
    },
    remove: async (listName, phoneNumber) => {
      const removed = await lists.remove(listName, phoneNumber)
      if (removed) changes.numberRemoved(tenantId, listName, phoneNumber)
      return removed
    },
    replace: async (list, batches, now) => {
      const count = await files.replace(list, batches, now)
      await changes.listLoaded(tenantId, list.name)
      return count
    },
  }
}
