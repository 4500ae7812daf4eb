// Test support for the simulator property tests: the world around the simulated campaign, as
// plain data a fast-check case carries: zones and calling windows, contacts and their numbers,
// DNC lists, the compliance profile and retry rules. Contacts and list membership are functions of
// the case (a salt and percentages), so a failing case replays exactly.
import fc from 'fast-check'
import { DateTime } from 'luxon'
import {
  complianceSettingsSchema,
  PROFILE_RULES,
  type ResolvedCompliance,
  resolveCompliance,
} from '../../src/compliance/profiles.ts'
import { type RetryRules, retryRulesSchema } from '../../src/compliance/retry.ts'
import { type CallingWindow, callingWindowSchema } from '../../src/domain/calling-window.ts'
import type { Contact } from '../../src/domain/contact.ts'
import { SIM_CAMPAIGN_ID } from '../../src/sim/build.ts'
import { SIM_START_MS } from '../../src/sim/run.ts'

// --- deterministic hashing (contacts and DNC membership are functions of the case) ---------------

/** A uniform number in [0, 1) from integers: murmur3's finaliser over the inputs. */
export function unit(...inputs: number[]): number {
  let h = 0x9e3779b9
  for (const input of inputs) {
    h = Math.imul(h ^ (input | 0), 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
  }
  return (h >>> 0) / 2 ** 32
}

export function hashString(text: string): number {
  let h = 0
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}

// --- zones and calling windows -------------------------------------------------------------------

/**
 * Zones whose local time at SIM_START_MS (Monday 2026-03-02 09:00 UTC) spreads over the day:
 * New York 04:00, Los Angeles 01:00, London 09:00, Berlin 10:00, Kolkata 14:30, Tokyo 18:00,
 * Sydney 20:00, Chatham 22:45 (+13:45 in summer time).
 */
export const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Chatham',
] as const
export type Zone = (typeof ZONES)[number]

/** Zones open during the whole run under the US and UK profiles (08:00–21:00 local). */
const DAYTIME_ZONES: readonly Zone[] = [
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
]

export function localMinuteAtStart(zone: string): number {
  const local = DateTime.fromMillis(SIM_START_MS, { zone })
  return local.hour * 60 + local.minute
}

const hhmm = (minutes: number): string =>
  minutes >= 1440
    ? '24:00'
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** Local [start, end) minutes applied on every weekday. */
export interface DailyRange {
  startMin: number
  endMin: number
}

export type WindowCase =
  | { kind: 'profile'; profile: 'US' | 'UK' }
  /** CUSTOM: one range keeping the anchor zone open all run, plus ranges that open or close
   * other zones in the middle of the run. */
  | { kind: 'custom'; ranges: DailyRange[] }

export function windowOf(windowCase: WindowCase): CallingWindow {
  if (windowCase.kind === 'profile') return PROFILE_RULES[windowCase.profile].callingWindow
  const segments = windowCase.ranges.flatMap((range) =>
    [1, 2, 3, 4, 5, 6, 7].map((day) => ({
      day,
      startLocal: hhmm(range.startMin),
      endLocal: hhmm(range.endMin),
    })),
  )
  return callingWindowSchema.parse(segments)
}

const clampMinute = (minute: number) => Math.max(0, Math.min(1440, minute))

/**
 * A range that opens or closes (or both) for one of the run's zones while the run lasts, so that
 * the zone's contacts are dialled before a closing or after an opening.
 */
function boundaryRangeArbitrary(zones: readonly Zone[], durationSec: number) {
  const runMin = Math.floor(durationSec / 60)
  return fc
    .record({
      zone: fc.constantFrom(...zones),
      kind: fc.constantFrom('closes', 'closes', 'opens', 'opensAndCloses'),
      before: fc.integer({ min: 0, max: 60 }),
      at: fc.integer({ min: 1, max: runMin - 1 }),
      length: fc.integer({ min: 1, max: 120 }),
    })
    .map(({ zone, kind, before, at, length }): DailyRange => {
      const localMin = localMinuteAtStart(zone)
      if (kind === 'closes') {
        return { startMin: clampMinute(localMin - before), endMin: clampMinute(localMin + at) }
      }
      const startMin = clampMinute(localMin + at)
      const endMin = kind === 'opens' ? 1440 : clampMinute(startMin + length)
      return { startMin, endMin }
    })
    .filter((range) => range.startMin < range.endMin)
}

const anyRangeArbitrary: fc.Arbitrary<DailyRange> = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 600 }))
  .map(([startMin, lengthMin]) => ({ startMin, endMin: clampMinute(startMin + lengthMin) }))

