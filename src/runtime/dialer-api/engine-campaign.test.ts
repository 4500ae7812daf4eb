// Goal: a Dialer-API start request (R10.2) becomes configuration and is built by the same function
// as a stored campaign: the request's campaignType is the campaign mode as spelled, and the
// campaign retries no outcome (the campaign manager serves a record again to retry it).
import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRY_RULES } from '../../compliance/retry.ts'
import { startCampaignRequestSchema } from '../../domain/campaign/dialer-api.ts'
import { kitTenant } from '../test-kit.ts'
import { DIALER_API_ZONE_DEFAULT, engineCampaignFromRequest } from './engine-campaign.ts'

const request = startCampaignRequestSchema.parse({
  id: 'api-1',
  vendorVersion: '1.0',
  campaignType: 'predictive_ivr',
  campaignName: 'Reminders',
  dialingRate: 1,
  entryPointId: 'ep-camp-1',
  dialingListFetchURL: 'https://manager.example/records',
  outdialANI: '+15550100000',
  recordCount: 10,
  maxDialingRate: 2.5,
  ivrPorts: 30,
})

function built() {
  const result = engineCampaignFromRequest(request, {
    config: kitTenant(),
    dncListNames: ['internal'],
    timeZone: DIALER_API_ZONE_DEFAULT,
  })
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.config
}

describe('engineCampaignFromRequest', () => {
  it('runs the request in its campaignType, the campaign mode as spelled', () => {
    const engine = built()
    expect(engine.mode).toBe('predictive_ivr')
    expect(engine).toMatchObject({ maxLinesPerServer: 2.5, ivrPorts: 30, queueId: 'q-camp-1' })
    expect(engine.pacing).toEqual({ kind: 'predictive' })
  })

  it('tries each record once: no outcome is retried, one attempt a day and in all', () => {
    expect(built().retry).toEqual({
      rules: DEFAULT_RETRY_RULES.map((rule) => ({ ...rule, retry: false })),
      maxAttemptsPerDay: 1,
      maxAttemptsTotal: 1,
    })
  })

  it('scrubs against the tenant DNC lists, not the national list (the manager does)', () => {
    const engine = built()
    expect(engine.dncListNames).toEqual(['internal'])
    expect(engine.compliance).toMatchObject({ profile: 'US', dncEnabled: true, ndncEnabled: false })
  })
})
