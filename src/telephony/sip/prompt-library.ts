// The prompts a SIP call plays (issue 14): WAV files in the prompts directory, one per prompt id
// (`<promptId>.wav`, any rate, channel count and PCM/µ-law/A-law encoding; converted once to 8 kHz
// mono by src/media). At first start the directory gets the default abandon information message
// (R5.5) — a short tone sequence made in code — when no WAV of that name is there; the zip tone is
// made in code. A missing or bad file is logged with its reason (MediaFormatError names the chunk
// and fault) and the caller plays silence instead, so the call still goes on.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ABANDON_MESSAGE_PROMPT_DEFAULT } from '../../dialer/from-config.ts'
import type { PlayRequest } from '../../dialer/ports/telephony.ts'
import { encodeG711 } from '../../media/g711.ts'
import { MediaFormatError } from '../../media/media-error.ts'
import { createPromptPlayer, promptPcmFromWav } from '../../media/prompt.ts'
import { beep, concatPcm, SAMPLE_RATE_HZ, silence, zipTone } from '../../media/tone-gen.ts'
import { WAV_BYTES_MAX, writeWav } from '../../media/wav.ts'
import type { SipLog } from './endpoint.ts'
import { PACKET_MS, type RtpSession } from './rtp.ts'

/** Seconds of silence played for a prompt that cannot be played (missing or bad WAV) when the
 * engine gives no duration. */
export const SIP_PROMPT_SEC = 5
/** A prompt id names a file: letters, digits, `_`, `-` and `.` only (no path). */
const PROMPT_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/
/** The zip tone's prompt id (made in code, never a file). */
export const ZIP_TONE_PROMPT_ID = 'zip-tone'

/** The default abandon message: three falling tones, a pause, three again (about 2 s). */
export function defaultAbandonMessage(): Int16Array {
  const phrase = concatPcm([
    beep(880, 300),
    silence(100),
    beep(660, 300),
    silence(100),
    beep(440, 400),
  ])
  return concatPcm([phrase, silence(400), phrase])
}

export type PromptLoad = { ok: true; pcm: Int16Array } | { ok: false; reason: string }

export class PromptLibrary {
  private readonly cache = new Map<string, { mtimeMs: number; pcm: Int16Array }>()

  constructor(
    readonly dir: string,
    private readonly log: SipLog,
  ) {}

  /** Creates the directory and writes the default abandon message when it has none. */
  ensureDefaults(): void {
    mkdirSync(this.dir, { recursive: true })
    const file = join(this.dir, `${ABANDON_MESSAGE_PROMPT_DEFAULT}.wav`)
    if (!existsSync(file)) writeFileSync(file, writeWav(defaultAbandonMessage(), SAMPLE_RATE_HZ))
  }

  /** The prompt's audio at 8 kHz mono, or why it cannot be played. */
  load(promptId: string): PromptLoad {
    if (promptId === ZIP_TONE_PROMPT_ID) return { ok: true, pcm: zipTone() }
    if (!PROMPT_ID.test(promptId))
      return { ok: false, reason: `prompt id ${JSON.stringify(promptId)} is not a file name` }
    const file = join(this.dir, `${promptId}.wav`)
    try {
      const { mtimeMs, size } = statSync(file)
      if (size > WAV_BYTES_MAX)
        return { ok: false, reason: `${file} is ${size} bytes; WAV_BYTES_MAX is ${WAV_BYTES_MAX}` }
      const cached = this.cache.get(promptId)
      if (cached && cached.mtimeMs === mtimeMs) return { ok: true, pcm: cached.pcm }
      const pcm = promptPcmFromWav(readFileSync(file))
      this.cache.set(promptId, { mtimeMs, pcm })
      return { ok: true, pcm }
    } catch (error) {
      if (error instanceof MediaFormatError)
        return { ok: false, reason: `${file}: ${error.message}` }
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return { ok: false, reason: `${file} does not exist` }
      this.log.warn('prompt file unreadable', { promptId, error: String(error) })
      return { ok: false, reason: `${file}: ${String(error)}` }
    }
  }
}

/** Plays a prompt on a call at 20 ms pacing, then `done`: a message once; music looped until its
 * `durationSec` (the flow's PlayMusic cap), or once through when it has none — the flow waits for
 * `playDone` either way, so nothing loops forever. A
 * prompt that cannot be played is logged and played as silence, and `done` still comes. Without a
 * library only the zip tone exists. */
export function playPrompt(
  rtp: RtpSession,
  prompts: PromptLibrary | null,
  request: PlayRequest,
  log: SipLog,
  done: () => void,
): void {
  const { callId, promptId, music, durationSec } = request
  const load: PromptLoad = prompts
    ? prompts.load(promptId)
    : promptId === ZIP_TONE_PROMPT_ID
      ? { ok: true, pcm: zipTone() }
      : { ok: false, reason: `no prompts directory for ${promptId}` }
  let pcm: Int16Array
  if (load.ok) pcm = load.pcm
  else {
    log.warn('prompt not played: silence instead', { callId, promptId, reason: load.reason })
    pcm = new Int16Array(Math.round((durationSec ?? SIP_PROMPT_SEC) * SAMPLE_RATE_HZ))
  }
  const player = createPromptPlayer(pcm, { loop: music && load.ok && durationSec !== undefined })
  const framesMax =
    music && durationSec !== undefined ? Math.ceil((durationSec * 1000) / PACKET_MS) : Infinity
  let sent = 0
  rtp.playFrames(() => {
    if (sent >= framesMax) return null
    const frame = player.next()
    if (!frame) return null
    sent += 1
    return encodeG711(frame, rtp.codec)
  }, done)
}