function windowCaseArbitrary(
  anchor: Zone,
  zones: readonly Zone[],
  durationSec: number,
): fc.Arbitrary<WindowCase> {
  const anchorMin = localMinuteAtStart(anchor)
  const runMin = Math.ceil(durationSec / 60)
  const anchorRange = fc
    .tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 5, max: 180 }))
    .map(([before, after]) => ({
      startMin: clampMinute(anchorMin - before),
      endMin: clampMinute(anchorMin + runMin + after),
    }))
  const custom = fc
    .tuple(
      anchorRange,
      fc.array(
        fc.oneof(
          { arbitrary: boundaryRangeArbitrary(zones, durationSec), weight: 3 },
          { arbitrary: anyRangeArbitrary, weight: 1 },
        ),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([first, rest]): WindowCase => ({ kind: 'custom', ranges: [first, ...rest] }))
  const profiles = DAYTIME_ZONES.includes(anchor)
    ? [
        fc.constantFrom<WindowCase>(
          { kind: 'profile', profile: 'US' },
          { kind: 'profile', profile: 'UK' },
        ),
      ]
    : []
  return fc.oneof({ arbitrary: custom, weight: 3 }, ...profiles)
}

// --- contacts and DNC ------------------------------------------------------------------------------

export interface ContactCase {
  salt: number
  /** The zone every window keeps open during the run (most contacts live there). */
  anchor: Zone
  zones: Zone[]
  /** % of contacts without a zone of their own (the campaign's zone applies). */
  noZonePct: number
  numbersMax: 1 | 2 | 3
  /** Numbers drawn from a small pool (contacts share numbers), or unique per contact. */
  sharedPool: number | null
  /** % of numbers on the internal list 'internal' and on the national list at the start. */
  internalPct: number
  nationalPct: number
  /** % of closed attempts whose number the customer then asks to put on the internal list, and
   * at most how many numbers in a run. */
  dncOnClosePct: number
  dncOnCloseMax: number
}

export const INTERNAL_LIST = 'internal'
/** Numbers of the unique (not shared) scheme beyond this index are on no list. */
export const UNIQUE_NUMBERS_LISTED = 30_000

export function numberOf(slot: number): string {
  return `+1555${String(slot).padStart(7, '0')}`
}

function slotsOf(contactCase: ContactCase, index: number): number[] {
  const { salt, numbersMax, sharedPool } = contactCase
  const count = 1 + Math.floor(unit(salt, index, 1) * numbersMax)
  const slots: number[] = []
  for (let j = 0; j < count; j++) {
    const slot =
      sharedPool === null ? index * 3 + j : Math.floor(unit(salt, index, j, 2) * sharedPool)
    if (!slots.includes(slot)) slots.push(slot)
  }
  return slots
}

/**
 * Share of contacts in the anchor zone. The others may be outside their window, and each such
 * contact costs the hopper a next-opening search (luxon), so they are kept a minority.
 */
const ANCHOR_SHARE = 0.85

/** The zone a contact's dials must report: its own, else the campaign's (R5.2, R5.3). */
export function contactZone(contactCase: ContactCase, index: number): string | undefined {
  const { salt, anchor, zones, noZonePct } = contactCase
  if (unit(salt, index, 3) < noZonePct / 100) return undefined
  if (unit(salt, index, 4) < ANCHOR_SHARE) return anchor
  return zones[Math.floor(unit(salt, index, 5) * zones.length)]!
}

export function makeContactFor(contactCase: ContactCase): (index: number) => Contact {
  return (index) => {
    const zone = contactZone(contactCase, index)
    return {
      id: `c-${index}`,
      campaignId: SIM_CAMPAIGN_ID,
      numbers: slotsOf(contactCase, index).map(numberOf),
      ...(zone !== undefined ? { timeZone: zone } : {}),
      fields: {},
    }
  }
}

export const contactCaseArbitrary: fc.Arbitrary<ContactCase> = fc
  .record({
    salt: fc.integer({ min: 0, max: 0x7fffffff }),
    anchor: fc.constantFrom(...ZONES),
    zones: fc.subarray([...ZONES], { minLength: 1 }),
    noZonePct: fc.constantFrom(0, 0, 5, 10),
    numbersMax: fc.constantFrom<1 | 2 | 3>(1, 2, 3),
    // Not too small: numbers blocked during the run would soon cover the whole pool, and then
    // every hopper call scans HOPPER_SCAN_MAX blocked contacts (slow, and tests nothing new).
    sharedPool: fc.option(fc.integer({ min: 300, max: 3000 }), { freq: 3 }),
    internalPct: fc.integer({ min: 0, max: 40 }),
    nationalPct: fc.integer({ min: 0, max: 40 }),
    dncOnClosePct: fc.constantFrom(0, 0, 5, 20, 50),
    dncOnCloseMax: fc.integer({ min: 1, max: 40 }),
  })
  .map((c) => ({ ...c, zones: c.zones.includes(c.anchor) ? c.zones : [c.anchor, ...c.zones] }))

