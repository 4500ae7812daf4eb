// The append-only attempt log as reports read it (R9.1): attempts with their result, newest
// first, and a campaign's counts by outcome.
import type { Page } from './page.ts'

export interface AttemptView {
  id: string
  campaignId: string
  contactId: string
  number: string
  agentId: string | null
  openedAtMs: number
  closedAtMs: number | null
  outcome: string | null
  details: Record<string, unknown>
}

/** The append-only attempt log as reports read it (R9.1). */
export interface AttemptReports {
  list(
    tenantId: string,
    filter: { campaignId?: string; contactId?: string; agentId?: string },
    page: { limit: number; offset: number },
  ): Promise<Page<AttemptView>>
  countsByOutcome(tenantId: string, campaignId: string): Promise<Record<string, number>>
}
