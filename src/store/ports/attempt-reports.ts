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
  /** R5.6: the agent's answers to the campaign's call guide, when saved. */
  callGuide: { formId: string; answers: Record<string, unknown> } | null
}

export interface AttemptFilter {
  campaignId?: string
  contactId?: string
  agentId?: string
  /** The number dialled (E.164). */
  number?: string
  /** Attempts opened at or after this instant (UTC ms). */
  fromMs?: number
  /** Attempts opened before this instant (UTC ms). */
  toMs?: number
}

/**
 * What a report table groups attempts by: 15-minute interval (UTC), agent, campaign, or agent and
 * interval (`agentQuarter`, keyed `<agent>|<quarter ms>`).
 */
export type TallyKey = 'quarter' | 'agent' | 'campaign' | 'agentQuarter'

/** Attempts of one group with one outcome (open ones as OPEN) and their talk time. */
export interface OutcomeTally {
  /** The interval's start (UTC ms, as text), the agent's id ('' for none) or the campaign's id. */
  key: string
  outcome: string
  attempts: number
  talkMs: number
}

/** Attempts of one group with one disposition code (R5.2). */
export interface DispositionTally {
  key: string
  code: string
  attempts: number
}

/** The tallies of a report table: by group and outcome, and by group and disposition code. */
export interface Tallies {
  outcomes: OutcomeTally[]
  dispositions: DispositionTally[]
}

export const QUARTER_MS = 15 * 60_000

export interface AttemptReports {
  list(filter: AttemptFilter, page: PageRequest): Promise<Page<AttemptView>>
  /** Every filtered attempt, newest first, read in keyset pages of `pageRows` (CSV exports). */
  scan(filter: AttemptFilter, pageRows: number): AsyncIterable<AttemptView>
  /** Attempts of the campaign by outcome; open ones count as OPEN. */
  countsByOutcome(campaignId: string): Promise<Record<string, number>>
  /** Attempts of the campaign by the agent's business outcome code (R5.2). */
  countsByDisposition(campaignId: string): Promise<Record<string, number>>
  /** R9.1 report tables: the filtered attempts counted per group, by outcome and by disposition. */
  tally(by: TallyKey, filter: AttemptFilter): Promise<Tallies>
}
