// Interrupted imports (issue 16): an import whose process died (kill -9, power loss) left its list
// `importing` and its staged rows behind. At start, and then every RECOVER_INTERVAL_MS, every
// tenant's imports in progress are checked: one whose owner is known to be dead (`liveness`) or
// whose claim ran out is failed with the reason, its staged rows dropped, and the list takes a new
// upload. An import of a live process (another server on the same PostgreSQL) is left alone.
import type { RuntimeLog } from '../runtime/log.ts'
import type { InterruptedImport } from '../store/ports/contact-lists.ts'
import type { ProcessLiveness } from '../store/ports/process-liveness.ts'
import type { SqlStore } from '../store/sql/store.ts'

/** Fails every tenant's interrupted imports; answers them. Never throws (logs instead). */
export async function recoverInterruptedImports(
  store: SqlStore,
  liveness: ProcessLiveness,
  nowMs: number,
  log: RuntimeLog,
): Promise<(InterruptedImport & { tenantId: string })[]> {
  const failed: (InterruptedImport & { tenantId: string })[] = []
  try {
    for (const tenantId of await store.tenantIds()) {
      const lists = store.forTenant(tenantId).contactLists
      const owners = (await lists.importOwners()).filter((owner) => owner !== liveness.self)
      const dead = owners.length === 0 ? new Set<string>() : await liveness.deadAmong(owners)
      for (const list of await lists.failInterruptedImports(nowMs, [...dead])) {
        log.warn('interrupted import failed; its staged rows were dropped', {
          tenantId,
          listId: list.listId,
          owner: list.owner,
          stagedRows: list.stagedRows,
        })
        failed.push({ ...list, tenantId })
      }
    }
  } catch (error) {
    log.error('recovery of interrupted imports failed', { error })
  }
  return failed
}
