// Limits of campaign groups, campaigns and the dialer API (R1, R2, R5, R10.2, Appendix A), each
// named with its unit, and the relations between them asserted when the module loads.
import { invariant } from '../invariant.ts'

/** R1.2 / R1.4: lines dialled per agent (progressive) or per IVR port (progressive IVR). */
export const DIALING_RATE_MIN = 1
export const DIALING_RATE_MAX = 10

/** R1.3: the predictive lines-per-agent ceiling (float). */
export const MAX_DIALING_RATE_MIN = 1.0
export const MAX_DIALING_RATE_MAX = 10.0
export const MAX_DIALING_RATE_DEFAULT = 1.0

/** R1.3: abandon-rate target, percent, step 0.1. */
export const ABANDON_RATE_PCT_MIN = 1.0
export const ABANDON_RATE_PCT_MAX = 100.0
export const ABANDON_RATE_PCT_STEP = 0.1
export const ABANDON_RATE_PCT_DEFAULT = 3.0

/** R1.3: live-voice connects between pacing corrections. */
export const PREDICTIVE_CORRECTION_PACE_CONNECTS_MIN = 10
export const PREDICTIVE_CORRECTION_PACE_CONNECTS_MAX = 5_000
export const PREDICTIVE_CORRECTION_PACE_CONNECTS_DEFAULT = 70

/** R1.3: size of each lines-per-agent adjustment (dimensionless). */
export const PREDICTIVE_GAIN_MIN = 0.1
export const PREDICTIVE_GAIN_MAX = 3.0
export const PREDICTIVE_GAIN_DEFAULT = 1.0

/** R2.3: no-answer ring limit, seconds; regulation requires ringing at least 15 s. */
export const RING_LIMIT_SEC_REGULATORY_MIN = 15
export const RING_LIMIT_SEC_MIN = 16
export const RING_LIMIT_SEC_MAX = 80
export const RING_LIMIT_SEC_DEFAULT = 32

/** R1.4: IVR ports of an agentless campaign. */
export const IVR_PORTS_MIN = 1
export const IVR_PORTS_MAX = 1000

/** R10.2: contacts per fetch from `dialingListFetchURL`; more is cut to the max, not refused. */
export const RECORD_COUNT_MIN = 1
export const RECORD_COUNT_MAX = 400

/** R1.1: preview offer countdown, seconds; 0 is allowed only when the auto-action is ACCEPT. */
export const PREVIEW_OFFER_TIMEOUT_SEC_MIN_WITH_ACCEPT = 0
export const PREVIEW_OFFER_TIMEOUT_SEC_MIN = 10
export const PREVIEW_OFFER_TIMEOUT_SEC_MAX = 7_200
export const PREVIEW_OFFER_TIMEOUT_SEC_DEFAULT = 600

/** Appendix A CPA timings, milliseconds. */
export const CPA_MIN_SILENCE_PERIOD_MS_MIN = 100
export const CPA_MIN_SILENCE_PERIOD_MS_MAX = 1_000
export const CPA_MIN_SILENCE_PERIOD_MS_DEFAULT = 608
export const CPA_ANALYSIS_PERIOD_MS_MIN = 1_000
export const CPA_ANALYSIS_PERIOD_MS_MAX = 10_000
export const CPA_ANALYSIS_PERIOD_MS_DEFAULT = 1_000
export const CPA_MINIMUM_VALID_SPEECH_MS_MIN = 50
export const CPA_MINIMUM_VALID_SPEECH_MS_MAX = 500
export const CPA_MINIMUM_VALID_SPEECH_MS_DEFAULT = 112
export const CPA_MAX_TIME_ANALYSIS_MS_MIN = 1_000
export const CPA_MAX_TIME_ANALYSIS_MS_MAX = 10_000
export const CPA_MAX_TIME_ANALYSIS_MS_DEFAULT = 3_000
export const CPA_MAX_TERM_TONE_ANALYSIS_MS_MIN = 1_000
export const CPA_MAX_TERM_TONE_ANALYSIS_MS_MAX = 60_000
export const CPA_MAX_TERM_TONE_ANALYSIS_MS_DEFAULT = 30_000

/** Configured share of humans that AMD classes as machines, percent; pacing leaves room for it. */
export const AMD_HUMAN_AS_MACHINE_PCT_MIN = 0
export const AMD_HUMAN_AS_MACHINE_PCT_MAX = 100
export const AMD_HUMAN_AS_MACHINE_PCT_DEFAULT = 1

/** R10.2 dialer API string lengths (docs/dialer-api.md "Request bodies"). */
export const CAMPAIGN_ID_LENGTH_MAX = 64
export const CAMPAIGN_NAME_LENGTH_MAX = 64
export const VENDOR_VERSION_LENGTH_MAX = 32
export const ENTRY_POINT_ID_LENGTH_MAX = 36
export const DIALING_LIST_FETCH_URL_LENGTH_MAX = 1_024
export const OUTDIAL_ANI_LENGTH_MAX = 50
/** Marked "not in use" by the reference; accepted for compatibility. */
export const RESERVATION_PCT_MIN = 0
export const RESERVATION_PCT_MAX = 100

