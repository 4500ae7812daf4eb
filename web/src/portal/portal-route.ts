// The portal's paths (R5.7): `/portal`, `/portal/:section`, `/portal/:section/:id` (`new`
// creates) and `/portal/campaigns/:id/:tab`; src/server/web-app.ts serves each with the app.
export const PORTAL_SECTIONS = ['campaign-groups', 'campaigns', 'contact-lists', 'scripts'] as const
export type PortalSection = (typeof PORTAL_SECTIONS)[number]

export interface PortalRoute {
  section: PortalSection | null
  id: string | null
  tab: string | null
}

/** `/portal/campaigns/renewals/reports` → campaigns, renewals, reports. */
export function portalRoute(path: string): PortalRoute {
  const [, , section, id, tab] = path.split('/').map(decodeURIComponent)
  const known = PORTAL_SECTIONS.find((s) => s === section) ?? null
  return { section: known, id: (known && id) || null, tab: (known && id && tab) || null }
}

export const portalPath = (section: PortalSection, id?: string, tab?: string): string =>
  ['/portal', section, ...(id ? [encodeURIComponent(id)] : []), ...(tab ? [tab] : [])].join('/')
