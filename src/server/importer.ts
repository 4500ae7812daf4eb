// The contact import pipeline (src/campaigns/import) as the API's Importer port.
import { importContacts } from '../campaigns/import/import-contacts.ts'
import { importMappingSchema } from '../campaigns/import/mapping.ts'
import type { Importer } from './api/routes/contact-lists.ts'

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
