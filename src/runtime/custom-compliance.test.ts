// Goal (R5.5, issue 11): every rule of a CUSTOM compliance profile set on the stored campaign is
// the rule the running engine applies — the abandon cap and its window, the repeat-call block,
// the minimum ring time, the national list's age, the information message and the connect rule —
// and the minimum ring time is observed on real calls: a campaign whose ring limit is 20 s rings
// 40 s under a CUSTOM minimum of 40 s, and 20 s under the US profile's 15 s.
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
} from './test-kit.ts'

const CUSTOM_RULES = {
  complianceProfile: 'CUSTOM',
  abandonRatePctMax: 1.5,
  abandonWindowSec: 3600,
  repeatAfterAbandonSec: 0,
  ringSecMin: 40,
  nationalDncAgeSecMax: 7 * 86_400,
  abandonMessageRequired: false,
  connectSecMax: 1,
}

async function runCampaign(compliance: Record<string, unknown>) {
  const clock = new VirtualClock(KIT_START_MS)
  const ports = memoryPorts(
    kitTenant({
      agents: 2,
      campaigns: [
        {
          id: 'camp-1',
          pacing: { mode: 'progressive', dialingRate: 2, noAnswerRingLimitSec: 20 },
          compliance,
        },
      ],
    }),
  )
  ports.contacts.addContacts(kitContacts('camp-1', 200))
  const runtime = await TenantRuntime.start({
    tenantId: 't1',
    clock,
    ports,
    owner: 'node-a',
    simulation: KIT_SIMULATION,
    simulatedAgents: kitAgentIds(2),
  })
  await runtime.campaignAction('camp-1', 'start')
  await runFor(clock, 30 * 60_000, 1000)
  await runtime.writes.drained()
  const rules = runtime.engine.ctx.campaigns.get('camp-1')!.config.compliance
  const noAnswerRingSec = [...ports.attempts.attempts.values()]
    .filter((a) => a.close?.outcome === 'NO_ANSWER_CUSTOMER')
    .map((a) => (a.close!.atMs - a.open.atMs) / 1000)
  await runtime.close()
  return { rules, noAnswerRingSec }
}

describe('CUSTOM compliance profile in the running dialer (R5.5)', () => {
  it('applies every rule the campaign sets, and rings no-answers for the CUSTOM minimum', async () => {
    const custom = await runCampaign(CUSTOM_RULES)
    const { complianceProfile, ...rules } = CUSTOM_RULES
    expect(custom.rules).toMatchObject({ profile: complianceProfile, ...rules })
    expect(custom.noAnswerRingSec.length).toBeGreaterThan(0)
    for (const ringSec of custom.noAnswerRingSec) expect(ringSec).toBeGreaterThanOrEqual(40)

    const us = await runCampaign({ complianceProfile: 'US' })
    expect(us.rules).toMatchObject({ ringSecMin: 15, abandonRatePctMax: 3, connectSecMax: 2 })
    expect(us.noAnswerRingSec.length).toBeGreaterThan(0)
    for (const ringSec of us.noAnswerRingSec) expect(ringSec).toBeLessThan(40)
  })
})
