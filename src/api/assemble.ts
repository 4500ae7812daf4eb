// Puts the whole API together from its parts: accounts, configuration, audit, DNC, and — when the
// server runs them — the dialer, the live feed, contact lists and reports. Each resource module
// registers its own routes; this file only wires them.
import type { FastifyInstance } from 'fastify'
import type { ContactImport } from '../import/service.ts'
import type { AgentControl, DialerControl, LiveFeed } from '../runtime/control.ts'
import type { Accounts } from '../store/ports/accounts.ts'
import type { AttemptReports } from '../store/ports/attempt-reports.ts'
import type { AuditLog } from '../store/ports/audit.ts'
import type { CallGuideAnswers } from '../store/ports/call-guide-answers.ts'
import type { ContactLists } from '../store/ports/contact-lists.ts'
import type { DncFiles, DncLists } from '../store/ports/dnc.ts'
import type { ConfigDocuments } from '../store/ports/documents.ts'
import { buildApi } from './app.ts'
import type { AuthBackend } from './auth.ts'
import type { ApiMetrics } from './metrics.ts'
import { CONFIG_KINDS } from './resources/config-kinds.ts'
import { registerConfigResource } from './resources/config-resource.ts'
import {
  type checkConnectorCredentials,
  connectorResource,
  type SecretSealer,
} from './resources/connector-kind.ts'
import { registerAgentDeskRoutes } from './routes/agent-desk.ts'
import { registerAnswerRoutes } from './routes/answers.ts'
import { registerAuthRoutes } from './routes/auth.ts'
import { registerCampaignControlRoutes } from './routes/campaign-control.ts'
import { registerContactListRoutes } from './routes/contact-lists.ts'
import { registerDialerRoutes } from './routes/dialer.ts'
import { registerDncRoutes } from './routes/dnc.ts'
import { registerDncFileRoutes } from './routes/dnc-file.ts'
import { registerLiveRoute } from './routes/live.ts'
import { registerReportRoutes } from './routes/reports.ts'
import { registerUserRoutes } from './routes/users.ts'

export interface OutdialApiParts {
  accounts: Accounts & AuthBackend
  config: ConfigDocuments
  audit: AuditLog
  dnc: DncLists & DncFiles
  nowMs: () => number
  logLevel?: string
  secureCookies?: boolean
  metrics?: ApiMetrics
  health?: () => Promise<Record<string, unknown>>
  dialer?: DialerControl
  agents?: AgentControl
  live?: LiveFeed
  reports?: AttemptReports
  answers?: CallGuideAnswers
  contacts?: {
    lists: ContactLists
    /** The contact-import service (src/import/service.ts) that uploads go through. */
    imports: ContactImport
  }
  /** Seals connector secrets; without it the connector resource is not served. */
  secrets?: SecretSealer
  /** How a connector's credentials are checked on save (default: GET its validation URL). */
  checkConnector?: typeof checkConnectorCredentials
  /** Routes of the server itself (e.g. the demo engine's status). */
  extraRoutes?: (app: FastifyInstance) => void
  /** Told after every change of a DNC list (the dialer's mirror reloads). */
  onDncChange?: (tenantId: string) => void
  /** Told after every configuration write, e.g. to reload the tenant's dialer. */
  onConfigChange?: (tenantId: string, kind: string, id: string) => void
}

export function buildOutdialApi(parts: OutdialApiParts): Promise<FastifyInstance> {
  const { accounts, config, audit, nowMs } = parts
  const dnc = withChangeHook(parts.dnc, parts.onDncChange)
  return buildApi({
    auth: accounts,
    nowMs,
    logLevel: parts.logLevel,
    metrics: parts.metrics,
    health: parts.health,
    register: (app) => {
      registerAuthRoutes(app, accounts, nowMs, parts.secureCookies ?? true)
      registerUserRoutes(app, { accounts, audit, config, nowMs })
      const kinds = parts.secrets
        ? [...CONFIG_KINDS, connectorResource(parts.secrets, parts.checkConnector)]
        : CONFIG_KINDS
      for (const spec of kinds)
        registerConfigResource(
          app,
          { config, audit, nowMs },
          {
            ...spec,
            afterChange: (tenantId: string, id: string) =>
              parts.onConfigChange?.(tenantId, spec.kind, id),
          },
        )
      registerDncRoutes(app, dnc, audit, nowMs)
      registerDncFileRoutes(app, dnc, audit, nowMs)
      if (parts.dialer) {
        registerCampaignControlRoutes(app, { dialer: parts.dialer, audit, nowMs })
        registerDialerRoutes(app, { dialer: parts.dialer, audit, nowMs })
      }
      if (parts.live) registerLiveRoute(app, parts.live)
      if (parts.agents) registerAgentDeskRoutes(app, { agents: parts.agents, audit, nowMs })
      if (parts.reports) registerReportRoutes(app, { reports: parts.reports, config })
      if (parts.answers) registerAnswerRoutes(app, { answers: parts.answers, config, nowMs })
      if (parts.contacts)
        registerContactListRoutes(app, { ...parts.contacts, config, audit, nowMs })
      parts.extraRoutes?.(app)
    },
  })
}

/** The DNC store, telling `onChange` after every successful change. */
function withChangeHook(
  dnc: DncLists & DncFiles,
  onChange: ((tenantId: string) => void) | undefined,
): DncLists & DncFiles {
  if (!onChange) return dnc
  return {
    get: (t, l, n) => dnc.get(t, l, n),
    list: (t, l, p) => dnc.list(t, l, p),
    info: (t, n) => dnc.info(t, n),
    add: async (t, entry, now) => {
      const added = await dnc.add(t, entry, now)
      onChange(t)
      return added
    },
    remove: async (t, l, n) => {
      const removed = await dnc.remove(t, l, n)
      if (removed) onChange(t)
      return removed
    },
    replace: async (t, list, batches, now) => {
      const count = await dnc.replace(t, list, batches, now)
      onChange(t)
      return count
    },
  }
}