/** R5.3 / R5.2: phone numbers one contact may carry, tried in the contact strategy's order. */
export const CONTACT_NUMBERS_MAX = 10
/** Outdial's own bounds on the DNC lists one campaign scrubs against, and their names. */
export const DNC_LIST_NAME_LENGTH_MAX = 80
export const CAMPAIGN_DNC_LISTS_MAX = 20
/** Retry settings (R5.2): per-outcome and campaign-wide attempt caps, and the longest delay. */
export const RETRY_ATTEMPTS_MAX = 100
export const RETRY_ATTEMPTS_PER_DAY_MAX = 20
export const RETRY_DELAY_MIN_MAX = 43_200 // 30 days, in minutes

function inRange(value: number, min: number, max: number): boolean {
  return min <= value && value <= max
}

invariant(DIALING_RATE_MIN <= DIALING_RATE_MAX, 'dialing rate min > max')
// maxDialingRate caps the per-agent rate, so its range is the dialing rate's range.
invariant(MAX_DIALING_RATE_MIN === DIALING_RATE_MIN, 'max dialing rate floor ≠ dialing rate floor')
invariant(MAX_DIALING_RATE_MAX === DIALING_RATE_MAX, 'max dialing rate cap ≠ dialing rate cap')
invariant(
  inRange(MAX_DIALING_RATE_DEFAULT, MAX_DIALING_RATE_MIN, MAX_DIALING_RATE_MAX),
  'max dialing rate default out of range',
)
invariant(
  inRange(ABANDON_RATE_PCT_DEFAULT, ABANDON_RATE_PCT_MIN, ABANDON_RATE_PCT_MAX),
  'abandon rate default out of range',
)
invariant(
  inRange(
    PREDICTIVE_CORRECTION_PACE_CONNECTS_DEFAULT,
    PREDICTIVE_CORRECTION_PACE_CONNECTS_MIN,
    PREDICTIVE_CORRECTION_PACE_CONNECTS_MAX,
  ),
  'correction pace default out of range',
)
invariant(
  inRange(PREDICTIVE_GAIN_DEFAULT, PREDICTIVE_GAIN_MIN, PREDICTIVE_GAIN_MAX),
  'predictive gain default out of range',
)
// R2.3: the product never rings for less than regulation allows.
invariant(RING_LIMIT_SEC_MIN > RING_LIMIT_SEC_REGULATORY_MIN, 'ring limit under regulation')
invariant(
  inRange(RING_LIMIT_SEC_DEFAULT, RING_LIMIT_SEC_MIN, RING_LIMIT_SEC_MAX),
  'ring limit default out of range',
)
invariant(IVR_PORTS_MIN <= IVR_PORTS_MAX, 'ivr ports min > max')
invariant(RECORD_COUNT_MIN <= RECORD_COUNT_MAX, 'record count min > max')
invariant(
  PREVIEW_OFFER_TIMEOUT_SEC_MIN_WITH_ACCEPT <= PREVIEW_OFFER_TIMEOUT_SEC_MIN,
  'ACCEPT offer floor above the general floor',
)
invariant(
  inRange(
    PREVIEW_OFFER_TIMEOUT_SEC_DEFAULT,
    PREVIEW_OFFER_TIMEOUT_SEC_MIN,
    PREVIEW_OFFER_TIMEOUT_SEC_MAX,
  ),
  'preview offer default out of range',
)
invariant(
  inRange(
    CPA_MIN_SILENCE_PERIOD_MS_DEFAULT,
    CPA_MIN_SILENCE_PERIOD_MS_MIN,
    CPA_MIN_SILENCE_PERIOD_MS_MAX,
  ),
  'cpa min silence default out of range',
)
invariant(
  inRange(CPA_ANALYSIS_PERIOD_MS_DEFAULT, CPA_ANALYSIS_PERIOD_MS_MIN, CPA_ANALYSIS_PERIOD_MS_MAX),
  'cpa analysis period default out of range',
)
invariant(
  inRange(
    CPA_MINIMUM_VALID_SPEECH_MS_DEFAULT,
    CPA_MINIMUM_VALID_SPEECH_MS_MIN,
    CPA_MINIMUM_VALID_SPEECH_MS_MAX,
  ),
  'cpa minimum valid speech default out of range',
)
invariant(
  inRange(
    CPA_MAX_TIME_ANALYSIS_MS_DEFAULT,
    CPA_MAX_TIME_ANALYSIS_MS_MIN,
    CPA_MAX_TIME_ANALYSIS_MS_MAX,
  ),
  'cpa max time analysis default out of range',
)
invariant(
  inRange(
    CPA_MAX_TERM_TONE_ANALYSIS_MS_DEFAULT,
    CPA_MAX_TERM_TONE_ANALYSIS_MS_MIN,
    CPA_MAX_TERM_TONE_ANALYSIS_MS_MAX,
  ),
  'cpa max terminating tone default out of range',
)
invariant(
  inRange(
    AMD_HUMAN_AS_MACHINE_PCT_DEFAULT,
    AMD_HUMAN_AS_MACHINE_PCT_MIN,
    AMD_HUMAN_AS_MACHINE_PCT_MAX,
  ),
  'amd false-positive estimate default out of range',
)
// A campaign-wide cap can never be below the per-day cap: a day is part of the whole.
invariant(RETRY_ATTEMPTS_PER_DAY_MAX <= RETRY_ATTEMPTS_MAX, 'daily attempt cap above total')
