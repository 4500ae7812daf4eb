// R5.4: a campaign that scrubs against the national DNC list dials nobody while no national list
// is loaded — and says why in the runtime's status instead of staying silent.
import { expect, it } from 'vitest'
import { memoryPorts } from '../../test/support/memory/memory-ports.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { TenantRuntime } from './tenant-runtime.ts'
import {
  collectingLog,
  KIT_SIMULATION,
  KIT_START_MS,
  kitAgentIds,
  kitContacts,
  kitTenant,
  runFor,
  type SpiedDial,
  spyNetwork,
} from './test-kit.ts'

it('shows why a campaign with NDNC on and no national list does not dial', async () => {
  const clock = new VirtualClock(KIT_START_MS)
  const tenant = kitTenant({ agents: 2 })
  tenant.campaigns = tenant.campaigns.map((c) => ({ ...c, ndncEnabled: true }))
  const ports = memoryPorts(tenant)
  ports.contacts.addContacts(kitContacts('camp-1', 20))
  const dials: SpiedDial[] = []
  const runtime = await TenantRuntime.start({
    tenantId: 't1',
    clock,
    ports,
    owner: 'node-a',
    telephony: spyNetwork(ports.contacts, dials),
    simulation: KIT_SIMULATION,
    simulatedAgents: kitAgentIds(2),
    log: collectingLog(),
  })
  expect(await runtime.campaignAction('camp-1', 'start')).toMatchObject({ kind: 'ok' })
  await runFor(clock, 5 * 60_000)
  expect(dials).toHaveLength(0)
  const campaign = runtime.status().campaigns.find((c) => c.id === 'camp-1')!
  expect(campaign.lastBlocked?.reason).toBe('ndncMissing')
  await runtime.close()
})
