// Campaigns whose schedule ended (issue 15): once a campaign's end instant (schedule.endsAt) has
// passed, it moves to `stopped` through the campaign status machine (the `stop` move, as a user's
// stop: saved first, then applied to the engine), shown on the API and the live feed like any
// status change. The engine has dialled nothing since the end already (src/dialer/context.ts);
// this makes the campaign final. One timer per tenant, set at the next end and at most
// SCHEDULE_END_CHECK_MS_MAX ahead, so a changed end is seen within that time.
import type { Engine } from '../dialer/engine.ts'
import type { Clock, TimerId } from '../dialer/ports/clock.ts'
import { campaignTransition } from '../domain/campaign/campaign-status.ts'
import type { CampaignLifecycle } from './campaigns.ts'
import type { RuntimeLog } from './log.ts'

/** The longest the runtime waits before looking at the campaigns' ends again, in ms. */
export const SCHEDULE_END_CHECK_MS_MAX = 60_000

export interface ScheduleEndsDeps {
  clock: Clock
  engine: Engine
  lifecycle: CampaignLifecycle
  log: RuntimeLog
}

export class ScheduleEnds {
  private timer: TimerId | null = null
  private running = false
  /** Campaigns whose stop is being saved (not asked twice). */
  private readonly ending = new Set<string>()

  constructor(private readonly deps: ScheduleEndsDeps) {}

  /** Starts watching (after the runtime restored its campaigns). */
  start(): void {
    this.running = true
    this.check()
  }

  /** Stops every campaign whose end passed, then waits for the next end. */
  check(): void {
    if (!this.running) return
    const { clock, engine, lifecycle } = this.deps
    if (this.timer !== null) clock.cancelTimer(this.timer)
    const nowMs = clock.nowMs()
    let nextMs = nowMs + SCHEDULE_END_CHECK_MS_MAX
    for (const campaign of lifecycle.all()) {
      if (campaignTransition(campaign.status, 'stop').kind !== 'ok') continue
      const endsAtMs = engine.ctx.campaigns.get(campaign.id)?.config.schedule?.endsAtMs ?? null
      if (endsAtMs === null) continue
      if (endsAtMs <= nowMs) void this.end(campaign.id, endsAtMs)
      else nextMs = Math.min(nextMs, endsAtMs)
    }
    this.timer = clock.setTimerAt(nextMs, () => {
      this.timer = null
      this.check()
    })
  }

  close(): void {
    this.running = false
    if (this.timer !== null) this.deps.clock.cancelTimer(this.timer)
    this.timer = null
  }

  private async end(campaignId: string, endsAtMs: number): Promise<void> {
    if (this.ending.has(campaignId)) return
    this.ending.add(campaignId)
    const { lifecycle, log } = this.deps
    const endsAt = new Date(endsAtMs).toISOString()
    log.info('campaign schedule ended: stopping it', { campaignId, endsAt })
    try {
      const result = await lifecycle.act(campaignId, 'stop')
      // Not saved (the store failed): the next check asks again.
      if (result.kind !== 'ok')
        log.warn('campaign whose schedule ended not stopped', { campaignId, endsAt, result })
    } finally {
      this.ending.delete(campaignId)
    }
  }
}
