// The call progress parameters a SIP call analyses with when its dial request carries none
// (issue 14, Appendix A), and those early media (183 with SDP) is listened to with.
import { type CpaParams, cpaSchema } from '../../domain/campaign/cpa.ts'

/** What a request without the campaign's parameters analyses with: the Appendix A defaults. */
export const DEFAULT_CPA: CpaParams = Object.freeze(cpaSchema.parse({ cpaEnabled: true }))
/** Early media is listened to for a SIT only: no AMD, and no dead-air limit that could end it. */
export const EARLY_MEDIA_CPA: CpaParams = Object.freeze({
  ...DEFAULT_CPA,
  amdEnabled: false,
  terminatingToneDetect: false,
  maxTimeAnalysis: Number.MAX_SAFE_INTEGER,
})
