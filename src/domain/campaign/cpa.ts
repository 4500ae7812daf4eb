// Call progress analysis and answering-machine detection parameters (R2.2, Appendix A). The three
// switches form a chain: cpaEnabled → amdEnabled → terminatingToneDetect, each needing the one
// before it (the API's rule; the source's own sentence reads the other way round, see R2.2).
import { z } from 'zod'
import { booleanSchema, boundedInt } from '../config/schema-kit.ts'
import {
  CPA_ANALYSIS_PERIOD_MS_DEFAULT,
  CPA_ANALYSIS_PERIOD_MS_MAX,
  CPA_ANALYSIS_PERIOD_MS_MIN,
  CPA_MAX_TERM_TONE_ANALYSIS_MS_DEFAULT,
  CPA_MAX_TERM_TONE_ANALYSIS_MS_MAX,
  CPA_MAX_TERM_TONE_ANALYSIS_MS_MIN,
  CPA_MAX_TIME_ANALYSIS_MS_DEFAULT,
  CPA_MAX_TIME_ANALYSIS_MS_MAX,
  CPA_MAX_TIME_ANALYSIS_MS_MIN,
  CPA_MIN_SILENCE_PERIOD_MS_DEFAULT,
  CPA_MIN_SILENCE_PERIOD_MS_MAX,
  CPA_MIN_SILENCE_PERIOD_MS_MIN,
  CPA_MINIMUM_VALID_SPEECH_MS_DEFAULT,
  CPA_MINIMUM_VALID_SPEECH_MS_MAX,
  CPA_MINIMUM_VALID_SPEECH_MS_MIN,
} from './limits.ts'

const CHAIN = 'Appendix A: cpaEnabled → amdEnabled → terminatingToneDetect'

function msField(field: string, min: number, max: number) {
  return boundedInt({ field, min, max, unit: 'ms', why: 'Appendix A CPA timing' })
}

export const cpaSchema = z
  .object({
    cpaEnabled: booleanSchema('cpaEnabled').default(false),
    amdEnabled: booleanSchema('amdEnabled').default(false),
    terminatingToneDetect: booleanSchema('terminatingToneDetect').default(false),
    minSilencePeriod: msField(
      'minSilencePeriod',
      CPA_MIN_SILENCE_PERIOD_MS_MIN,
      CPA_MIN_SILENCE_PERIOD_MS_MAX,
    ).default(CPA_MIN_SILENCE_PERIOD_MS_DEFAULT),
    analysisPeriod: msField(
      'analysisPeriod',
      CPA_ANALYSIS_PERIOD_MS_MIN,
      CPA_ANALYSIS_PERIOD_MS_MAX,
    ).default(CPA_ANALYSIS_PERIOD_MS_DEFAULT),
    minimumValidSpeech: msField(
      'minimumValidSpeech',
      CPA_MINIMUM_VALID_SPEECH_MS_MIN,
      CPA_MINIMUM_VALID_SPEECH_MS_MAX,
    ).default(CPA_MINIMUM_VALID_SPEECH_MS_DEFAULT),
    /** Limit before the call is classed as dead air. */
    maxTimeAnalysis: msField(
      'maxTimeAnalysis',
      CPA_MAX_TIME_ANALYSIS_MS_MIN,
      CPA_MAX_TIME_ANALYSIS_MS_MAX,
    ).default(CPA_MAX_TIME_ANALYSIS_MS_DEFAULT),
    maxTermToneAnalysis: msField(
      'maxTermToneAnalysis',
      CPA_MAX_TERM_TONE_ANALYSIS_MS_MIN,
      CPA_MAX_TERM_TONE_ANALYSIS_MS_MAX,
    ).default(CPA_MAX_TERM_TONE_ANALYSIS_MS_DEFAULT),
  })
  .superRefine((cpa, ctx) => {
    if (cpa.amdEnabled && !cpa.cpaEnabled) {
      ctx.addIssue({
        code: 'custom',
        path: ['amdEnabled'],
        message: `amdEnabled needs cpaEnabled (${CHAIN})`,
      })
    }
    if (cpa.terminatingToneDetect && !cpa.amdEnabled) {
      ctx.addIssue({
        code: 'custom',
        path: ['terminatingToneDetect'],
        message: `terminatingToneDetect needs amdEnabled (${CHAIN})`,
      })
    }
  })
export type CpaParams = z.infer<typeof cpaSchema>

/**
 * What predictive and IVR campaigns run (R2.2: they always run CPA, and AMD sorts machines from
 * people). Timings are the defaults; terminating-tone detection stays off.
 */
export const CPA_ALWAYS_ON: CpaParams = Object.freeze(
  cpaSchema.parse({ cpaEnabled: true, amdEnabled: true }),
)
