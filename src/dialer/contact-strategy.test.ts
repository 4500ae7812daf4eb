// Goal: the hopper follows the campaign's contact strategy (R5.2): only the numbers it names, in
// its order, each number type only inside its local hours, on top of the compliance window (R5.5).
import { describe, expect, it } from 'vitest'
import { campaignRetrySchema } from '../domain/campaign/retry-settings.ts'
import { KIT_DNC_LIST, kitNumber, makeEngineKit } from './test-kit.ts'

const A = kitNumber(1, 1)
const B = kitNumber(1, 2)
const C = kitNumber(1, 3)
const RING_SEC = 32
const RETRY_SEC = 300
// Five-minute retries after no answer, up to six attempts.
const retry = campaignRetrySchema.parse({
  perOutcome: { NO_ANSWER_CUSTOMER: { retry: true, delayMin: 5, maxAttempts: 6 } },
  maxAttemptsPerDay: 6,
})

describe('R5.2 contact strategy in the dial path', () => {
  it('tries the numbers the strategy names in its order, one per attempt, never the others', () => {
    const kit = makeEngineKit({
      contacts: [{ numbers: [A, B, C] }],
      retry,
      autoAnswerReservations: true,
      contactStrategy: {
        numberOrder: [
          { numberIndex: 2, numberType: 'MOBILE' },
          { numberIndex: 0, numberType: 'HOME' },
        ],
      },
    })
    kit.advanceSec(3.5 * (RING_SEC + RETRY_SEC))
    expect(kit.dials().map((d) => d.toNumber)).toEqual([C, A, C, A])
  })

  it('finishes a contact that has none of the numbers the strategy names', () => {
    const kit = makeEngineKit({
      contacts: [{ numbers: [A] }, { numbers: [B, C] }],
      autoAnswerReservations: true,
      contactStrategy: { numberOrder: [{ numberIndex: 1, numberType: 'WORK' }] },
    })
    expect(kit.dials().map((d) => d.toNumber)).toEqual([C])
    expect(kit.disposition('camp-1-c1')).toBe('noDialableNumber')
    expect(kit.eventsOf('dialBlocked')).toMatchObject([
      { contactId: 'camp-1-c1', reason: 'noNumberInContactStrategy' },
    ])
  })

  it('skips a number outside its type hours to the next in order, and waits when none is open', () => {
    // The kit starts Monday 09:00 UTC = 04:00 in New York. WORK rings 09:00–17:00 local only,
    // that is 14:00–22:00 UTC: from five hours after the start.
    const kit = makeEngineKit({
      contacts: [{ numbers: [A, B] }, { numbers: [C] }],
      retry: campaignRetrySchema.parse({
        perOutcome: { NO_ANSWER_CUSTOMER: { retry: true, delayMin: 120, maxAttempts: 6 } },
        maxAttemptsPerDay: 6,
      }),
      dialingRate: 2,
      autoAnswerReservations: true,
      contactStrategy: {
        numberOrder: [
          { numberIndex: 0, numberType: 'WORK' },
          { numberIndex: 1, numberType: 'MOBILE' },
        ],
        localHoursByNumberType: { WORK: { startLocal: '09:00', endLocal: '17:00' } },
      },
    })
    // Contact 1 rings its mobile (its work number is shut); contact 2 has only a work number.
    expect(kit.dials().map((d) => d.toNumber)).toEqual([B])
    expect(kit.eventsOf('dialBlocked')).toMatchObject([
      { contactId: 'camp-1-c2', reason: 'outsideNumberTypeHours' },
    ])
    expect(kit.list().nextDueMs()).toBe(kit.ms(5 * 3600))
    kit.advanceToSec(5 * 3600 - 1)
    // Retries of contact 1 come back to the mobile while the work number is shut.
    expect(kit.dials().map((d) => d.toNumber)).toEqual([B, B, B])
    kit.advanceToSec(5 * 3600)
    expect(kit.dials().at(-1)).toMatchObject({ toNumber: C, atMs: kit.ms(5 * 3600) })
    // Its next retry (about 6 h after the start) finds the work number open: the order resumes.
    kit.advanceToSec(6 * 3600 + 10 * 60)
    expect(kit.dials().map((d) => d.toNumber)).toEqual([B, B, B, C, A])
  })

  it('still applies DNC and the compliance window to a number inside its type hours', () => {
    const kit = makeEngineKit({
      contacts: [{ numbers: [A, B] }],
      autoAnswerReservations: true,
      start: false,
      contactStrategy: {
        numberOrder: [
          { numberIndex: 0, numberType: 'MOBILE' },
          { numberIndex: 1, numberType: 'HOME' },
        ],
      },
    })
    kit.dnc.addToList(KIT_DNC_LIST, A)
    kit.engine.startCampaign('camp-1')
    kit.advanceSec(0)
    expect(kit.dials().map((d) => d.toNumber)).toEqual([B])
  })
})