// --- compliance and retries ----------------------------------------------------------------------

const DAY_SEC = 86_400

export interface ComplianceCase {
  window: WindowCase
  dncEnabled: boolean
  ndncEnabled: boolean
  /** Age of the national copy at SIM_START_MS; null: never loaded. */
  nationalAgeSec: number | null
  /** When set (and a copy is loaded), the copy instead turns stale this long into the run: its
   * age at the start is the profile's nationalDncAgeSecMax minus this. */
  nationalStalesAfterSec?: number
  repeatAfterAbandonSec: number
  /** Minimum ring time before a no-answer (R5.5); undefined: the profile's (15 s). */
  ringSecMin?: number
  abandonMessageRequired: boolean
  /** Per retryable outcome: delay (min) and attempts; caps per day and in total. */
  retry: { delayMin: number; maxAttempts: number }
  maxAttemptsPerDay: number
  maxAttemptsTotal: number
}

export function complianceCaseArbitrary(
  anchor: Zone,
  zones: readonly Zone[],
  durationSec: number,
): fc.Arbitrary<ComplianceCase> {
  return fc.record({
    window: windowCaseArbitrary(anchor, zones, durationSec),
    dncEnabled: fc.constantFrom(true, true, true, false),
    ndncEnabled: fc.constantFrom(true, true, true, false),
    nationalAgeSec: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 27 * DAY_SEC }), weight: 16 },
      // Goes stale before, during or after the run (the US copy may be 31 days old, the UK 28).
      { arbitrary: fc.integer({ min: 27 * DAY_SEC, max: 32 * DAY_SEC }), weight: 2 },
      { arbitrary: fc.constant(null), weight: 1 },
    ),
    // Rare here (the campaign stops dialling from then on); previewBlockedMidRunCaseArbitrary
    // always sets it.
    nationalStalesAfterSec: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 19 },
      { arbitrary: fc.integer({ min: 0, max: durationSec }), weight: 1 },
    ),
    repeatAfterAbandonSec: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 60, max: 1800 }),
      fc.constant(72 * 3600),
    ),
    ringSecMin: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined, freq: 3 }),
    abandonMessageRequired: fc.boolean(),
    retry: fc.record({
      delayMin: fc.integer({ min: 1, max: 10 }),
      maxAttempts: fc.integer({ min: 1, max: 4 }),
    }),
    maxAttemptsPerDay: fc.integer({ min: 1, max: 10 }),
    maxAttemptsTotal: fc.integer({ min: 1, max: 10 }),
  })
}

const RETRYABLE = [
  'NO_ANSWER_CUSTOMER',
  'CUSTOMER_BUSY',
  'CUSTOMER_UNAVAILABLE',
  'AMD',
  'UNKNOWN',
  'CUSTOMER_LEFT',
  'ABANDONED',
  'SYSTEM_ABANDONED',
] as const

export function nationalAgeSecOf(complianceCase: ComplianceCase): number {
  const { window, nationalAgeSec, nationalStalesAfterSec } = complianceCase
  if (nationalStalesAfterSec === undefined) return nationalAgeSec ?? 0
  const profile = window.kind === 'profile' ? window.profile : 'CUSTOM'
  return PROFILE_RULES[profile].nationalDncAgeSecMax - nationalStalesAfterSec
}

export function retryRulesOf(complianceCase: ComplianceCase): RetryRules {
  return retryRulesSchema.parse({
    rules: RETRYABLE.map((outcome) => ({ outcome, retry: true, ...complianceCase.retry })),
    maxAttemptsPerDay: complianceCase.maxAttemptsPerDay,
    maxAttemptsTotal: complianceCase.maxAttemptsTotal,
  })
}

export function complianceOf(
  complianceCase: ComplianceCase,
  base: ResolvedCompliance,
): ResolvedCompliance {
  const window = complianceCase.window
  return resolveCompliance(
    complianceSettingsSchema.parse({
      profile: window.kind === 'profile' ? window.profile : 'CUSTOM',
      ...(window.kind === 'custom' ? { callingWindow: windowOf(window) } : {}),
      abandonRatePctMax: base.abandonRatePctMax,
      abandonWindowSec: base.abandonWindowSec,
      repeatAfterAbandonSec: complianceCase.repeatAfterAbandonSec,
      ...(complianceCase.ringSecMin !== undefined ? { ringSecMin: complianceCase.ringSecMin } : {}),
      abandonMessageRequired: complianceCase.abandonMessageRequired,
      dncEnabled: complianceCase.dncEnabled,
      ndncEnabled: complianceCase.ndncEnabled,
    }),
  )
}
