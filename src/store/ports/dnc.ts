// Do-not-call lists (R5.4, R10.3): numbers added and removed one at a time, and whole lists
// loaded from a file (the national list, refreshed with its load date kept). Bound to one tenant.
import type { NationalDncRegion } from '../../domain/compliance-profile.ts'
import type { Page, PageRequest } from './page.ts'

export interface DncEntry {
  listName: string
  phoneNumber: string
  source: string
  reason: string
  addedAtMs: number
}

/** Internal and national do-not-call lists, number by number. */
export interface DncLists {
  /** Throws DuplicateError when the number is already on the list. */
  add(entry: Omit<DncEntry, 'addedAtMs'>, nowMs: number): Promise<DncEntry>
  get(listName: string, phoneNumber: string): Promise<DncEntry | null>
  remove(listName: string, phoneNumber: string): Promise<boolean>
  list(listName: string, page: PageRequest): Promise<Page<DncEntry>>
}

export interface DncListMeta {
  name: string
  kind: 'internal' | 'national'
  /** The region a national list serves (R5.4); null for an internal list. */
  region: NationalDncRegion | null
  loadedAtMs: number | null
  count: number
}

/** A whole list to load: a national one names its region. */
export interface DncListLoad {
  name: string
  kind: 'internal' | 'national'
  region?: NationalDncRegion
  source: string
}

/** Whole-list loads of DNC files (R5.4: the national list is loaded from a file and refreshed). */
export interface DncFiles {
  info(name: string): Promise<DncListMeta>
  /** Every list of the tenant (loaded from a file or holding numbers added one by one), by name. */
  all(): Promise<DncListMeta[]>
  /** Replaces the list's numbers atomically with the streamed batches; the new count. */
  replace(list: DncListLoad, batches: AsyncIterable<string[]>, nowMs: number): Promise<number>
}
