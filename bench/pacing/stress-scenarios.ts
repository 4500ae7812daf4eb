// The stress benchmark's days (issue 15): one seeded random scenario per seed, built to break
// forecasts — a team of 3–300 agents or up to 1000 IVR ports; up to four changes of the live rate by
// up to 6× either way (a rise after a long low period, a fall, an oscillation, or random steps);
// short, heavy-tailed or very long talk times; regulatory windows of 15 minutes to a whole day; AMD
// that hangs up on some people (abandons the dialer never sees); on some agent days, agents logging
// out and back in, in waves (drawn from a stream of their own, so the rest of each day is unchanged). Every day goes through the
// simulator's own scenario parser, so a generated day is exactly a file `outdial sim` would accept.
//
// Feasibility: the AMD's unseen abandons alone must leave room under the cap in every window, or no
// strategy could hold it (progressive 1:1 included). So the AMD error is at most a quarter of the cap,
// and a window is short only when it holds enough calls for that quarter not to scatter over it.
import { parseScenario, type Scenario } from '../../src/sim/scenario.ts'
import type { Distribution } from '../../src/telephony/simulated/distributions.ts'
import { createRng, type Random } from '../../src/telephony/simulated/rng.ts'

export const STRESS_SHAPES = ['rise-after-low', 'fall', 'oscillate', 'random', 'steady'] as const
export type StressShape = (typeof STRESS_SHAPES)[number]
export const TEAM_SIZE_MIN = 3
export const TEAM_SIZE_MAX = 300
export const IVR_PORTS_STRESS_MAX = 1000
export const RATE_CHANGES_MAX = 4
export const RATE_FACTOR_MAX = 6
/** The live share stays within these (a campaign with no one answering paces nothing). */
const LIVE_MIN = 0.03
const LIVE_MAX = 0.6
/** The share of agent days whose team logs out and back in, in waves. */
const WAVE_DAYS_SHARE = 0.3
const WAVES_MIN = 2
const WAVES_MAX = 4
/** A wave takes away this share of the team at most (and at least WAVE_SHARE_MIN). */
const WAVE_SHARE_MIN = 0.2
const WAVE_SHARE_MAX = 0.7
/** Expected live connects a short window must hold for its cap to be more than a few calls. */
const SHORT_WINDOW_CONNECTS_MIN = 400

export interface StressDay {
  scenario: Scenario
  shape: StressShape
  /** One line a person reads in the failing-seed list. */
  summary: string
}

const logUniform = (r: Random, min: number, max: number) =>
  Math.exp(Math.log(min) + r.next() * (Math.log(max) - Math.log(min)))
const uniform = (r: Random, min: number, max: number) => min + r.next() * (max - min)
const round = (value: number, step: number) => Math.round(value / step) * step

function talkOf(r: Random): { dist: Distribution; label: string } {
  const kind = r.pick(['short', 'typical', 'heavy', 'long'] as const)
  if (kind === 'short') {
    return { dist: { dist: 'lognormal', mean: round(uniform(r, 15, 45), 1), cv: 0.5 }, label: kind }
  }
  if (kind === 'typical') {
    const mean = round(uniform(r, 60, 240), 1)
    return { dist: { dist: 'lognormal', mean, cv: round(uniform(r, 0.3, 1), 0.05) }, label: kind }
  }
  if (kind === 'heavy') {
    const mean = round(uniform(r, 60, 300), 1)
    return { dist: { dist: 'lognormal', mean, cv: round(uniform(r, 1.5, 3), 0.05) }, label: kind }
  }
  return {
    dist: { dist: 'lognormal', mean: round(uniform(r, 600, 1500), 1), cv: 0.6 },
    label: kind,
  }
}

/** The live shares over the day: the first, then (atSec, live) changes. */
function liveTimeline(
  r: Random,
  shape: StressShape,
  durationSec: number,
): { first: number; changes: { atSec: number; live: number }[] } {
  const clamp = (p: number) => Math.min(LIVE_MAX, Math.max(LIVE_MIN, p))
  const at = (share: number) => Math.round(share * durationSec)
  const high = uniform(r, 0.2, 0.5)
  const factor = uniform(r, 2, RATE_FACTOR_MAX)
  switch (shape) {
    case 'steady':
      return { first: high, changes: [] }
    case 'rise-after-low': {
      // A short normal start, a long collapse, then the rate comes back at once.
      const low = clamp(high / factor)
      return {
        first: high,
        changes: [
          { atSec: at(uniform(r, 0.05, 0.15)), live: low },
          { atSec: at(uniform(r, 0.55, 0.75)), live: clamp(low * factor) },
        ],
      }
    }
    case 'fall':
      return {
        first: high,
        changes: [{ atSec: at(uniform(r, 0.2, 0.6)), live: clamp(high / factor) }],
      }
    case 'oscillate': {
      const low = clamp(high / factor)
      const changes = [0.2, 0.4, 0.6, 0.8].map((share, i) => ({
        atSec: at(share),
        live: i % 2 === 0 ? low : high,
      }))
      return { first: high, changes }
    }
    default: {
      const count = r.int(1, RATE_CHANGES_MAX)
      let live = clamp(uniform(r, 0.08, 0.45))
      const first = live
      const changes: { atSec: number; live: number }[] = []
      for (let i = 0; i < count; i++) {
        const step = logUniform(r, 1, RATE_FACTOR_MAX) ** (r.bernoulli(0.5) ? 1 : -1)
        live = clamp(live * step)
        changes.push({ atSec: at((i + 1) / (count + 1) + uniform(r, -0.05, 0.05)), live })
      }
      return { first, changes }
    }
  }
}

