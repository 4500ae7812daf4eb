// The contact import pipeline (src/campaigns/import) as the API's Importer port.

import type { Kysely } from 'kysely'
import { importContacts } from '../campaigns/import/import-contacts.ts'
import { importMappingSchema } from '../campaigns/import/mapping.ts'
import type { ConfigDocuments } from './api/ports.ts'
import type { Importer } from './api/routes/contact-lists.ts'
import type { SqlContactLists } from './db/contacts.ts'
import type { SqlDncLists } from './db/documents.ts'
import type { Database } from './db/schema.ts'
import { scrubListsOf } from './scrub-lists.ts'

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
