// Goal: behaviour drift between commits fails a test (issue 10). A few seeded simulated hours, one
// per pacing mode, are run through the real engine and their whole event log is hashed; the hashes
// are kept in event-logs.json. A change that alters what the engine does changes a hash: if the
// change is meant, rerun with OUTDIAL_UPDATE_GOLDEN=1 and say why in the commit.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../src/dialer/types.ts'
import { runScenario } from '../../src/sim/run.ts'
import type { ScenarioMode } from '../../src/sim/scenario.ts'
import { loadScenario } from '../sim/scenario-files.ts'

const GOLDEN_FILE = join(import.meta.dirname, 'event-logs.json')
const UPDATE = process.env.OUTDIAL_UPDATE_GOLDEN === '1'
/** One simulated hour keeps each day under a few seconds. */
const GOLDEN_DURATION_SEC = 3600

interface GoldenDay {
  scenario: string
  mode: ScenarioMode
  seed: number
}

const DAYS: GoldenDay[] = [
  { scenario: 'small-team', mode: 'predictive', seed: 101 },
  { scenario: 'tiny-team', mode: 'preview', seed: 7 },
  { scenario: 'blended', mode: 'progressive', seed: 11 },
  { scenario: 'ivr-predictive', mode: 'ivr-predictive', seed: 3 },
  { scenario: 'drift', mode: 'ivr-progressive', seed: 5 },
]

interface GoldenRecord {
  events: number
  sha256: string
}

function runHashed(day: GoldenDay): GoldenRecord {
  const scenario = { ...loadScenario(day.scenario), durationSec: GOLDEN_DURATION_SEC }
  const hash = createHash('sha256')
  let events = 0
  runScenario(scenario, {
    seed: day.seed,
    mode: day.mode,
    observe: (event, nowMs) => {
      events += 1
      hash.update(`${nowMs} ${JSON.stringify(hashedShape(event))}\n`)
    },
  })
  return { events, sha256: hash.digest('hex') }
}

/**
 * A pacing decision's inputs (the board's "why N lines now") describe what the engine saw; the
 * decision itself (target, lines in flight, reason) and every dial stay hashed (docs/decisions.md,
 * 2026-12-03, issue 12).
 */
function hashedShape(event: EngineEvent): unknown {
  if (event.kind !== 'pacing') return event
  const { inputs: _inputs, ...decision } = event
  return decision
}

const key = (day: GoldenDay) => `${day.scenario}/${day.mode}/seed-${day.seed}`

describe('golden event logs of seeded simulated hours', () => {
  const golden: Record<string, GoldenRecord> = UPDATE
    ? {}
    : JSON.parse(readFileSync(GOLDEN_FILE, 'utf8'))
  const fresh: Record<string, GoldenRecord> = {}

  for (const day of DAYS) {
    it(`${key(day)} logs the same events as when the hash was recorded`, () => {
      const record = runHashed(day)
      expect(record.events).toBeGreaterThan(100)
      fresh[key(day)] = record
      if (UPDATE) {
        writeFileSync(GOLDEN_FILE, `${JSON.stringify({ ...readOrEmpty(), ...fresh }, null, 2)}\n`)
        return
      }
      expect(record).toEqual(golden[key(day)])
    })
  }
})

function readOrEmpty(): Record<string, GoldenRecord> {
  try {
    return JSON.parse(readFileSync(GOLDEN_FILE, 'utf8'))
  } catch {
    return {}
  }
}
