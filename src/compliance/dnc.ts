// Do-not-call registry (R5.4, R10.3): named internal lists and the national lists (NDNC), one or
// more per region (the US registry, the UK TPS), each with its load time so a campaign can refuse
// to dial on a copy older than its region allows. A campaign's profile chooses the regions.
import { z } from 'zod'
import type { NationalDncRegion } from '../domain/compliance-profile.ts'
import { invariant } from '../domain/invariant.ts'
import { E164_PATTERN } from '../domain/phone.ts'

export const DNC_LIST_NAME_LENGTH_MAX = 80
export const dncListNameSchema = z.string().min(1).max(DNC_LIST_NAME_LENGTH_MAX)
/** Lists a campaign can be scrubbed against; a fan-out bound, not a storage bound. */
export const DNC_LISTS_PER_CAMPAIGN_MAX = 32
export const DNC_LISTS_MAX = 1000
/**
 * V8 caps a Set at 2^24 (~16.7 M) entries. The national list is loaded per subscribed area, so a
 * tenant's copy stays well below this; a bigger file is refused rather than crashing the loader.
 */
export const NATIONAL_DNC_NUMBERS_MAX = 16_000_000
export const DNC_LIST_NUMBERS_MAX = 16_000_000
const MS_PER_SEC = 1000

export const dncEntryMetaSchema = z.object({
  /** Where the request came from, e.g. 'desktop' or 'api' (R5.4). */
  source: z.string().max(80).optional(),
  reason: z.string().max(500).optional(),
  addedAtMs: z.number().int().nonnegative().optional(),
})
export type DncEntryMeta = z.infer<typeof dncEntryMetaSchema>

export interface DncCheckOptions {
  dncEnabled: boolean
  ndncEnabled: boolean
  /** The campaign's internal lists, in the order they are reported on a hit. */
  dncListNames: readonly string[]
  /** The regions whose national lists apply (R5.4); every national list when left out. */
  nationalRegions?: readonly NationalDncRegion[]
}

/** A national list: its name in the store and the region it serves. */
export interface NationalListRef {
  name: string
  region: NationalDncRegion
}
/** The list a load names when it names none (one US list, as a single-region tenant holds). */
export const DEFAULT_NATIONAL_LIST: NationalListRef = { name: 'national', region: 'US' }

/** The age rule of the national lists of one region for one campaign (R5.4). */
export interface NationalAgeRule {
  region: NationalDncRegion
  ageSecMax: number
}

interface NationalList {
  region: NationalDncRegion
  numbers: Set<string>
  loadedAtMs: number
}

export type DncAddResult =
  | { kind: 'added' }
  | { kind: 'duplicate' }
  | { kind: 'invalidNumber' }
  | { kind: 'invalidListName' }
  | { kind: 'full' }
export type DncRemoveResult = { kind: 'removed' } | { kind: 'notFound' }
export type DncCheckResult =
  | { kind: 'ok' }
  | { kind: 'dncBlocked'; list: string }
  | { kind: 'ndncBlocked' }
export type NationalLoadResult =
  | { kind: 'loaded'; count: number; invalidCount: number }
  | { kind: 'tooLarge'; numbersMax: number }
export type NationalFreshness =
  | { kind: 'fresh' }
  | { kind: 'stale'; ageSec: number; region?: NationalDncRegion; list?: string }
  | { kind: 'missing'; region?: NationalDncRegion }

/** The answers a check gives on every dial, shared and frozen: no object per dial (issue 15). */
const NOT_LISTED: DncCheckResult = Object.freeze({ kind: 'ok' })
const NATIONAL_BLOCKED: DncCheckResult = Object.freeze({ kind: 'ndncBlocked' })
const FRESH: NationalFreshness = Object.freeze({ kind: 'fresh' })

export class DncRegistry {
  // Internal lists keep the add metadata for the API's GET (R10.3); a Map is a Set with values.
  readonly #lists = new Map<string, Map<string, DncEntryMeta>>()
  readonly #national = new Map<string, NationalList>()

