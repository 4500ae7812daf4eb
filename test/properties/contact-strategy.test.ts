// Property test of the contact strategy in the dial path (R5.2), on the engine and its virtual
// clock: random contacts (1–4 numbers, zones around the world), random strategies (which numbers,
// in what order, a type per number, local hours for some types), the US or an always-open
// compliance window, and calls nobody answers, retried for two days. Every dial is checked: its
// number is one the strategy names, its type's local hours are open in the contact's zone, and
// between two dials of one contact every step the order passed over was shut at that moment.
// A failure prints the fast-check seed and path (replay with FC_SEED=… FC_PATH=…).
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { kitNumber, makeEngineKit } from '../../src/dialer/test-kit.ts'
import {
  type ContactStrategyInput,
  NUMBER_TYPES,
  type NumberType,
} from '../../src/domain/campaign/contact-strategy.ts'
import { campaignRetrySchema } from '../../src/domain/campaign/retry-settings.ts'
import { fcParams } from './arbitraries.ts'

const RUNS = 40
const DAYS = 2
const NUMBERS_MAX = 4
const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/Warsaw', 'Asia/Tokyo']

interface StrategyCase {
  contacts: { numbers: number; zone: string }[]
  steps: { numberIndex: number; numberType: NumberType }[]
  hours: Partial<Record<NumberType, { start: number; end: number }>>
  profile: 'US' | 'CUSTOM'
  retryDelayMin: number
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

const strategyCaseArbitrary: fc.Arbitrary<StrategyCase> = fc.record({
  contacts: fc.array(
    fc.record({
      numbers: fc.integer({ min: 1, max: NUMBERS_MAX }),
      zone: fc.constantFrom(...ZONES),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  steps: fc
    .shuffledSubarray([0, 1, 2, 3], { minLength: 1 })
    .chain((indices) =>
      fc.tuple(
        ...indices.map((numberIndex) =>
          fc.constantFrom(...NUMBER_TYPES).map((numberType) => ({ numberIndex, numberType })),
        ),
      ),
    ),
  hours: fc.dictionary(
    fc.constantFrom(...NUMBER_TYPES),
    fc
      .tuple(fc.integer({ min: 0, max: 23 * 60 }), fc.integer({ min: 30, max: 12 * 60 }))
      .map(([start, length]) => ({ start, end: Math.min(start + length, 23 * 60 + 59) })),
    { maxKeys: 3 },
  ) as fc.Arbitrary<StrategyCase['hours']>,
  profile: fc.constantFrom('US' as const, 'CUSTOM' as const),
  retryDelayMin: fc.integer({ min: 10, max: 240 }),
})

function strategyOf(c: StrategyCase): ContactStrategyInput {
  const types = new Set(c.steps.map((step) => step.numberType))
  const localHoursByNumberType: ContactStrategyInput['localHoursByNumberType'] = {}
  for (const [type, hours] of Object.entries(c.hours) as [
    NumberType,
    { start: number; end: number },
  ][]) {
    if (types.has(type))
      localHoursByNumberType[type] = { startLocal: hhmm(hours.start), endLocal: hhmm(hours.end) }
  }
  return { numberOrder: c.steps, localHoursByNumberType }
}

function isOpen(c: StrategyCase, type: NumberType, atMs: number, zone: string): boolean {
  const hours = c.hours[type]
  if (hours === undefined) return true
  const local = DateTime.fromMillis(atMs, { zone })
  const minute = local.hour * 60 + local.minute
  return hours.start <= minute && minute < hours.end
}

/** Runs the case and returns its violations and how many dials it checked. */
function runStrategyCase(c: StrategyCase): { violations: string[]; dials: number } {
  const numberOf = (contact: number, index: number) => kitNumber(1, contact * 10 + index)
  const kit = makeEngineKit({
    agents: 2,
    dialingRate: 3,
    autoAnswerReservations: true,
    compliance: { profile: c.profile },
    contactStrategy: strategyOf(c),
    retry: campaignRetrySchema.parse({
      perOutcome: {
        NO_ANSWER_CUSTOMER: { retry: true, delayMin: c.retryDelayMin, maxAttempts: 20 },
      },
      maxAttemptsPerDay: 20,
      maxAttemptsTotal: 40,
    }),
    contacts: c.contacts.map((contact, i) => ({
      numbers: Array.from({ length: contact.numbers }, (_, n) => numberOf(i + 1, n)),
      timeZone: contact.zone,
    })),
  })
  kit.advanceSec(DAYS * 24 * 3600)
  const violations: string[] = []
  const lastStep = new Map<string, number>()
  const dials = kit.eventsOf('dial')
  for (const dial of dials) {
    const contactIndex = Number(dial.contactId.split('-c')[1]) - 1
    const contact = c.contacts[contactIndex]!
    const numberIndex = Array.from({ length: contact.numbers }, (_, n) =>
      numberOf(contactIndex + 1, n),
    ).indexOf(dial.number)
    const at = `${dial.contactId} at ${new Date(dial.atMs).toISOString()}`
    const step = c.steps.findIndex((s) => s.numberIndex === numberIndex)
    if (step < 0) {
      violations.push(`${at}: number ${numberIndex} is not in the strategy`)
      continue
    }
    if (!isOpen(c, c.steps[step]!.numberType, dial.atMs, contact.zone)) {
      violations.push(`${at}: number ${numberIndex} dialled outside its type's hours`)
    }
    // Order: every step the rotation passed over since the last dial is one the contact has and
    // whose hours were shut now (a step beyond the contact's numbers is skipped by definition).
    const previous = lastStep.get(dial.contactId) ?? -1
    for (let k = (previous + 1) % c.steps.length; k !== step; k = (k + 1) % c.steps.length) {
      const skipped = c.steps[k]!
      if (skipped.numberIndex >= contact.numbers) continue
      if (isOpen(c, skipped.numberType, dial.atMs, contact.zone)) {
        violations.push(`${at}: step ${k} was open but the order jumped to step ${step}`)
      }
    }
    lastStep.set(dial.contactId, step)
  }
  kit.assertAttemptAccounting()
  return { violations: violations.slice(0, 5), dials: dials.length }
}

describe('contact strategy properties on the engine', () => {
  it('R5.2: only the numbers the strategy names are dialled, each inside its type hours, in the strategy order', () => {
    let dials = 0
    fc.assert(
      fc.property(strategyCaseArbitrary, (c) => {
        const result = runStrategyCase(c)
        dials += result.dials
        expect(result.violations).toEqual([])
      }),
      fcParams(RUNS),
    )
    // Not vacuous: the runs dialled.
    expect(dials).toBeGreaterThan(0)
  })
})
