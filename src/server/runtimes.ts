// One dialer runtime per tenant of the store (src/runtime), on the server's clock and the
// built-in simulated network, each with its durable ports bound to its tenant
// (SqlStore.forTenant). The demo tenant's agents are simulated (they answer, talk and wrap up by
// themselves) and an inbound queue is fed with simulated customers; other tenants' agents act
// through the agent desktop API.
import type { ApiMetrics } from '../api/metrics.ts'
import { DialerService } from '../runtime/dialer-service.ts'
import type { RuntimeLog } from '../runtime/log.ts'
import type { RealClock } from '../runtime/real-clock.ts'
import { newOwnerId, TenantRuntime } from '../runtime/tenant-runtime.ts'
import type { SqlStore } from '../store/sql/store.ts'
import { DEMO_TENANT_ID } from './seed/demo-tenant.ts'

export const DEMO_INBOUND_ARRIVALS_PER_HOUR = 40
export const DEMO_CAMPAIGNS = ['renewals', 'winback'] as const

export interface TenantRuntimes {
  service: DialerService
  /** First start: the demo tenant's campaigns begin dialling. */
  startDemoCampaigns(): Promise<void>
  configChanged(tenantId: string): void
  dncChanged(tenantId: string): void
}

export async function startTenantRuntimes(options: {
  store: SqlStore
  clock: RealClock
  metrics: ApiMetrics
  owner: string
  log: (line: string) => void
}): Promise<TenantRuntimes> {
  const { store, clock, metrics } = options
  const service = new DialerService()
  const owner = newOwnerId(options.owner, process.pid)
  for (const tenantId of await store.tenantIds()) {
    const ports = store.forTenant(tenantId).runtime
    const log: RuntimeLog = {
      info: () => {},
      warn: (message) => options.log(`${tenantId}: warning: ${message}`),
      error: (message) => options.log(`${tenantId}: error: ${message}`),
    }
    const isDemo = tenantId === DEMO_TENANT_ID
    const config = await ports.config.load()
    service.add(
      await TenantRuntime.start({
        tenantId,
        clock,
        owner,
        metrics,
        log,
        ports,
        simulatedAgents: isDemo ? config.agents.map((a) => a.id) : [],
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
  const quietly = (work: Promise<unknown> | undefined, what: string) =>
    void work?.catch((error: Error) => options.log(`${what} failed: ${error.message}`))
  return {
    service,
    async startDemoCampaigns() {
      const runtime = service.get(DEMO_TENANT_ID)
      for (const campaignId of DEMO_CAMPAIGNS) await runtime?.campaignAction(campaignId, 'start')
    },
    configChanged: (tenantId) => quietly(service.get(tenantId)?.reload(), `reloading ${tenantId}`),
    dncChanged: (tenantId) =>
      quietly(service.get(tenantId)?.reloadDnc(), `reloading the DNC lists of ${tenantId}`),
  }
}
