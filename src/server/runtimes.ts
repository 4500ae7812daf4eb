// One dialer runtime per tenant of the store (src/runtime), on the server's clock and the
// built-in simulated network (or, with --telephony sip, the tenant's SIP trunk), each with its durable ports bound to its tenant
// (SqlStore.forTenant). The demo tenant's agents are simulated (they answer, talk and wrap up by
// themselves), except its desk agents, whom people work in the web app's desktop, and an inbound queue is fed with simulated customers; other tenants' agents act
// through the agent desktop API. With --telephony sip nothing is simulated: every agent works
// through the desktop API and every customer is a real call. Each runtime logs through the server's logger, its tenant on
// every line.
import type { ApiMetrics } from '../api/metrics.ts'
import type { DncChanges } from '../runtime/control.ts'
import type { DialerService } from '../runtime/dialer-service.ts'
import { type RuntimeLog, type StructuredLogger, structuredLog } from '../runtime/log.ts'
import type { RealClock } from '../runtime/real-clock.ts'
import { TenantRuntime } from '../runtime/tenant-runtime.ts'
import type { ProcessLiveness } from '../store/ports/process-liveness.ts'
import type { SqlStore } from '../store/sql/store.ts'
import { DEMO_CAMPAIGNS, DEMO_DESK_AGENT_IDS, DEMO_TENANT_ID } from './seed/demo-tenant.ts'
import type { SipTelephony } from './sip-telephony.ts'

export const DEMO_INBOUND_ARRIVALS_PER_HOUR = 40

export interface TenantRuntimes {
  /** First start: the demo tenant's campaigns begin dialling. */
  startDemoCampaigns(): Promise<void>
  configChanged(tenantId: string): void
  /** DNC changes through the API, applied to the tenant's running dialer before the answer. */
  dnc: DncChanges
}

/** A tenant runtime's log: the server's logger, the tenant on every line. */
export function tenantLog(logger: StructuredLogger, tenantId: string): RuntimeLog {
  return structuredLog(logger, { tenantId })
}

export async function startTenantRuntimes(options: {
  store: SqlStore
  clock: RealClock
  metrics: ApiMetrics
  /** This process's lease owner (newOwnerId: unique per process start). */
  owner: string
  /** Which other owners are known to be dead: their attempts are recovered at once (issue 16). */
  liveness?: ProcessLiveness
  /** Where the runtimes go (the HTTP layer already serves it). */
  service: DialerService
  /** The server's logger (Fastify's pino instance). */
  logger: StructuredLogger
  /** `--telephony sip`: each tenant dials its SIP trunk; no agent or customer is simulated. */
  sip?: SipTelephony
}): Promise<TenantRuntimes> {
  const { store, clock, metrics, service } = options
  const { owner } = options
  for (const tenantId of await store.tenantIds()) {
    const ports = store.forTenant(tenantId).runtime
    const log = tenantLog(options.logger, tenantId)
    const sip = options.sip
    const isDemo = tenantId === DEMO_TENANT_ID && !sip
    const config = await ports.config.load()
    service.add(
      await TenantRuntime.start({
        tenantId,
        clock,
        owner,
        metrics,
        log,
        ports,
        ...(options.liveness ? { liveness: options.liveness } : {}),
        ...(sip ? { telephony: sip.factoryFor(tenantId, config) } : {}),
        simulatedAgents: isDemo
          ? config.agents.map((a) => a.id).filter((id) => !DEMO_DESK_AGENT_IDS.includes(id))
          : [],
        ...(isDemo && config.entryPoints.some((e) => e.id === 'ep-support')
          ? {
              simulatedInbound: {
                entryPointId: 'ep-support',
                arrivalsPerHour: DEMO_INBOUND_ARRIVALS_PER_HOUR,
              },
            }
          : {}),
      }),
    )
  }
  const serverLog = structuredLog(options.logger)
  const quietly = (work: Promise<unknown> | undefined, what: string, tenantId: string) =>
    void work?.catch((error: unknown) => serverLog.error(`${what} failed`, { tenantId, error }))
  return {
    async startDemoCampaigns() {
      const runtime = service.get(DEMO_TENANT_ID)
      for (const campaignId of DEMO_CAMPAIGNS) await runtime?.campaignAction(campaignId, 'start')
    },
    configChanged: (tenantId) =>
      quietly(
        service
          .get(tenantId)
          ?.reload()
          .then(async () => {
            const sip = options.sip
            if (sip)
              sip.configChanged(tenantId, await store.forTenant(tenantId).runtime.config.load())
          }),
        'configuration reload',
        tenantId,
      ),
    dnc: {
      numberAdded: (tenantId, listName, number) =>
        service.get(tenantId)?.dncAdded(listName, number),
      numberRemoved: (tenantId, listName, number) =>
        service.get(tenantId)?.dncRemoved(listName, number),
      listLoaded: async (tenantId) => {
        await service.get(tenantId)?.reloadDnc()
      },
    },
  }
}
