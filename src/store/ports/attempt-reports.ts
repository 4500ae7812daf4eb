// The append-only attempt log as reports read it (R9.1): attempts with their result, newest
// first, and a campaign's counts by outcome. Bound to one tenant.
import type { Page, PageRequest } from './page.ts'

export interface AttemptView {
  id: string
  campaignId: string
  contactId: string
  number: string
  agentId: string | null
  openedAtMs: number
  closedAtMs: number | null
  outcome: string | null
  /** R5.2: the agent's business outcome code after the call, and a callback they scheduled. */
  disposition: {
    code: string
    final: boolean
    callbackAtMs: number | null
    callbackAgentId: string | null
  } | null
  details: Record<string, unknown>
}

export interface AttemptFilter {
  campaignId?: string
  contactId?: string
  agentId?: string
  /** The number dialled (E.164). */
  number?: string
}

export interface AttemptReports {
  list(filter: AttemptFilter, page: PageRequest): Promise<Page<AttemptView>>
  /** Attempts of the campaign by outcome; open ones count as OPEN. */
  countsByOutcome(campaignId: string): Promise<Record<string, number>>
  /** Attempts of the campaign by the agent's business outcome code (R5.2). */
  countsByDisposition(campaignId: string): Promise<Record<string, number>>
}
