// Goal: the forecast adds each line group's live chance and each server group's free chance times
// its count at the steps it reads, and a forecast of one snapshot is the same whatever forecast ran
// before it (its rows are reused: issue 15, engine speed). R1.3.
import { describe, expect, it } from 'vitest'
import { ForecastScratch, forecast } from './forecast.ts'
import {
  type BusyServerGroup,
  buildPacingModel,
  CONNECT_MARGIN_SEC,
  type PacingModel,
} from './model.ts'
import { SampleDistribution } from './samples.ts'
import type { PacingSnapshot } from './types.ts'

const distribution = (values: readonly number[]): SampleDistribution =>
  new SampleDistribution(Float64Array.from(values).sort())
const evenly = (count: number, from: number, to: number): number[] =>
  Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1))

const MODEL = buildPacingModel({
  liveProbability: 0.3,
  liveTimes: distribution(evenly(41, 8, 12)),
  otherTimes: distribution(evenly(69, 3, 20)),
  talk: distribution(evenly(200, 30, 300)),
  wrap: distribution(evenly(21, 10, 20)),
})

function snapshot(
  ready: number,
  lineAges: { ageSec: number; count: number }[],
  busy: BusyServerGroup[],
  model: PacingModel = MODEL,
): PacingSnapshot {
  return {
    nowMs: 0,
    readyServers: ready,
    busyServers: busy,
    staffedServers: ready + busy.reduce((sum, group) => sum + group.count, 0),
    linesInFlight: lineAges.reduce((sum, group) => sum + group.count, 0),
    lineAges,
    capGuardActive: false,
    liveWaiting: 1,
    maxLinesPerServer: 3,
    abandonTargetPct: 3,
    hiddenAbandonPct: 0.5,
    windowAbandonPct: 0,
    windowConnects: 500,
    windowAbandons: 0,
    windowSec: 86_400,
    estimates: {
      liveProbability: model.liveProbability,
      dialToLiveSec: 10,
      dialToResolveSec: 12,
      talkSec: 120,
      wrapSec: 15,
      liveSamples: 500,
      model,
      settleSec: 25,
      unsettledDials: [],
    },
  }
}

const copy = (f: ReturnType<typeof forecast>) => ({
  demand: Array.from(f.demand),
  demandVar: Array.from(f.demandVar),
  supply: Array.from(f.supply),
  supplyVar: Array.from(f.supplyVar),
})

describe('forecast (R1.3 predictive)', () => {
  it('adds each group once, times its count, at the steps the marginal chance reads', () => {
    const lines = [
      { ageSec: 3, count: 4 },
      { ageSec: 0, count: 2 },
    ]
    const busy: BusyServerGroup[] = [
      { phase: 'talking', elapsedSec: 70, count: 3 },
      { phase: 'wrapUp', elapsedSec: 5, count: 2 },
      { phase: 'reserving', elapsedSec: 1, count: 1 },
    ]
    const f = forecast(snapshot(5, lines, busy), 1, new ForecastScratch())
    expect(f.arrivals.length).toBeGreaterThan(0)
    for (const k of f.arrivals) {
      let demand = 0
      for (const { ageSec, count } of lines) demand += count * MODEL.lineLiveCdf(ageSec)[k]!
      expect(f.demand[k]).toBeCloseTo(demand, 12)
      let supply = 5 - 1
      for (const group of busy)
        supply += group.count * MODEL.serverFreeCdf(group)[k + CONNECT_MARGIN_SEC]!
      expect(f.supply[k + CONNECT_MARGIN_SEC]).toBeCloseTo(supply, 12)
    }
    // A step no arrival reads stays at the ready servers (supply) and at zero (demand).
    expect(f.demand[0]).toBe(0)
    expect(f.supply[0]).toBe(4)
    expect(f.supplyVar[0]).toBe(0)
  })

  it('gives the same rows for a snapshot whatever forecast ran before it (reused rows)', () => {
    const small = snapshot(2, [{ ageSec: 1, count: 1 }], [])
    const large = snapshot(
      9,
      [
        { ageSec: 0, count: 30 },
        { ageSec: 7, count: 12 },
      ],
      [{ phase: 'talking', elapsedSec: 200, count: 40 }],
    )
    const scratch = new ForecastScratch()
    const first = copy(forecast(small, 1, scratch))
    forecast(large, 1.4, scratch)
    expect(copy(forecast(small, 1, scratch))).toEqual(first)
    // Another model with another horizon gets rows of its own length, then the first again.
    const shortModel = buildPacingModel({
      liveProbability: 0.2,
      liveTimes: distribution(evenly(30, 2, 4)),
      otherTimes: distribution(evenly(30, 1, 5)),
      talk: distribution(evenly(50, 10, 20)),
      wrap: distribution([0]),
    })
    expect(shortModel.horizonSec).not.toBe(MODEL.horizonSec)
    const other = forecast(snapshot(3, [{ ageSec: 0, count: 5 }], [], shortModel), 1, scratch)
    expect(other.demand.length).toBe(shortModel.horizonSec + 1)
    expect(copy(forecast(small, 1, scratch))).toEqual(first)
  })

  it('keeps the supply rows while the busy servers stand still, and sums again when one moves', () => {
    // The snapshot's groups are objects the engine reuses: moved in place between decisions.
    const group: BusyServerGroup = { phase: 'talking', elapsedSec: 40, count: 6 }
    const busy = [group, { phase: 'wrapUp' as const, elapsedSec: 3, count: 2 }]
    const fresh = (ready: number) =>
      copy(
        forecast(
          snapshot(
            ready,
            [{ ageSec: 0, count: 4 }],
            busy.map((g) => ({ ...g })),
          ),
          1,
          new ForecastScratch(),
        ),
      )
    const scratch = new ForecastScratch()
    const at = (ready: number) =>
      copy(forecast(snapshot(ready, [{ ageSec: 2, count: 3 }], busy), 1, scratch)).supply
    const first = at(4)
    expect(at(4)).toEqual(first)
    group.elapsedSec = 41
    expect(at(4)).toEqual(fresh(4).supply)
    group.count = 7
    expect(at(4)).toEqual(fresh(4).supply)
    group.phase = 'wrapUp'
    expect(at(4)).toEqual(fresh(4).supply)
    expect(at(5)).toEqual(fresh(5).supply)
    expect(at(5)).not.toEqual(first)
  })
  it('keeps each campaign its own rows: two policies deciding in turn never read the other rows', () => {
    const a = snapshot(
      3,
      [{ ageSec: 1, count: 2 }],
      [{ phase: 'talking', elapsedSec: 30, count: 4 }],
    )
    const b = snapshot(7, [{ ageSec: 0, count: 9 }], [{ phase: 'wrapUp', elapsedSec: 2, count: 5 }])
    const alone = (s: PacingSnapshot) => copy(forecast(s, 1, new ForecastScratch()))
    const scratchA = new ForecastScratch()
    const scratchB = new ForecastScratch()
    const firstA = copy(forecast(a, 1, scratchA))
    const firstB = copy(forecast(b, 1, scratchB))
    // B's forecast does not touch A's rows: A's first forecast is still intact after it.
    expect(firstA).toEqual(alone(a))
    for (let round = 0; round < 3; round++) {
      expect(copy(forecast(a, 1, scratchA))).toEqual(firstA)
      expect(copy(forecast(b, 1, scratchB))).toEqual(firstB)
    }
    expect(firstB).toEqual(alone(b))
  })
})
