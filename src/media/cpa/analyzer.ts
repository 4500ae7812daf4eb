// Call progress analysis on the received audio (R2, Appendix A): fed the answered call's audio in
// 20 ms frames, it decides live voice, answering machine, fax or modem, special information tone
// or dead air, with the campaign's CPA timings (as read in docs/decisions.md, 2026-12-03, issue 14):
//   - valid speech: a run of voice of at least `minimumValidSpeech` ms (shorter bursts are clicks);
//   - live: the speech ends and `minSilencePeriod` ms of silence follow, the speech having lasted no
//     longer than `analysisPeriod`; or, with amdEnabled off, valid speech at all;
//   - machine: the speech runs past `analysisPeriod` ms (pauses under `minSilencePeriod` do not end
//     it); with terminatingToneDetect, the outcome waits up to `maxTermToneAnalysis` ms for the
//     greeting's beep and reports when it sounded (a message is left after it);
//   - fax, sit: their tones (dsp/tones.ts) before a decision;
//   - dead air: no valid speech and no tone within `maxTimeAnalysis` ms.
// Pure and deterministic: time is audio time since answer, counted in frames.
import type { CpaParams } from '../../domain/campaign/cpa.ts'
import { createToneDetector, dominantTone, type ToneEvent } from '../dsp/tones.ts'
import { createVad } from '../dsp/vad.ts'
import { MediaFormatError } from '../media-error.ts'

export const CPA_SAMPLE_RATE_HZ = 8000
/** The frame the analyzer is fed: 20 ms, one G.711 RTP packet's worth. */
export const CPA_FRAME_MS = 20
export const CPA_FRAME_SAMPLES = (CPA_SAMPLE_RATE_HZ * CPA_FRAME_MS) / 1000

/** A steady tone after speech that lasts this long is a machine's, without waiting for its end. */
export const TONE_AFTER_SPEECH_MS_MAX = 2000

export type CpaOutcomeDecision = 'live' | 'machine' | 'fax' | 'sit' | 'deadAir'

export interface CpaEvidence {
  /** Why, in a few words (for logs and the attempt's record). */
  reason: string
  /** When valid speech began, if it did. */
  speechOnsetMs?: number
  /** From speech onset to the end of the last voice heard (pauses included). */
  speechMs: number
  /** Silence since the last voice, when decided. */
  trailingSilenceMs: number
  /** The tone that decided fax or sit, or the beep. */
  tone?: ToneEvent
  /** The line's learnt noise floor (RMS dBFS). */
  noiseFloorDbfs: number
  framesAnalysed: number
}

export interface CpaOutcome {
  decision: CpaOutcomeDecision
  /** Audio time since answer when the decision was taken (end of the deciding frame). */
  atMs: number
  /** When the answering machine's beep began (terminatingToneDetect); its end is in evidence.tone. */
  beepAtMs?: number
  evidence: CpaEvidence
}

export interface CallProgressAnalyzer {
  /** The next 20 ms frame (160 samples at 8 kHz): the outcome once decided, else null. */
  push(pcm: Int16Array): CpaOutcome | null
  /** The audio ended (hang-up, timeout): the outcome decided so far, or the best one now. */
  finish(): CpaOutcome
}

type Phase = 'listening' | 'speech' | 'awaitBeep'

