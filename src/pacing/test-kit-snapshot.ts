// Tests' pacing snapshot: an idle pool of `readyServers` with the model given, and anything else
// overridden (estimates field by field). One place for the snapshot's shape in the pacing tests.
import type { PacingModel } from './model.ts'
import type { PacingEstimates, PacingSnapshot } from './types.ts'

export type SnapshotOverrides = Partial<Omit<PacingSnapshot, 'estimates'>> & {
  estimates?: Partial<PacingEstimates>
}

export function testSnapshot(
  model: PacingModel,
  overrides: SnapshotOverrides = {},
): PacingSnapshot {
  const { estimates, ...rest } = overrides
  const readyServers = rest.readyServers ?? 0
  return {
    nowMs: 0,
    readyServers,
    busyServers: [],
    staffedServers: readyServers,
    linesInFlight: 0,
    lineAges: [],
    capGuardActive: false,
    liveWaiting: 0,
    maxLinesPerServer: 3,
    abandonTargetPct: 3,
    hiddenAbandonPct: 0,
    windowAbandonPct: 0,
    windowConnects: 0,
    windowAbandons: 0,
    windowSec: 86_400,
    ...rest,
    estimates: {
      liveProbability: 0.3,
      dialToLiveSec: 10,
      dialToResolveSec: 12,
      talkSec: 120,
      wrapSec: 15,
      liveSamples: 0,
      model,
      settleSec: 25,
      unsettledDials: [],
      ...estimates,
    },
  }
}
