// Goal (R2.2, Appendix A, issue 14): the dial request carries the campaign's CPA parameters — the
// progressive campaign's own timings and terminatingToneDetect, predictive's defaults with AMD —
// so a network that analyses real audio applies them; a campaign without CPA sends none.
import { describe, expect, it } from 'vitest'
import { CPA_ALWAYS_ON } from '../domain/campaign/cpa.ts'
import { makeEngineKit } from './test-kit.ts'

describe('the dial request carries the campaign CPA parameters', () => {
  it('progressive: its own timings and terminatingToneDetect', () => {
    const cpa = {
      cpaEnabled: true,
      amdEnabled: true,
      terminatingToneDetect: true,
      minSilencePeriod: 900,
      analysisPeriod: 2500,
    }
    const kit = makeEngineKit({ agents: 1, dialingRate: 1, pacing: { cpa } })
    kit.agentAnswered('agent-1')
    const [dial] = kit.dials()
    expect(dial).toMatchObject({ cpaEnabled: true, amdEnabled: true })
    expect(dial!.cpa).toEqual({ ...CPA_ALWAYS_ON, ...cpa })
  })

  it('progressive with CPA off: no parameters, every answer live', () => {
    const kit = makeEngineKit({
      agents: 1,
      dialingRate: 1,
      pacing: { cpa: { cpaEnabled: false } },
    })
    kit.agentAnswered('agent-1')
    expect(kit.dials()[0]).toMatchObject({ cpaEnabled: false, amdEnabled: false, cpa: null })
  })
})
