// The tenant's configuration objects (R4, R5) as versioned JSON documents, one kind at a time,
// and the two refusals a write can meet. Bound to one tenant (src/store/ports/tenant-stores.ts).
import type { Page, PageRequest } from './page.ts'

export interface ConfigDocument {
  id: string
  name: string
  body: unknown
  version: number
  createdAtMs: number
  updatedAtMs: number
}

/** The id or the name is already used (documents, users, DNC numbers). */
export class DuplicateError extends Error {}
/** The document changed since the version the writer read. */
export class VersionConflictError extends Error {}

export interface ConfigDocuments {
  /** `search`: a case-insensitive substring of the id or the name. */
  list(kind: string, page: PageRequest, search?: string): Promise<Page<ConfigDocument>>
  /** Every document of a kind (reference checks; kinds are bounded by their own limits). */
  all(kind: string): Promise<ConfigDocument[]>
  get(kind: string, id: string): Promise<ConfigDocument | null>
  /** Throws DuplicateError when the id or name is taken. */
  create(
    kind: string,
    doc: { id: string; name: string; body: unknown },
    nowMs: number,
  ): Promise<ConfigDocument>
  /** Throws VersionConflictError when `expectedVersion` is stale; null when absent. */
  update(
    kind: string,
    id: string,
    doc: { name: string; body: unknown },
    expectedVersion: number | undefined,
    nowMs: number,
  ): Promise<ConfigDocument | null>
  remove(kind: string, id: string): Promise<boolean>
}
