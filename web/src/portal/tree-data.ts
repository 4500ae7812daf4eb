// The portal's campaign groups and campaigns, read once for the tree and the tables (R5.7): the
// first PORTAL_OBJECTS_MAX of each, the API's largest page.
import { useQuery } from '@tanstack/react-query'
import { configApi } from '../admin/config-api.ts'
import { kindOf } from '../admin/kinds.ts'
import type { ConfigObject } from '../api.ts'

/** The API's largest page (src/api/pagination.ts PAGE_LIMIT_MAX). */
const PORTAL_OBJECTS_MAX = 200

export interface PortalTree {
  groups: ConfigObject[]
  campaigns: ConfigObject[]
  /** More exist than were read. */
  truncated: boolean
}

export const groupIdOf = (campaign: ConfigObject): string =>
  String((campaign.body as { campaignGroupId?: unknown }).campaignGroupId ?? '')

export function usePortalTree() {
  return useQuery({
    queryKey: ['portal-tree'],
    queryFn: async (): Promise<PortalTree> => {
      const page = { limit: PORTAL_OBJECTS_MAX, offset: 0 }
      const [groups, campaigns] = await Promise.all([
        configApi.list(kindOf('campaign-groups')!, page),
        configApi.list(kindOf('campaigns')!, page),
      ])
      return {
        groups: groups.items,
        campaigns: campaigns.items,
        truncated: groups.total > groups.items.length || campaigns.total > campaigns.items.length,
      }
    },
  })
}
