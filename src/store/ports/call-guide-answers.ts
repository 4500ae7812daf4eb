// Call-guide answers stored with their attempt (R5.6). Bound to one tenant.

export interface SavedAnswers {
  attemptId: string
  formId: string
  agentId: string | null
  answers: Record<string, string | number | boolean>
  savedAtMs: number
}

export interface CallGuideAnswers {
  /** The attempt's campaign and the agent who handled it; null when there is no such attempt. */
  attempt(attemptId: string): Promise<{ campaignId: string; agentId: string | null } | null>
  save(answers: SavedAnswers): Promise<void>
  get(attemptId: string): Promise<SavedAnswers | null>
}
