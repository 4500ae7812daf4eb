// Goal: every public scenario file parses; each malformed scenario in a corpus of bad ones is
// refused with the field path a person needs to fix it; defaults and warnings are as documented.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { outcomesAtSec } from '../telephony/simulated/customer-model.ts'
import { formatScenarioErrors, loadScenarioText, parseScenario, type Scenario } from './scenario.ts'

const SCENARIO_DIR = join(import.meta.dirname, '../../bench/scenarios')
const readScenarioFile = (fileName: string) => readFileSync(join(SCENARIO_DIR, fileName), 'utf8')
const scenarioFiles = readdirSync(SCENARIO_DIR).filter((name) => name.endsWith('.json'))

function parseOk(json: unknown): { scenario: Scenario; warnings: string[] } {
  const result = parseScenario(json)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result
}

const base = () =>
  JSON.parse(readScenarioFile('small-team.json')) as Record<string, unknown> & {
    outcomes: Record<string, number>
    amd: Record<string, unknown>
  }
const ivrBase = () => JSON.parse(readScenarioFile('ivr-predictive.json')) as Record<string, unknown>
const drifting = () => JSON.parse(readScenarioFile('drift.json')) as Record<string, unknown>

describe('public scenario files', () => {
  it('finds the public scenarios', () => {
    expect(scenarioFiles.length).toBeGreaterThanOrEqual(6)
  })
  for (const fileName of scenarioFiles) {
    it(`parses ${fileName} without errors or warnings`, () => {
      const result = loadScenarioText(readScenarioFile(fileName), fileName)
      expect(result).toMatchObject({ ok: true, warnings: [] })
    })
  }
})

interface BadCase {
  what: string
  input: () => unknown
  paths: string[]
}

