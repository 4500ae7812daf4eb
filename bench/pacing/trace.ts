// The drift chart's series, reduced from the engine's events while the day runs (inside the
// worker: a day has millions of events, a chart needs a few hundred numbers).
// - Lines in flight per agent: the 'pacing' event reports the lines in flight after each pump
//   (after every event and on the 1-second tick), so the count between two such events is a step
//   function; its time-weighted mean per minute is exact, unlike a mean of the event values, which
//   would over-weight busy moments.
// - Rolling abandon rate over the regulatory window, from 'outcome' events: ABANDONED counts as an
//   abandon, LIVE_VOICE as a connect. People AMD hung up on are invisible in the events (only the
//   simulator's truth knows them), so the curve leaves them out; the tables include them.
import type { EngineEvent } from '../../src/dialer/types.ts'
import { SIM_START_MS } from '../../src/sim/run.ts'
import type { DayTrace } from './types.ts'

export const TRACE_BIN_SEC = 60
/**
 * The rolling rate is left blank while its window holds fewer calls than this: early in the day one
 * abandon among a handful of connects is a spike of tens of percent that says nothing.
 */
export const ROLLING_CALLS_MIN = 20

export class TraceCollector {
  private readonly binMs = TRACE_BIN_SEC * 1000
  private readonly endMs: number
  private readonly lineMs: number[]
  private readonly abandons: number[]
  private readonly connects: number[]
  private lastAtMs = SIM_START_MS
  private lastInFlight = 0

  constructor(
    durationSec: number,
    private readonly servers: number,
    private readonly windowSec: number,
  ) {
    const bins = Math.ceil(durationSec / TRACE_BIN_SEC)
    this.endMs = SIM_START_MS + durationSec * 1000
    this.lineMs = new Array<number>(bins).fill(0)
    this.abandons = new Array<number>(bins).fill(0)
    this.connects = new Array<number>(bins).fill(0)
  }

  observe(event: EngineEvent): void {
    if (event.kind === 'pacing') {
      this.advanceTo(event.atMs)
      this.lastInFlight = event.inFlight
    } else if (event.kind === 'outcome' && event.atMs < this.endMs) {
      // Calls that end while the day drains are after the chart's last minute: left out.
      const bin = this.binOf(event.atMs)
      if (event.outcome === 'ABANDONED') this.abandons[bin]! += 1
      else if (event.outcome === 'LIVE_VOICE') this.connects[bin]! += 1
    }
  }

  finish(): DayTrace {
    this.advanceTo(this.endMs)
    return {
      binSec: TRACE_BIN_SEC,
      windowSec: this.windowSec,
      servers: this.servers,
      linesPerServer: this.lineMs.map((ms, i) => ms / this.binLengthMs(i) / this.servers),
      rollingAbandonPct: this.rolling(),
    }
  }

  private binOf(atMs: number): number {
    return Math.min(this.lineMs.length - 1, Math.floor((atMs - SIM_START_MS) / this.binMs))
  }

  /** The last bin may be shorter than a minute when the day is not a whole number of minutes. */
  private binLengthMs(bin: number): number {
    return Math.min(this.binMs, this.endMs - SIM_START_MS - bin * this.binMs)
  }

  /** Credits the current line count to every bin between the last event and `atMs`. */
  private advanceTo(atMs: number): void {
    const to = Math.min(atMs, this.endMs)
    while (this.lastAtMs < to) {
      const bin = this.binOf(this.lastAtMs)
      const binEnd = SIM_START_MS + (bin + 1) * this.binMs
      const until = Math.min(to, binEnd)
      this.lineMs[bin]! += this.lastInFlight * (until - this.lastAtMs)
      this.lastAtMs = until
    }
  }

  /** At the end of each bin, over (t − W, t]; while t < W the window is the day so far. */
  private rolling(): (number | null)[] {
    const windowBins = Math.max(1, Math.round(this.windowSec / TRACE_BIN_SEC))
    let abandons = 0
    let connects = 0
    return this.abandons.map((a, i) => {
      abandons += a
      connects += this.connects[i]!
      if (i >= windowBins) {
        abandons -= this.abandons[i - windowBins]!
        connects -= this.connects[i - windowBins]!
      }
      const total = abandons + connects
      return total >= ROLLING_CALLS_MIN ? (100 * abandons) / total : null
    })
  }
}