export function createCallProgressAnalyzer(
  params: CpaParams,
  options: { sampleRate?: 8000 } = {},
): CallProgressAnalyzer {
  const sampleRate = options.sampleRate ?? CPA_SAMPLE_RATE_HZ
  if (sampleRate !== CPA_SAMPLE_RATE_HZ)
    throw new MediaFormatError('option', 'sampleRate', `${sampleRate} Hz; the analyzer takes 8000`)
  const vad = createVad()
  const tones = createToneDetector(CPA_FRAME_MS)
  let frame = 0
  let phase: Phase = 'listening'
  let outcome: CpaOutcome | null = null
  /** The current run of voice frames (for minimumValidSpeech), ms. */
  let runStartMs = 0
  let runMs = 0
  let onsetMs: number | undefined
  /** End of the last voice frame since onset. */
  let lastVoiceEndMs = 0
  let machineAtMs = 0

  const nowMs = () => frame * CPA_FRAME_MS

  function decide(
    decision: CpaOutcomeDecision,
    reason: string,
    extra: { tone?: ToneEvent; beepAtMs?: number } = {},
  ): CpaOutcome {
    const atMs = nowMs()
    const spoke = onsetMs !== undefined
    outcome = {
      decision,
      atMs,
      ...(extra.beepAtMs !== undefined ? { beepAtMs: extra.beepAtMs } : {}),
      evidence: {
        reason,
        ...(spoke ? { speechOnsetMs: onsetMs } : {}),
        speechMs: spoke ? lastVoiceEndMs - onsetMs! : 0,
        trailingSilenceMs: spoke ? atMs - lastVoiceEndMs : 0,
        ...(extra.tone ? { tone: extra.tone } : {}),
        noiseFloorDbfs: Math.round(vad.floorDbfs * 10) / 10,
        framesAnalysed: frame,
      },
    }
    return outcome
  }

  function machine(reason: string): CpaOutcome | null {
    if (!params.terminatingToneDetect) return decide('machine', reason)
    phase = 'awaitBeep'
    machineAtMs = nowMs()
    return null
  }

  function step(pcm: Int16Array): CpaOutcome | null {
    const startMs = nowMs()
    const tone = dominantTone(pcm, sampleRate)
    const events = tones.step(startMs, tone)
    const voice = vad.step(pcm, tone !== null).speech
    frame++
    const endMs = nowMs()

    if (!params.cpaEnabled) return decide('live', 'CPA off: every answer is live')
    if (phase === 'awaitBeep') {
      const beep = events.find((e) => e.kind === 'beep')
      if (beep)
        return decide('machine', 'greeting then beep', { tone: beep, beepAtMs: beep.startMs })
      if (endMs - machineAtMs >= params.maxTermToneAnalysis)
        return decide('machine', 'greeting; no beep within maxTermToneAnalysis')
      return null
    }
    const fax = events.find((e) => e.kind === 'fax')
    if (fax)
      return decide('fax', fax.tone === 'cng' ? 'fax calling tone' : 'answer tone', { tone: fax })
    const sit = events.find((e) => e.kind === 'sit')
    if (sit) return decide('sit', 'special information tone', { tone: sit })

    if (voice) {
      if (runMs === 0) runStartMs = startMs
      runMs += CPA_FRAME_MS
    } else {
      runMs = 0
    }

    if (phase === 'listening') {
      if (runMs >= params.minimumValidSpeech) {
        onsetMs = runStartMs
        lastVoiceEndMs = endMs
        if (!params.amdEnabled) return decide('live', 'valid speech (AMD off)')
        phase = 'speech'
        return checkLength(endMs)
      }
      if (endMs >= params.maxTimeAnalysis)
        return decide('deadAir', 'no valid speech or tone within maxTimeAnalysis')
      return null
    }
    // phase === 'speech': a beep straight after the speech is a machine's, however short the speech.
    const beep = events.find((e) => e.kind === 'beep')
    if (beep)
      return decide('machine', 'speech then beep', {
        tone: beep,
        ...(params.terminatingToneDetect ? { beepAtMs: beep.startMs } : {}),
      })
    if (voice) {
      lastVoiceEndMs = endMs
      return checkLength(endMs)
    }
    // While a tone sounds, wait for it to end: it may be the beep. One that goes on is a machine's.
    const toneSince = tones.soundingSinceMs
    if (toneSince !== null) {
      if (endMs - toneSince < TONE_AFTER_SPEECH_MS_MAX) return null
      return decide('machine', 'speech then a long steady tone', {
        ...(params.terminatingToneDetect ? { beepAtMs: toneSince } : {}),
      })
    }
    if (endMs - lastVoiceEndMs >= params.minSilencePeriod)
      return decide('live', 'short greeting then minSilencePeriod of silence')
    return null
  }

  function checkLength(endMs: number): CpaOutcome | null {
    if (endMs - onsetMs! > params.analysisPeriod)
      return machine('speech longer than analysisPeriod')
    return null
  }

  return {
    push(pcm) {
      if (outcome) return null
      if (pcm.length !== CPA_FRAME_SAMPLES)
        throw new MediaFormatError(
          'frame',
          `frame ${frame}`,
          `${pcm.length} samples; the analyzer takes ${CPA_FRAME_SAMPLES} (${CPA_FRAME_MS} ms at 8 kHz)`,
        )
      return step(pcm)
    },
    finish() {
      if (outcome) return outcome
      if (!params.cpaEnabled) return decide('live', 'CPA off: every answer is live')
      if (phase === 'awaitBeep') return decide('machine', 'greeting; audio ended before a beep')
      if (phase === 'speech') {
        if (lastVoiceEndMs - onsetMs! > params.analysisPeriod)
          return decide('machine', 'audio ended; speech longer than analysisPeriod')
        return decide('live', 'audio ended after a short greeting')
      }
      return decide('deadAir', 'audio ended before valid speech or a tone')
    },
  }
}