/**
 * Agents logging out and back in, in waves (issue 15): on some days, 2–4 times a day a share of the
 * team leaves for a while (a break, a meeting) and comes back; none on the other days.
 */
function wavesOf(
  seed: number,
  durationSec: number,
): { atSec: number; share: number; awaySec: number }[] {
  const r = createRng(seed).stream('stress.waves')
  if (!r.bernoulli(WAVE_DAYS_SHARE)) return []
  const count = r.int(WAVES_MIN, WAVES_MAX)
  const slot = durationSec / (count + 1)
  return Array.from({ length: count }, (_, i) => ({
    atSec: Math.round(slot * (i + uniform(r, 0.5, 1))),
    share: round(uniform(r, WAVE_SHARE_MIN, WAVE_SHARE_MAX), 0.05),
    awaySec: Math.round(slot * uniform(r, 0.2, 0.8)),
  }))
}

/** The outcome shares for one live share: machines, busy and SIT fixed, no-answer takes the rest. */
function outcomesFor(live: number, machine: number) {
  const busy = 0.05
  const sit = 0.04
  return { live, machine, busy, sit, noAnswer: 1 - live - machine - busy - sit }
}

/** The random day of `seed`. The same seed gives the same day. */
export function stressDay(seed: number): StressDay {
  const r = createRng(seed).stream('stress.day')
  const ivr = r.bernoulli(0.25)
  const servers = ivr
    ? Math.round(logUniform(r, 10, IVR_PORTS_STRESS_MAX))
    : Math.round(logUniform(r, TEAM_SIZE_MIN, TEAM_SIZE_MAX))
  // Bounded work: the largest days are the shortest.
  const durationSec =
    servers <= 30
      ? r.pick([3600, 5400, 7200])
      : servers <= 150
        ? 3600
        : servers <= 300
          ? 2700
          : 1800
  const shape = r.pick(STRESS_SHAPES)
  const talk = ivr
    ? { dist: { dist: 'lognormal', mean: round(uniform(r, 15, 90), 1), cv: 0.4 }, label: 'ivr' }
    : talkOf(r)
  const wrapMean = round(uniform(r, 3, 30), 1)
  const abandonTargetPct = r.pick([3, 3, 3, 5, 1.5])
  const machine = round(uniform(r, 0.05, 0.3), 0.01)
  const timeline = liveTimeline(r, shape, durationSec)
  const amdOn = r.bernoulli(0.75)
  const waves = ivr ? [] : wavesOf(seed, durationSec)
  // At most a quarter of the cap is lost to AMD errors (see the file's head).
  const humanAsMachine = amdOn ? round(uniform(r, 0, 0.25 * abandonTargetPct) / 100, 0.0005) : 0
  // Expected connects per hour when every server is busy: servers / (talk + wrap) seconds.
  const holdSec = (talk.dist as { mean: number }).mean + (ivr ? 0 : wrapMean)
  const connectsPerHour = (servers * 3600) / holdSec
  const windows = [900, 3600, 86_400].filter(
    (w) => w >= durationSec || (connectsPerHour * w) / 3600 >= SHORT_WINDOW_CONNECTS_MIN,
  )
  const abandonWindowSec = windows.length > 0 ? r.pick(windows) : 86_400
  const json: Record<string, unknown> = {
    name: `stress-${seed}`,
    seed,
    durationSec,
    mode: ivr ? 'ivr-predictive' : 'predictive',
    dialRate: ivr ? 10 : r.pick([3, 4, 6]),
    abandonTargetPct,
    abandonWindowSec,
    ringLimitSec: r.pick([16, 20, 25, 30]),
    outcomes: outcomesFor(timeline.first, machine),
    answerSec: { dist: 'lognormal', mean: round(uniform(r, 5, 12), 0.5), cv: 0.5 },
    busySec: { dist: 'const', value: 3 },
    sitSec: { dist: 'const', value: 2 },
    amd: amdOn
      ? {
          enabled: true,
          decisionSec: { dist: 'lognormal', mean: 2.5, cv: 0.3 },
          humanAsMachine,
          machineAsHuman: round(uniform(r, 0, 0.15), 0.01),
        }
      : { enabled: false },
    machineTalkSec: { dist: 'const', value: 8 },
    schedule: timeline.changes
      .filter(
        (c, i, all) =>
          c.atSec > 0 && c.atSec < durationSec && (i === 0 || c.atSec > all[i - 1]!.atSec),
      )
      .map((c) => ({ atSec: c.atSec, outcomes: outcomesFor(c.live, machine) })),
    ...(ivr
      ? { ivrPorts: servers, messageSec: talk.dist }
      : {
          agents: servers,
          talkSec: talk.dist,
          wrapSec: { dist: 'lognormal', mean: wrapMean, cv: 0.5 },
          ...(waves.length > 0 ? { agentWaves: waves } : {}),
        }),
  }
  const parsed = parseScenario(json)
  if (!parsed.ok) {
    const detail = parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')
    throw new Error(`stress day ${seed} is not a valid scenario: ${detail}`)
  }
  const lives = [timeline.first, ...timeline.changes.map((c) => c.live)]
  const summary =
    `${servers} ${ivr ? 'IVR ports' : 'agents'}, ${durationSec / 3600} h, ${shape} ` +
    `(live ${lives.map((p) => `${Math.round(p * 100)}%`).join('→')}), talk ${talk.label}, ` +
    `window ${abandonWindowSec} s, cap ${abandonTargetPct} %, AMD human→machine ` +
    `${(humanAsMachine * 100).toFixed(2)} %` +
    (waves.length > 0
      ? `, ${waves.length} logout waves (${waves.map((w) => `${Math.round(w.share * 100)}%`).join(', ')})`
      : '')
  return { scenario: parsed.scenario, shape, summary }
}
