// Goal (issue 14, R2): AMD is right on at least 90 % of 20 generated greetings of each kind, heard
// through the real path — sipp streams each greeting over RTP, Outdial's SIP network receives it
// (RTP socket, jitter buffer, framer) and its analyzer decides with the Appendix A AMD defaults.
// People: a short hello in English or Polish then silence; machines: a long greeting, every other
// one ending in a beep; espeak-ng voices, rates, pitches and texts from a seeded random. The
// decision time p50/p95 is printed. Off CI, missing sipp, sox or espeak-ng skips loudly; with
// CI=true it fails.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateGreetings, missingGreetingTools } from '../support/greetings.ts'
import { amdOnRealPath, amdSummary } from './amd-real-path.ts'
import { haveSipp } from './sipp.ts'

const GREETINGS_PER_KIND = 20
const ACCURACY_PCT_MIN = 90
const SEED = 14

const missing = missingGreetingTools()
if (missing.length > 0) {
  const message = `${missing.join(' and ')} missing (apt-get install espeak-ng sox)`
  if (process.env.CI === 'true') throw new Error(`${message}: CI installs them`)
  console.warn(`\n*** SKIPPED the AMD accuracy suite (test/sip/amd-accuracy): ${message} ***\n`)
}
const enabled = haveSipp('the AMD accuracy suite (test/sip/amd-accuracy)') && missing.length === 0
const dir = mkdtempSync(join(tmpdir(), 'outdial-amd-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(!enabled)('AMD accuracy on generated greetings, through sipp and RTP', () => {
  it(`is right on at least ${ACCURACY_PCT_MIN} % of ${GREETINGS_PER_KIND} people and ${GREETINGS_PER_KIND} machines`, async () => {
    const greetings = generateGreetings(dir, GREETINGS_PER_KIND, SEED)
    expect(greetings.filter((g) => g.kind === 'person')).toHaveLength(GREETINGS_PER_KIND)
    const results = await amdOnRealPath(dir, greetings)
    const summary = amdSummary(results)
    const wrong = results.filter((r) => !r.right).map((r) => `${r.decision} ← ${r.label}`)
    console.info('AMD through sipp/RTP:', JSON.stringify(summary), wrong)
    expect(summary.person.total).toBe(GREETINGS_PER_KIND)
    expect(summary.machine.total).toBe(GREETINGS_PER_KIND)
    expect(summary.person.accuracyPct, wrong.join('\n')).toBeGreaterThanOrEqual(ACCURACY_PCT_MIN)
    expect(summary.machine.accuracyPct, wrong.join('\n')).toBeGreaterThanOrEqual(ACCURACY_PCT_MIN)
    // Every decision came from the analyzer with its time (audio since the answer).
    for (const r of results.filter((x) => x.right)) expect(r.atMs).toBeGreaterThan(0)
  }, 120_000)
})
