// The fixed-ratio baseline of the benchmark (docs/benchmarks.md "Method: baselines"):
// round(ratio × available servers) lines in flight.
import { invariant } from '../domain/invariant.ts'
import type { PacingDecision, PacingSnapshot, PoolPacingPolicy } from './types.ts'

export const FIXED_RATIO_MAX = 20

export function fixedRatioPolicy(ratio: number): PoolPacingPolicy {
  invariant(ratio > 0, 'fixed ratio must be positive')
  invariant(ratio <= FIXED_RATIO_MAX, 'fixed ratio above FIXED_RATIO_MAX')
  return {
    name: `fixed:${ratio}`,
    decide(snapshot: PacingSnapshot): PacingDecision {
      const target = Math.round(ratio * snapshot.readyServers)
      return { targetLinesInFlight: target, reason: `fixed ${ratio} × ${snapshot.readyServers}` }
    },
  }
}
