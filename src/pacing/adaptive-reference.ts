// The "adaptive dial level" controller that open-source dialers ship (a baseline of
// docs/benchmarks.md "Method: baselines"): every few seconds re-compute lines per ready agent from
// the day's drop percentage; raise the level while drops are under target and agents wait, taper
// near the target, halve above it. It is a reference to beat, not Outdial's strategy
// (docs/pacing.md §2 explains why).
import type { PacingDecision, PacingSnapshot, PoolPacingPolicy } from './types.ts'

export const ADAPTIVE_INTERVAL_SEC = 15
const ADAPTIVE_STEP_MAX = 0.5
const ADAPTIVE_LEVEL_MIN = 1

export function adaptiveReferencePolicy(): PoolPacingPolicy {
  let level = ADAPTIVE_LEVEL_MIN
  let nextUpdateMs = Number.NEGATIVE_INFINITY
  let dropped = 0
  let answered = 0
  return {
    name: 'adaptive-reference',
    decide(snapshot: PacingSnapshot): PacingDecision {
      if (snapshot.nowMs >= nextUpdateMs) {
        nextUpdateMs = snapshot.nowMs + ADAPTIVE_INTERVAL_SEC * 1000
        level = nextLevel(level, snapshot, dropped, answered)
      }
      return {
        targetLinesInFlight: Math.round(level * snapshot.readyServers),
        reason: `adaptive level ${level.toFixed(2)}`,
      }
    },
    observe(event) {
      if (event.kind === 'abandoned') dropped += 1
      else answered += 1
    },
  }
}

function nextLevel(level: number, snapshot: PacingSnapshot, dropped: number, answered: number) {
  const target = snapshot.abandonTargetPct
  const dropPct = dropped + answered === 0 ? 0 : (100 * dropped) / (dropped + answered)
  if (dropPct >= target) return Math.max(ADAPTIVE_LEVEL_MIN, level / 2)
  const headroom = (target - dropPct) / target
  const waitingShare =
    snapshot.staffedServers === 0 ? 0 : snapshot.readyServers / snapshot.staffedServers
  const step = ADAPTIVE_STEP_MAX * headroom * (waitingShare > 0.1 ? waitingShare : -0.2)
  return Math.min(snapshot.maxLinesPerServer, Math.max(ADAPTIVE_LEVEL_MIN, level + step))
}
