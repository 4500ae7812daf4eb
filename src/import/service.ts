// The contact import pipeline (src/import) as the API's Importer port.

import type { Kysely } from 'kysely'
import type { Importer } from '../api/routes/contact-lists.ts'
import type { ConfigDocuments } from '../store/ports/api-stores.ts'
import type { SqlContactLists } from '../store/sql/contacts.ts'
import type { SqlDncLists } from '../store/sql/documents.ts'
import type { Database } from '../store/sql/schema.ts'
import { scrubListsOf } from '../store/sql/scrub-lists.ts'
import { importContacts } from './import-contacts.ts'
import { importMappingSchema } from './mapping.ts'

export const contactImporter: Importer = {
  mappingSchema: importMappingSchema,
  async run(input, format, mapping, sink, context) {
    const result = await importContacts(input, format, importMappingSchema.parse(mapping), sink, {
      campaignId: context.campaignId,
      onIssue: context.onIssue,
    })
    return {
      committed: result.committed,
      ...(result.error ? { error: result.error } : {}),
      counts: { ...result.counts },
    }
  },
}

/** The contact-list part of the API on the SQL store: lists, the importer, and each import's sink. */
export function sqlContactsPart(
  db: Kysely<Database>,
  config: ConfigDocuments,
  lists: SqlContactLists,
  dnc: SqlDncLists,
  nowMs: () => number,
) {
  return {
    lists,
    importer: contactImporter,
    sinkFor: (tenantId: string, list: Parameters<SqlContactLists['sinkFor']>[1]) =>
      lists.sinkFor(
        tenantId,
        list,
        dnc,
        () => scrubListsOf(db, config, tenantId, list.campaignId),
        nowMs,
      ),
  }
}