const badCases: BadCase[] = [
  {
    what: 'missing agents in predictive',
    input: () => ({ ...base(), agents: undefined }),
    paths: ['agents'],
  },
  { what: 'fractional agents', input: () => ({ ...base(), agents: 2.5 }), paths: ['agents'] },
  {
    what: 'outcomes not summing to 1',
    input: () => ({ ...base(), outcomes: { ...base().outcomes, live: 0.5 } }),
    paths: ['outcomes'],
  },
  {
    what: 'a negative outcome probability',
    input: () => ({ ...base(), outcomes: { ...base().outcomes, busy: -0.08, live: 0.46 } }),
    paths: ['outcomes.busy'],
  },
  {
    what: 'negative mean',
    input: () => ({ ...base(), talkSec: { dist: 'exp', mean: -3 } }),
    paths: ['talkSec.mean'],
  },
  {
    what: 'unknown dist kind',
    input: () => ({ ...base(), answerSec: { dist: 'weibull', shape: 2 } }),
    paths: ['answerSec.dist'],
  },
  {
    what: 'uniform with min above max',
    input: () => ({ ...base(), busySec: { dist: 'uniform', min: 5, max: 1 } }),
    paths: ['busySec.max'],
  },
  {
    what: 'schedule entry at or after the end of the day',
    input: () => {
      const day = drifting()
      const schedule = day.schedule as { atSec: number }[]
      schedule[1]!.atSec = 18_000
      return day
    },
    paths: ['schedule[1].atSec'],
  },
  {
    what: 'schedule out of order',
    input: () => {
      const day = drifting()
      const schedule = day.schedule as { atSec: number }[]
      schedule[1]!.atSec = 100
      return day
    },
    paths: ['schedule[1].atSec'],
  },
  {
    what: 'negative schedule time',
    input: () => {
      const day = drifting()
      ;(day.schedule as { atSec: number }[])[0]!.atSec = -1
      return day
    },
    paths: ['schedule[0].atSec'],
  },
  {
    what: 'schedule outcomes not summing to 1',
    input: () => {
      const day = drifting()
      ;(day.schedule as { outcomes: { live: number } }[])[1]!.outcomes.live = 0.9
      return day
    },
    paths: ['schedule[1].outcomes'],
  },
  {
    what: 'amd enabled without rates',
    input: () => ({ ...base(), amd: { enabled: true, decisionSec: { dist: 'const', value: 2 } } }),
    paths: ['amd.humanAsMachine', 'amd.machineAsHuman'],
  },
  { what: 'amd without enabled', input: () => ({ ...base(), amd: {} }), paths: ['amd.enabled'] },
  { what: 'unknown mode', input: () => ({ ...base(), mode: 'blaster' }), paths: ['mode'] },
  { what: 'dial rate above 10', input: () => ({ ...base(), dialRate: 11 }), paths: ['dialRate'] },
  {
    what: 'zero abandon target',
    input: () => ({ ...base(), abandonTargetPct: 0 }),
    paths: ['abandonTargetPct'],
  },
  {
    what: 'zero abandon window',
    input: () => ({ ...base(), abandonWindowSec: 0 }),
    paths: ['abandonWindowSec'],
  },
  {
    what: 'ring limit above 600 s',
    input: () => ({ ...base(), ringLimitSec: 601 }),
    paths: ['ringLimitSec'],
  },
  { what: 'fractional seed', input: () => ({ ...base(), seed: 1.5 }), paths: ['seed'] },
  { what: 'zero duration', input: () => ({ ...base(), durationSec: 0 }), paths: ['durationSec'] },
  {
    what: 'missing talkSec in an agent mode',
    input: () => ({ ...base(), talkSec: undefined }),
    paths: ['talkSec'],
  },
  {
    what: 'missing messageSec in an IVR mode',
    input: () => ({ ...ivrBase(), messageSec: undefined }),
    paths: ['messageSec'],
  },
  {
    what: 'missing ivrPorts in an IVR mode',
    input: () => ({ ...ivrBase(), ivrPorts: undefined }),
    paths: ['ivrPorts'],
  },
  {
    what: 'too many IVR ports',
    input: () => ({ ...ivrBase(), ivrPorts: 1001 }),
    paths: ['ivrPorts'],
  },
  {
    what: 'inbound blending in an IVR mode',
    input: () => ({ ...ivrBase(), inbound: JSON.parse(readScenarioFile('blended.json')).inbound }),
    paths: ['inbound'],
  },
  {
    what: 'inbound without patience',
    input: () => {
      const blended = JSON.parse(readScenarioFile('blended.json'))
      blended.inbound.patienceSec = 0
      return blended
    },
    paths: ['inbound.patienceSec'],
  },
  {
    what: 'machines possible but no machineTalkSec',
    input: () => ({ ...base(), machineTalkSec: undefined }),
    paths: ['machineTalkSec'],
  },
  {
    what: 'customerLeftPct above 100',
    input: () => ({ ...base(), customerLeftPct: 120 }),
    paths: ['customerLeftPct'],
  },
  {
    what: 'a run longer than 31 days',
    input: () => ({ ...base(), durationSec: 31 * 86_400 + 1 }),
    paths: ['durationSec'],
  },
  {
    what: 'a window longer than 90 days',
    input: () => ({ ...base(), abandonWindowSec: 90 * 86_400 + 1 }),
    paths: ['abandonWindowSec'],
  },
  {
    what: 'a campaign schedule with a start and no stop',
    input: () => ({ ...base(), campaignSchedule: { dailyStart: '09:00' } }),
    paths: ['campaignSchedule.dailyStop'],
  },
  { what: 'not an object', input: () => [1, 2], paths: [''] },
]

describe('parseScenario refuses bad scenarios with the field path', () => {
  for (const { what, input, paths } of badCases) {
    it(`refuses ${what}`, () => {
      const result = parseScenario(input())
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.errors.map((error) => error.path)).toEqual(paths)
      for (const error of result.errors) expect(error.message.length).toBeGreaterThan(0)
    })
  }
})

