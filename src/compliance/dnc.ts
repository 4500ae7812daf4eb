// Do-not-call registry (R5.4, R10.3): named internal lists and the national list (NDNC), with the
// national list's load time so a campaign can refuse to dial on a copy older than its region allows.
import { z } from 'zod'
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
  | { kind: 'stale'; ageSec: number }
  | { kind: 'missing' }

export class DncRegistry {
  // Internal lists keep the add metadata for the API's GET (R10.3); a Map is a Set with values.
  readonly #lists = new Map<string, Map<string, DncEntryMeta>>()
  #national: Set<string> = new Set()
  #nationalLoadedAtMs: number | null = null

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
   * Replaces the national list in one step: the new copy is built aside, so a refused load leaves
   * the previous copy (and its load time) in force. Malformed lines are counted, not kept.
   */
  loadNational(numbers: Iterable<string>, loadedAtMs: number): NationalLoadResult {
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
    this.#national = next
    this.#nationalLoadedAtMs = loadedAtMs
    return { kind: 'loaded', count: next.size, invalidCount }
  }

  /**
   * One number put on the loaded national copy (R5.4: a customer added from the desktop or the API
   * to the national list's table); the copy's load time is unchanged. Before any load there is no
   * copy to add to.
   */
  addNational(number: string): DncAddResult {
    if (!E164_PATTERN.test(number)) return { kind: 'invalidNumber' }
    if (this.#nationalLoadedAtMs === null) return { kind: 'invalidListName' }
    if (this.#national.has(number)) return { kind: 'duplicate' }
    if (this.#national.size >= NATIONAL_DNC_NUMBERS_MAX) return { kind: 'full' }
    this.#national.add(number)
    return { kind: 'added' }
  }

  removeNational(number: string): DncRemoveResult {
    return this.#national.delete(number) ? { kind: 'removed' } : { kind: 'notFound' }
  }

  hasNational(number: string): boolean {
    return this.#national.has(number)
  }

  nationalSize(): number {
    return this.#national.size
  }

  nationalLoadedAtMs(): number | null {
    return this.#nationalLoadedAtMs
  }

  /**
   * Age of the national copy against a region's maximum (R5.4). A load time after nowMs (a clock
   * stepped back) counts as age 0: the copy is the newest one we have.
   */
  nationalListFreshness(nowMs: number, maxAgeSec: number): NationalFreshness {
    invariant(maxAgeSec > 0, 'national list maximum age must be positive')
    if (this.#nationalLoadedAtMs === null) return { kind: 'missing' }
    const ageSec = Math.max(0, Math.floor((nowMs - this.#nationalLoadedAtMs) / MS_PER_SEC))
    if (ageSec > maxAgeSec) return { kind: 'stale', ageSec }
    return { kind: 'fresh' }
  }

  /**
   * Membership only: freshness is the caller's second question (see dial-check.ts). A named list
   * that does not exist holds no numbers, so it blocks nothing.
   */
  checkDnc(number: string, options: DncCheckOptions): DncCheckResult {
    invariant(
      options.dncListNames.length <= DNC_LISTS_PER_CAMPAIGN_MAX,
      'campaign references more DNC lists than DNC_LISTS_PER_CAMPAIGN_MAX',
    )
    if (options.dncEnabled) {
      for (const list of options.dncListNames) {
        if (this.hasInList(list, number)) return { kind: 'dncBlocked', list }
      }
    }
    if (options.ndncEnabled && this.#national.has(number)) return { kind: 'ndncBlocked' }
    return { kind: 'ok' }
  }
}
