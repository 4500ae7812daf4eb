// Goal: the US, UK and CUSTOM profiles carry the regulated defaults, a campaign's settings override
// them field by field, and bad settings are refused with readable issues. Requirements: R5.5 (profiles,
// abandon cap and window, minimum ring, repeat block, information message), R5.4 (national list age),
// R5.2 (DNC / NDNC switches), Appendix A (abandonRatePercentage 1.0–100.0, step 0.1).
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { ALWAYS_OPEN_WINDOW } from '../domain/calling-window.ts'
import { isWithinCallingWindow } from './calling-window.ts'
import {
  type ComplianceSettingsInput,
  complianceSettingsSchema,
  REPEAT_AFTER_ABANDON_SEC,
  resolveCompliance,
} from './profiles.ts'

const DAY_SEC = 86_400
const resolve = (input: ComplianceSettingsInput) =>
  resolveCompliance(complianceSettingsSchema.parse(input))
/** The settings as the campaign schema parses them: a refusal's issues name their paths. */
const parseCompliance = (input: unknown) => {
  const parsed = complianceSettingsSchema.safeParse(input)
  return parsed.success
    ? { kind: 'ok' as const }
    : {
        kind: 'invalid' as const,
        issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      }
}

describe('profiles', () => {
  it('US: 08:00–21:00 daily, 3 % per 30 days, 15 s ring, 72 h block, 31-day national list', () => {
    const us = resolve({ profile: 'US' })
    expect(us.callingWindow).toHaveLength(7)
    expect(us.callingWindow.every((r) => r.startLocal === '08:00' && r.endLocal === '21:00')).toBe(
      true,
    )
    expect(us.abandonRatePctMax).toBe(3)
    expect(us.abandonWindowSec).toBe(30 * DAY_SEC)
    expect(us.ringSecMin).toBe(15)
    expect(us.repeatAfterAbandonSec).toBe(72 * 3600)
    expect(us.nationalDncAgeSecMax).toBe(31 * DAY_SEC)
    expect(us.abandonMessageRequired).toBe(true)
    expect(us.connectSecMax).toBe(2)
    expect(us.dncEnabled).toBe(true)
    expect(us.ndncEnabled).toBe(true)
  })

  it('UK: opens at 09:00 on Sunday, 3 % per 24 h, 28-day national list', () => {
    const uk = resolve({ profile: 'UK' })
    expect(uk.callingWindow.find((r) => r.day === 7)).toEqual({
      day: 7,
      startLocal: '09:00',
      endLocal: '21:00',
    })
    expect(uk.callingWindow.filter((r) => r.startLocal === '08:00').map((r) => r.day)).toEqual([
      1, 2, 3, 4, 5, 6,
    ])
    expect(uk.abandonWindowSec).toBe(DAY_SEC)
    expect(uk.nationalDncAgeSecMax).toBe(28 * DAY_SEC)
    expect(uk.repeatAfterAbandonSec).toBe(REPEAT_AFTER_ABANDON_SEC)
  })

  it('CUSTOM without overrides is as strict as US', () => {
    const { profile: _custom, ...custom } = resolve({ profile: 'CUSTOM' })
    const { profile: _us, ...us } = resolve({ profile: 'US' })
    expect(custom).toEqual(us)
  })

  it('CUSTOM can be always open, for the simulator’s 24-hour days', () => {
    const sim = resolve({ profile: 'CUSTOM', callingWindow: ALWAYS_OPEN_WINDOW })
    expect(
      isWithinCallingWindow(
        DateTime.fromISO('2025-03-09T07:30Z').toMillis(),
        'America/New_York',
        sim.callingWindow,
      ),
    ).toBe(true)
  })
})

describe('overrides', () => {
  it('replace only the fields given and keep the switches', () => {
    const resolved = resolve({
      profile: 'UK',
      abandonRatePctMax: 2.5,
      abandonWindowSec: 3600,
      ndncEnabled: false,
    })
    expect(resolved.abandonRatePctMax).toBe(2.5)
    expect(resolved.abandonWindowSec).toBe(3600)
    expect(resolved.nationalDncAgeSecMax).toBe(28 * DAY_SEC)
    expect(resolved.dncEnabled).toBe(true)
    expect(resolved.ndncEnabled).toBe(false)
  })

  it('refuses caps outside 1.0–100.0 or off the 0.1 step, with the path in the issue', () => {
    for (const abandonRatePctMax of [0.9, 100.1, 3.05]) {
      const result = parseCompliance({ profile: 'US', abandonRatePctMax })
      expect(result.kind).toBe('invalid')
      if (result.kind === 'invalid') expect(result.issues[0]).toMatch(/^abandonRatePctMax: /)
    }
    for (const abandonRatePctMax of [1, 2.9, 0.1 + 0.2 + 2.7, 100]) {
      expect(parseCompliance({ profile: 'US', abandonRatePctMax }).kind).toBe('ok')
    }
  })

  it('refuses unknown profiles and bad windows', () => {
    expect(parseCompliance({ profile: 'FR' }).kind).toBe('invalid')
    const crossing = [{ day: 1, startLocal: '21:00', endLocal: '08:00' }]
    expect(parseCompliance({ profile: 'US', callingWindow: crossing }).kind).toBe('invalid')
    expect(parseCompliance({ profile: 'US', ringSecMin: 81 }).kind).toBe('invalid')
  })
})
