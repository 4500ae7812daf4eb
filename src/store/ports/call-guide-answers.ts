// Call-guide answers stored with their attempt (R5.6).

export interface SavedAnswers {
  attemptId: string
  formId: string
  agentId: string | null
  answers: Record<string, string | number | boolean>
  savedAtMs: number
}

/** Call-guide answers stored with their attempt (R5.6). */
export interface CallGuideAnswers {
  /** The attempt's campaign and the agent who handled it; null when there is no such attempt. */
  attempt(
    tenantId: string,
    attemptId: string,
  ): Promise<{ campaignId: string; agentId: string | null } | null>
  save(tenantId: string, answers: SavedAnswers): Promise<void>
  get(tenantId: string, attemptId: string): Promise<SavedAnswers | null>
}
