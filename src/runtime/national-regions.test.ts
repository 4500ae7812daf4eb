// Goal (R5.4, issue 11 "national DNC per region"): a tenant holds a national list per region — the
// US registry and the UK TPS — each with its own load date, and each campaign's profile chooses
// which apply, with its region's age rule: a US campaign scrubs against the US list only (and
// dials while it is fresh), a UK campaign against the UK list only, and a UK list 30 days old is
// too old for the UK rule (28 days), so the UK campaign does not dial at all while the US one does.
import { describe, expect, it } from 'vitest'
import { memoryPorts } from '../../test/support/memory/memory-ports.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { TenantRuntime } from './tenant-runtime.ts'
import {
  KIT_SIMULATION,
  KIT_START_MS,
  kitAgentIds,
  kitContacts,
  kitTenant,
  runFor,
  type SpiedDial,
  spyNetwork,
} from './test-kit.ts'

const DAY_MS = 86_400_000

async function run(ukListAgeDays: number) {
  const clock = new VirtualClock(KIT_START_MS)
  const ports = memoryPorts(
    kitTenant({
      agents: 4,
      campaigns: [
        {
          id: 'us-camp',
          pacing: { mode: 'progressive', dialingRate: 1 },
          compliance: { complianceProfile: 'US', ndncEnabled: true },
        },
        {
          id: 'uk-camp',
          pacing: { mode: 'progressive', dialingRate: 1 },
          compliance: { complianceProfile: 'UK', ndncEnabled: true },
        },
      ],
    }),
  )
  const us = kitContacts('us-camp', 20)
  const uk = kitContacts('uk-camp', 20)
  ports.contacts.addContacts([...us, ...uk])
  // The US registry lists the first US contact's number, and the first UK contact's; the TPS
  // lists the second UK contact's.
  const usListed = us[0]!.numbers[0]!
  const ukOnUsList = uk[0]!.numbers[0]!
  const ukListed = uk[1]!.numbers[0]!
  ports.dnc.national = {
    name: 'us-registry',
    numbers: [usListed, ukOnUsList],
    loadedAtMs: KIT_START_MS - 2 * DAY_MS,
  }
  ports.dnc.regional = [
    {
      name: 'uk-tps',
      region: 'UK',
      numbers: [ukListed],
      loadedAtMs: KIT_START_MS - ukListAgeDays * DAY_MS,
    },
  ]
  const dials: SpiedDial[] = []
  const runtime = await TenantRuntime.start({
    tenantId: 't1',
    clock,
    ports,
    owner: 'node-a',
    telephony: spyNetwork(ports.contacts, dials),
    simulation: KIT_SIMULATION,
    simulatedAgents: kitAgentIds(4),
  })
  await runtime.campaignAction('us-camp', 'start')
  await runtime.campaignAction('uk-camp', 'start')
  await runFor(clock, 20 * 60_000, 1000)
  await runtime.writes.drained()
  const dialled = (campaignId: string) =>
    dials
      .map((d) => ports.attempts.attempts.get(d.callId)?.open)
      .filter((open) => open?.campaignId === campaignId)
      .map((open) => open!.number)
  const status = runtime.status()
  await runtime.close()
  return {
    us: dialled('us-camp'),
    uk: dialled('uk-camp'),
    ukBlocked: status.campaigns.find((c) => c.id === 'uk-camp')?.lastBlocked?.reason,
    usListed,
    ukOnUsList,
    ukListed,
  }
}

describe('national DNC lists per region (R5.4)', () => {
  it("scrubs each campaign against its own region's list only", async () => {
    const result = await run(3)
    expect(result.us.length).toBeGreaterThan(0)
    expect(result.us).not.toContain(result.usListed)
    expect(result.uk.length).toBeGreaterThan(0)
    expect(result.uk).not.toContain(result.ukListed)
    // The US registry does not apply to the UK campaign.
    expect(result.uk).toContain(result.ukOnUsList)
  })

  it("holds a campaign whose region's list is older than the region allows, not the others", async () => {
    const result = await run(30)
    expect(result.uk).toEqual([])
    expect(result.ukBlocked).toBe('ndncStale')
    expect(result.us.length).toBeGreaterThan(0)
  })
})
