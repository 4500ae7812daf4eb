// Which DNC lists scrub a campaign's contacts (R5.4): its own internal lists when `dncEnabled`,
// and, when `ndncEnabled`, the tenant's national lists of the regions its profile names (US → the
// US lists, UK → the UK lists, CUSTOM → its `nationalDncRegions`, else the US). The contact import scrubs against
// them (SqlContactLists.scrubLists).
import type { Kysely } from 'kysely'
import { PROFILE_RULES } from '../../compliance/profiles.ts'
import type { ConfigDocuments } from '../ports/documents.ts'
import type { Database } from './schema.ts'

/** The scrub lists of a campaign of `documents`' tenant. */
export async function scrubListsOf(
  db: Kysely<Database>,
  documents: ConfigDocuments & { tenantId: string },
  campaignId: string,
): Promise<string[]> {
  const { tenantId } = documents
  const campaign = await documents.get('campaign', campaignId)
  if (!campaign) return []
  const body = campaign.body as {
    dncEnabled?: boolean
    ndncEnabled?: boolean
    dncListNames?: string[]
    complianceProfile?: string
    nationalDncRegions?: string[]
  }
  const lists = body.dncEnabled === false ? [] : [...(body.dncListNames ?? [])]
  if (body.ndncEnabled !== false) {
    const profile =
      body.complianceProfile === 'UK' || body.complianceProfile === 'CUSTOM'
        ? body.complianceProfile
        : 'US'
    const regions: readonly string[] =
      (profile === 'CUSTOM' ? body.nationalDncRegions : undefined) ??
      PROFILE_RULES[profile].nationalDncRegions
    const national = await db
      .selectFrom('dnc_lists')
      .select(['name', 'region'])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'national')
      .execute()
    lists.push(...national.filter((n) => regions.includes(n.region ?? 'US')).map((n) => n.name))
  }
  return [...new Set(lists)]
}
