// Goal: a prompt plays as consecutive 20 ms frames — once (padded at the end) or looped without a
// gap for music on hold — from PCM or from any supported WAV file, and a bad file is a typed error.
import { describe, expect, it } from 'vitest'
import { MediaFormatError } from './media-error.ts'
import { createPromptPlayer, promptPcmFromWav } from './prompt.ts'
import { sine, zipTone } from './tone-gen.ts'
import { writeWav } from './wav.ts'

function drain(player: ReturnType<typeof createPromptPlayer>, max = 1000): Int16Array[] {
  const out: Int16Array[] = []
  for (let frame = player.next(); frame && out.length < max; frame = player.next()) out.push(frame)
  return out
}

describe('prompt player', () => {
  it('plays the zip tone once, in 160-sample frames, the last padded with silence', () => {
    const zip = zipTone()
    const player = createPromptPlayer(zip)
    expect(player.durationMs).toBe(250)
    const frames = drain(player)
    expect(frames).toHaveLength(Math.ceil(zip.length / 160))
    expect(frames.every((f) => f.length === 160)).toBe(true)
    expect(
      frames
        .at(-1)!
        .subarray(zip.length % 160)
        .every((s) => s === 0),
    ).toBe(true)
    expect(player.done).toBe(true)
    expect(player.next()).toBeNull()
  })

  it('music on hold loops without a gap', () => {
    const music = Int16Array.from({ length: 100 }, (_, i) => i + 1)
    const player = createPromptPlayer(music, { loop: true })
    const frames = drain(player, 10)
    expect(frames).toHaveLength(10)
    const joined = frames.flatMap((f) => [...f])
    expect(joined.every((s, i) => s === (i % 100) + 1)).toBe(true)
    expect(player.done).toBe(false)
  })

  it('plays a 16 kHz WAV file as 8 kHz frames; a bad file is a MediaFormatError', () => {
    const wav = writeWav(sine({ hz: 440, ms: 100, amplitude: 5000, sampleRate: 16_000 }), 16_000)
    expect(drain(createPromptPlayer(promptPcmFromWav(wav)))).toHaveLength(5)
    expect(() => promptPcmFromWav(new Uint8Array(20))).toThrow(MediaFormatError)
  })
})
