// The contact-list part of the API on the SQL store: the contact-import service, bound at each
// import to the tenant's contact lists, with each import's sink and the DNC lists that scrub a
// campaign (scrub-lists.ts). One place wires it for the server, the first start's demo contacts,
// the API tests and the benchmark. Imports run under `owner`, this process's lease owner, so a
// later start can tell one whose process died (issue 16, import-recovery.ts).
import { ContactImportService } from '../import/service.ts'
import type { SqlStore } from '../store/sql/store.ts'

export function sqlContactsPart(store: SqlStore, nowMs: () => number, owner: string) {
  return {
    imports: new ContactImportService(
      (tenantId) => {
        const { contactLists } = store.forTenant(tenantId)
        return {
          lists: contactLists,
          sinkFor: (list, scrubLists, importOwner) =>
            contactLists.sinkFor(list, scrubLists, nowMs, importOwner),
          scrubLists: (campaignId) => contactLists.scrubLists(campaignId),
        }
      },
      { owner, nowMs },
    ),
  }
}
