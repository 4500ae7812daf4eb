// A campaign's live figures (R9.2): lines in flight, ready agents (or free IVR ports), abandon
// rate in the compliance window (the engine's ledger) and over the run, dial rate (dials in the
// last minute), contacts pending, outcomes. Run figures count since this process runs the campaign;
// reports over the whole attempt log are the store's (R9.1).
import type { CampaignRuntime } from '../dialer/context.ts'
import { isIvr, outsideSchedule } from '../dialer/context.ts'
import { type AttemptOutcome, emptyOutcomeCounts } from '../domain/outcomes.ts'
import type { RuntimeCampaign } from './campaigns.ts'
import type { CampaignLiveFigures } from './control.ts'

export const DIAL_RATE_WINDOW_MS = 60_000
/** Dial times kept for the dial rate (far above any real minute of one campaign). */
export const DIAL_TIMES_MAX = 100_000

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

export class CampaignStats {
  readonly outcomes: Record<AttemptOutcome, number> = emptyOutcomeCounts()
  private dialTimesMs: number[] = []
  private head = 0

  onDial(atMs: number): void {
    if (this.dialTimesMs.length - this.head >= DIAL_TIMES_MAX) this.head += 1
    this.dialTimesMs.push(atMs)
  }

  onOutcome(outcome: AttemptOutcome): void {
    this.outcomes[outcome] += 1
  }

  dialsPerMinute(nowMs: number): number {
    const fromMs = nowMs - DIAL_RATE_WINDOW_MS
    while (this.head < this.dialTimesMs.length && this.dialTimesMs[this.head]! <= fromMs)
      this.head += 1
    if (this.head > 1024 && this.head * 2 > this.dialTimesMs.length) {
      this.dialTimesMs = this.dialTimesMs.slice(this.head)
      this.head = 0
    }
    return (this.dialTimesMs.length - this.head) * (60_000 / DIAL_RATE_WINDOW_MS)
  }

  /** As reports and the compliance ledger count it: ABANDONED ÷ (LIVE_VOICE + ABANDONED). */
  abandonRateRunPct(): number {
    const abandoned = this.outcomes.ABANDONED
    const connected = this.outcomes.LIVE_VOICE
    return abandoned + connected === 0 ? 0 : (100 * abandoned) / (abandoned + connected)
  }
}

export function campaignFigures(
  campaign: RuntimeCampaign,
  running: CampaignRuntime | undefined,
  stats: CampaignStats,
  nowMs: number,
): CampaignLiveFigures {
  const ivr = running !== undefined && isIvr(running.config)
  return {
    status: campaign.status,
    linesInFlight: running?.inFlight ?? 0,
    readyAgents: running
      ? ivr
        ? Math.max(0, running.config.ivrPorts - running.portsHeld)
        : running.ready.size
      : 0,
    abandonRateWindowPct: running ? round2(running.ledger.ratePct(nowMs)) : 0,
    abandonRateRunPct: round2(stats.abandonRateRunPct()),
    dialsPerMinute: stats.dialsPerMinute(nowMs),
    pendingContacts: campaign.list?.pendingCount() ?? 0,
    outcomes: { ...stats.outcomes },
    outsideHours: running?.config.schedule !== undefined && outsideSchedule(running, nowMs),
  }
}
