// The contact-list part of the API on the SQL store: the lists, and the contact-import service
// with each import's sink and the DNC lists that scrub a campaign (scrub-lists.ts). One place
// wires it for the server, the first start's demo contacts, the API tests and the benchmark.
import type { Kysely } from 'kysely'
import { ContactImportService } from '../import/service.ts'
import type { ConfigDocuments } from '../store/ports/documents.ts'
import type { SqlContactLists } from '../store/sql/contacts.ts'
import type { SqlDncLists } from '../store/sql/documents.ts'
import type { Database } from '../store/sql/schema.ts'
import { scrubListsOf } from '../store/sql/scrub-lists.ts'

export function sqlContactsPart(
  db: Kysely<Database>,
  config: ConfigDocuments,
  lists: SqlContactLists,
  dnc: SqlDncLists,
  nowMs: () => number,
) {
  return {
    lists,
    imports: new ContactImportService({
      lists,
      sinkFor: (tenantId, list, scrubLists) =>
        lists.sinkFor(tenantId, list, dnc, scrubLists, nowMs),
      scrubLists: (tenantId, campaignId) => scrubListsOf(db, config, tenantId, campaignId),
    }),
  }
}