describe('loadScenarioText', () => {
  it('reports bad JSON with the file name, line and column', () => {
    const result = loadScenarioText('{\n  "name": "x",\n}', 'broken.json')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]!.path).toBe('')
    expect(result.errors[0]!.message).toMatch(/^broken\.json: invalid JSON: .*line 3, column 1/)
    expect(formatScenarioErrors('broken.json', result.errors)).toBe(result.errors[0]!.message)
  })

  it('reports an empty file as bad JSON', () => {
    const result = loadScenarioText('', 'empty.json')
    expect(result.ok ? [] : result.errors[0]!.message).toMatch(/^empty\.json: invalid JSON/)
  })

  it('formats field errors one per line with the file name', () => {
    const result = parseScenario({ ...base(), dialRate: 0, agents: 0 })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(formatScenarioErrors('s.json', result.errors)).toBe(
      's.json: dialRate: must be ≥ 1\ns.json: agents: must be ≥ 1',
    )
  })
})

describe('defaults and warnings', () => {
  it('applies the documented defaults', () => {
    const { scenario } = parseOk(JSON.parse(readScenarioFile('progressive-analytic.json')))
    expect(scenario.reservationAnswerSec).toEqual({ dist: 'const', value: 0 })
    expect(scenario.previewReviewSec).toEqual({ dist: 'const', value: 5 })
    expect(scenario.customerLeftPct).toBe(0)
    expect(scenario.compliance).toBeUndefined()
    const { scenario: blended } = parseOk({ ...JSON.parse(readScenarioFile('blended.json')) })
    expect(blended.mode === 'predictive' && blended.inbound?.ranking).toBe('inbound-first')
  })

  it('defaults schedule to none and machineTalkSec to 0 s when no machine can answer', () => {
    const input = JSON.parse(readScenarioFile('progressive-analytic.json'))
    delete input.schedule
    delete input.machineTalkSec
    const { scenario } = parseOk(input)
    expect(scenario.schedule).toEqual([])
    expect(scenario.machineTalkSec).toEqual({ dist: 'const', value: 0 })
  })

  it('passes the Outdial extensions through', () => {
    const compliance = { callingWindow: { from: '09:00', to: '21:00' } }
    const { scenario } = parseOk({
      ...base(),
      customerLeftPct: 2,
      previewReviewSec: { dist: 'uniform', min: 3, max: 9 },
      compliance,
    })
    expect(scenario.customerLeftPct).toBe(2)
    expect(scenario.previewReviewSec).toEqual({ dist: 'uniform', min: 3, max: 9 })
    expect(scenario.compliance).toEqual(compliance)
  })

  it('takes the product campaign schedule, its defaults applied (a US month: 30-day window)', () => {
    const { scenario } = parseOk({
      ...base(),
      durationSec: 31 * 86_400,
      abandonWindowSec: 30 * 86_400,
      campaignSchedule: { dailyStart: '09:00', dailyStop: '11:00' },
    })
    expect(scenario.campaignSchedule).toEqual({
      dailyStart: '09:00',
      dailyStop: '11:00',
      days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'],
    })
  })

  it('turns unknown keys and fields the mode ignores into warnings', () => {
    const { warnings } = parseOk({
      ...ivrBase(),
      agents: 5,
      comment: 'tuned by hand',
      amd: { ...(ivrBase().amd as object), vendor: 'x' },
      ringLimitSec: 10,
    })
    expect(warnings).toEqual([
      'unknown key "comment" ignored',
      '"agents" is ignored in mode ivr-predictive',
      'unknown key "amd.vendor" ignored',
      "ringLimitSec 10 is outside the product's range 16–80 s (accepted for simulation)",
    ])
  })

  it('warns that AMD settings are ignored when AMD is off', () => {
    const { warnings } = parseOk({ ...base(), amd: { ...base().amd, enabled: false } })
    expect(warnings).toEqual([
      'amd settings other than "enabled" are ignored because amd.enabled is false',
    ])
  })
})

describe('outcomesAtSec', () => {
  it('follows the schedule through the day', () => {
    const { scenario } = parseOk(drifting())
    expect(outcomesAtSec(scenario, 0).live).toBe(0.35)
    expect(outcomesAtSec(scenario, 3599.9).live).toBe(0.35)
    expect(outcomesAtSec(scenario, 3600).live).toBe(0.12)
    expect(outcomesAtSec(scenario, 10_800).live).toBe(0.25)
    expect(outcomesAtSec(scenario, 17_999).live).toBe(0.25)
  })
})
