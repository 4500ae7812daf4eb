// Do-not-call lists (R5.4, R10.3): numbers added and removed one at a time, and whole lists
// loaded from a file (the national list, refreshed with its load date kept). Bound to one tenant.
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
  loadedAtMs: number | null
  count: number
}

/** Whole-list loads of DNC files (R5.4: the national list is loaded from a file and refreshed). */
export interface DncFiles {
  info(name: string): Promise<DncListMeta>
  /** Replaces the list's numbers atomically with the streamed batches; the new count. */
  replace(
    list: { name: string; kind: 'internal' | 'national'; source: string },
    batches: AsyncIterable<string[]>,
    nowMs: number,
  ): Promise<number>
}