  addToList(listName: string, number: string, meta: DncEntryMeta = {}): DncAddResult {
    if (!E164_PATTERN.test(number)) return { kind: 'invalidNumber' }
    if (!dncListNameSchema.safeParse(listName).success) return { kind: 'invalidListName' }
    let list = this.#lists.get(listName)
    if (list === undefined) {
      if (this.#lists.size >= DNC_LISTS_MAX) return { kind: 'full' }
      list = new Map()
      this.#lists.set(listName, list)
    }
    if (list.has(number)) return { kind: 'duplicate' }
    if (list.size >= DNC_LIST_NUMBERS_MAX) return { kind: 'full' }
    list.set(number, meta)
    return { kind: 'added' }
  }

  removeFromList(listName: string, number: string): DncRemoveResult {
    const list = this.#lists.get(listName)
    if (list === undefined || !list.delete(number)) return { kind: 'notFound' }
    return { kind: 'removed' }
  }

  hasInList(listName: string, number: string): boolean {
    return this.#lists.get(listName)?.has(number) ?? false
  }

  getEntry(listName: string, number: string): DncEntryMeta | undefined {
    return this.#lists.get(listName)?.get(number)
  }

  listNames(): string[] {
    return [...this.#lists.keys()]
  }

  listSize(listName: string): number {
    return this.#lists.get(listName)?.size ?? 0
  }

  /**
   * Replaces one national list in one step: the new copy is built aside, so a refused load leaves
   * the previous copy (and its load time) in force. Malformed lines are counted, not kept.
   */
  loadNational(
    numbers: Iterable<string>,
    loadedAtMs: number,
    list: NationalListRef = DEFAULT_NATIONAL_LIST,
  ): NationalLoadResult {
    invariant(Number.isFinite(loadedAtMs), 'national list load time is not finite')
    const next = new Set<string>()
    let invalidCount = 0
    for (const number of numbers) {
      if (!E164_PATTERN.test(number)) {
        invalidCount++
        continue
      }
      next.add(number)
      if (next.size > NATIONAL_DNC_NUMBERS_MAX) {
        return { kind: 'tooLarge', numbersMax: NATIONAL_DNC_NUMBERS_MAX }
      }
    }
    this.#national.set(list.name, { region: list.region, numbers: next, loadedAtMs })
    return { kind: 'loaded', count: next.size, invalidCount }
  }

  /** Forgets a national list (it was deleted from the store). */
  dropNational(listName: string): void {
    this.#national.delete(listName)
  }

  /**
   * One number put on a loaded national list (R5.4: a customer added from the desktop or the API
   * to the national list's table); the list's load time is unchanged. A list never loaded has no
   * copy to add to.
   */
  addNational(number: string, listName = DEFAULT_NATIONAL_LIST.name): DncAddResult {
    if (!E164_PATTERN.test(number)) return { kind: 'invalidNumber' }
    const list = this.#national.get(listName)
    if (list === undefined) return { kind: 'invalidListName' }
    if (list.numbers.has(number)) return { kind: 'duplicate' }
    if (list.numbers.size >= NATIONAL_DNC_NUMBERS_MAX) return { kind: 'full' }
    list.numbers.add(number)
    return { kind: 'added' }
  }

  removeNational(number: string, listName = DEFAULT_NATIONAL_LIST.name): DncRemoveResult {
    return this.#national.get(listName)?.numbers.delete(number)
      ? { kind: 'removed' }
      : { kind: 'notFound' }
  }

  /** Whether the number is on a national list of these regions (of any region when left out). */
  hasNational(number: string, regions?: readonly NationalDncRegion[]): boolean {
    for (const list of this.#national.values())
      if ((regions === undefined || regions.includes(list.region)) && list.numbers.has(number))
        return true
    return false
  }

  nationalListNames(): string[] {
    return [...this.#national.keys()].sort()
  }

  nationalSize(listName = DEFAULT_NATIONAL_LIST.name): number {
    return this.#national.get(listName)?.numbers.size ?? 0
  }

  nationalLoadedAtMs(listName = DEFAULT_NATIONAL_LIST.name): number | null {
    return this.#national.get(listName)?.loadedAtMs ?? null
  }

  /**
   * Age of the national copies against a maximum (R5.4): every list when one rule is given for
   * all, else per region. A load time after nowMs (a clock stepped back) counts as age 0: the copy
   * is the newest one we have.
   */
  nationalListFreshness(nowMs: number, maxAgeSec: number): NationalFreshness {
    invariant(maxAgeSec > 0, 'national list maximum age must be positive')
    if (this.#national.size === 0) return { kind: 'missing' }
    for (const [name, list] of this.#national) {
      const ageSec = ageSecOf(nowMs, list.loadedAtMs)
      if (ageSec > maxAgeSec) return { kind: 'stale', ageSec, region: list.region, list: name }
    }
    return FRESH
  }

  /**
   * Per region (R5.4): each region the campaign's profile names needs at least one national list,
   * and each of that region's lists must be younger than the region's rule; the first problem.
   */
  nationalFreshnessFor(nowMs: number, rules: readonly NationalAgeRule[]): NationalFreshness {
    for (const rule of rules) {
      invariant(rule.ageSecMax > 0, 'national list maximum age must be positive')
      let found = false
      for (const [name, list] of this.#national) {
        if (list.region !== rule.region) continue
        found = true
        const ageSec = ageSecOf(nowMs, list.loadedAtMs)
        if (ageSec > rule.ageSecMax)
          return { kind: 'stale', ageSec, region: rule.region, list: name }
      }
      if (!found) return { kind: 'missing', region: rule.region }
    }
    return FRESH
  }

  /**
   * Membership only: freshness is the caller's second question (see dial-check.ts). A named list
   * that does not exist holds no numbers, so it blocks nothing.
   */
  checkDnc(number: string, options: DncCheckOptions): DncCheckResult {
    return this.checkDncOf(
      number,
      options.dncEnabled,
      options.ndncEnabled,
      options.dncListNames,
      options.nationalRegions,
    )
  }

  /** `checkDnc` with the options as arguments: the dial path builds no options object (issue 15). */
  checkDncOf(
    number: string,
    dncEnabled: boolean,
    ndncEnabled: boolean,
    dncListNames: readonly string[],
    nationalRegions: readonly NationalDncRegion[] | undefined,
  ): DncCheckResult {
    invariant(
      dncListNames.length <= DNC_LISTS_PER_CAMPAIGN_MAX,
      'campaign references more DNC lists than DNC_LISTS_PER_CAMPAIGN_MAX',
    )
    if (dncEnabled) {
      for (const list of dncListNames) {
        if (this.hasInList(list, number)) return { kind: 'dncBlocked', list }
      }
    }
    if (ndncEnabled && this.hasNational(number, nationalRegions)) return NATIONAL_BLOCKED
    return NOT_LISTED
  }
}

function ageSecOf(nowMs: number, loadedAtMs: number): number {
  return Math.max(0, Math.floor((nowMs - loadedAtMs) / MS_PER_SEC))
}
