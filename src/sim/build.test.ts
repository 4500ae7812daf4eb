// Goal: the simulator measures the server's own mapping of a campaign (issue 10): a scenario
// becomes configuration, and the same campaign stored by a tenant (parsed by the configuration's
// own schemas) builds the very same engine campaign through engineCampaignOf — in every mode but
// preview, whose one known departure (AMD on the simulated network) is named here.
import { describe, expect, it } from 'vitest'
import { engineCampaignOf } from '../dialer/from-config.ts'
import { ALWAYS_OPEN_WINDOW } from '../domain/calling-window.ts'
import { campaignSchema } from '../domain/campaign/campaign.ts'
import { campaignGroupSchema } from '../domain/campaign/campaign-group.ts'
import {
  buildCampaign,
  SIM_CALLER_ID,
  SIM_CAMPAIGN_ID,
  SIM_OUTDIAL_QUEUE_ID,
  SIM_ZONE,
  scenarioCampaignConfig,
} from './build.ts'
import { campaignModeOf, parseScenario, type Scenario, type ScenarioMode } from './scenario.ts'

const lognormal = (mean: number) => ({ dist: 'lognormal', mean, cv: 0.5 })

/** The scenarios' abandon window: one day (a stored CUSTOM campaign keeps the US 30 days). */
const WINDOW_SEC = 86_400

/** A scenario inside the product's ranges. */
function scenario(mode: ScenarioMode): Scenario {
  const ivr = mode === 'ivr-progressive' || mode === 'ivr-predictive'
  const servers = ivr
    ? { ivrPorts: 40, messageSec: lognormal(30) }
    : { agents: 5, talkSec: lognormal(120), wrapSec: lognormal(10) }
  const parsed = parseScenario({
    name: 'stored-equivalent',
    seed: 1,
    durationSec: 3600,
    mode,
    dialRate: 3,
    abandonTargetPct: 3,
    abandonWindowSec: WINDOW_SEC,
    ringLimitSec: 20,
    outcomes: { live: 0.3, machine: 0.2, busy: 0.1, sit: 0.05, noAnswer: 0.35 },
    answerSec: lognormal(8),
    busySec: { dist: 'const', value: 3 },
    sitSec: { dist: 'const', value: 2 },
    amd: {
      enabled: true,
      decisionSec: lognormal(2.5),
      humanAsMachine: 0.01,
      machineAsHuman: 0.1,
    },
    machineTalkSec: { dist: 'const', value: 8 },
    ...servers,
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.scenario
}

/** The pacing a tenant would store for the scenario's campaign group. */
const STORED_PACING: Record<ScenarioMode, Record<string, unknown>> = {
  preview: {},
  progressive: { dialingRate: 3, cpa: { cpaEnabled: true, amdEnabled: true } },
  predictive: { maxDialingRate: 3, abandonRatePercentage: 3 },
  'ivr-progressive': { dialingRate: 3, ivrPorts: 40 },
  'ivr-predictive': { maxDialingRate: 3, abandonRatePercentage: 3, ivrPorts: 40 },
}

/** The same campaign as stored configuration, parsed as the API parses it. */
function stored(mode: ScenarioMode) {
  const group = campaignGroupSchema.parse({
    id: 'renewals-group',
    name: 'Renewals',
    entryPointId: 'ep-renewals',
    pacing: {
      mode: campaignModeOf(mode),
      callerId: SIM_CALLER_ID,
      noAnswerRingLimitSec: 20,
      ...STORED_PACING[mode],
    },
    amdHumanAsMachinePctEstimate: 1,
  })
  const campaign = campaignSchema.parse({
    id: SIM_CAMPAIGN_ID,
    name: 'stored-equivalent',
    category: 'SALES',
    businessOutcomeGroupId: 'outcomes-sales',
    timeZone: SIM_ZONE,
    campaignGroupId: group.id,
    contactStrategy: { numberOrder: [{ numberIndex: 0, numberType: 'OTHER' }] },
    complianceProfile: 'CUSTOM',
    callingWindow: ALWAYS_OPEN_WINDOW,
    ndncEnabled: false,
  })
  // The flow is configuration of its own (the outdial entry point's): the scenario's is reused.
  const flow = scenarioCampaignConfig(scenario(mode), { kind: 'scenario' }).flow
  return engineCampaignOf({
    group,
    campaign,
    queueId: SIM_OUTDIAL_QUEUE_ID,
    flow,
    // The one rule of the CUSTOM profile a stored campaign cannot set itself.
    complianceOverrides: { abandonWindowSec: WINDOW_SEC },
  })
}

describe('a scenario and the same campaign stored as configuration', () => {
  it.each([
    'progressive',
    'predictive',
    'ivr-progressive',
    'ivr-predictive',
  ] as const)('%s: build the same engine campaign', (mode) => {
    expect(buildCampaign(scenario(mode), { kind: 'scenario' })).toEqual(stored(mode))
  })

  it('preview: the same but for AMD, which the simulated preview still runs (R2.2)', () => {
    const simulated = buildCampaign(scenario('preview'), { kind: 'scenario' })
    const product = stored('preview')
    expect(product.amdEnabled).toBe(false)
    expect(simulated.amdEnabled).toBe(true)
    expect({ ...simulated, amdEnabled: product.amdEnabled }).toEqual(product)
  })

  it('maps every scenario mode to the campaign mode the engine runs', () => {
    for (const mode of ['preview', 'progressive', 'predictive', 'ivr-progressive'] as const) {
      expect(buildCampaign(scenario(mode), { kind: 'scenario' }).mode).toBe(campaignModeOf(mode))
    }
  })
})

describe('the --policy overrides as configuration', () => {
  it('runs a pooled baseline in the predictive mode without the cap guard', () => {
    const config = scenarioCampaignConfig(scenario('ivr-progressive'), { kind: 'fixed', ratio: 2 })
    expect(config.group.pacing.mode).toBe('predictive_ivr')
    expect(config.baseline).toEqual({ kind: 'fixed', ratio: 2 })
    expect(engineCampaignOf(config).capGuardEnabled).toBe(false)
  })

  it('runs progressive:n as a progressive group of n lines per server', () => {
    const config = scenarioCampaignConfig(scenario('predictive'), {
      kind: 'progressive',
      linesPerServer: 2,
    })
    expect(config.group.pacing).toMatchObject({ mode: 'progressive', dialingRate: 2 })
  })
})
