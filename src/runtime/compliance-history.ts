// A restart must not forget what compliance counts (R5.5): each campaign's abandon ledger starts
// with the connects and abandons of its regulatory window, and the repeat-call block with the
// numbers abandoned in the last 72 h, both read back from the attempt log.
import { ABANDON_WINDOW_SEC_MAX, REPEAT_AFTER_ABANDON_SEC } from '../compliance/profiles.ts'
import type { Engine } from '../dialer/engine.ts'
import type { AttemptLog } from '../store/ports/dialer-store.ts'
import type { RuntimeLog } from './log.ts'

/** The width of the history's buckets: finer than any ledger's (≥ 1 s, ≤ window / 4096). */
export const COMPLIANCE_HISTORY_BUCKET_MS = 60_000
const MS_PER_SEC = 1000

/** Loads the history into the engine's ledgers and number history; answers what it counted. */
export async function seedComplianceHistory(
  engine: Engine,
  attempts: AttemptLog,
  nowMs: number,
  log: RuntimeLog,
): Promise<{ connected: number; abandoned: number; abandonedNumbers: number }> {
  const seeded = { connected: 0, abandoned: 0, abandonedNumbers: 0 }
  const campaigns = engine.ctx.campaigns
  let windowSecMax = 0
  for (const campaign of campaigns.values())
    windowSecMax = Math.max(windowSecMax, campaign.ledger.windowSec)
  const blockSec = Math.max(
    REPEAT_AFTER_ABANDON_SEC,
    ...[...campaigns.values()].map((c) => c.config.compliance.repeatAfterAbandonSec),
  )
  try {
    const history = await attempts.complianceHistory({
      sinceMs: nowMs - Math.min(windowSecMax, ABANDON_WINDOW_SEC_MAX) * MS_PER_SEC,
      bucketMs: COMPLIANCE_HISTORY_BUCKET_MS,
      abandonedSinceMs: nowMs - blockSec * MS_PER_SEC,
    })
    for (const bucket of history.buckets) {
      const ledger = campaigns.get(bucket.campaignId)?.ledger
      if (!ledger || bucket.startMs > nowMs) continue
      for (let i = 0; i < bucket.connected; i++) ledger.record(bucket.startMs, 'connected')
      for (let i = 0; i < bucket.abandoned; i++) ledger.record(bucket.startMs, 'abandoned')
      seeded.connected += bucket.connected
      seeded.abandoned += bucket.abandoned
    }
    for (const { number, atMs } of history.abandonedNumbers) {
      if (atMs > nowMs) continue
      engine.ctx.history.recordAttempt(number, atMs, 'ABANDONED')
      seeded.abandonedNumbers += 1
    }
  } catch (error) {
    // Dialling without the window's history could break the cap: the caller refuses to start.
    log.error('compliance history not loaded', { error })
    throw error
  }
  return seeded
}
