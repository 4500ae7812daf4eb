// Goal (issue 14, R5.5): the prompt library gives a call its prompt's audio at 8 kHz mono from
// `<promptId>.wav`; at first start it writes the default abandon message (a tone sequence) when
// none is there, and keeps an operator's own file; the zip tone is made in code; a missing file,
// a bad WAV and an id that is not a file name are refused with their reason, never thrown.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ABANDON_MESSAGE_PROMPT_DEFAULT } from '../../dialer/from-config.ts'
import { sine, zipTone } from '../../media/tone-gen.ts'
import { writeWav } from '../../media/wav.ts'
import { defaultAbandonMessage, PromptLibrary, ZIP_TONE_PROMPT_ID } from './prompt-library.ts'

const dir = mkdtempSync(join(tmpdir(), 'outdial-prompts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const warnings: string[] = []
const log = { warn: (message: string) => void warnings.push(message) }

describe('PromptLibrary', () => {
  it('writes the default abandon message once and plays it; an own file is kept', () => {
    const library = new PromptLibrary(join(dir, 'p1'), log)
    library.ensureDefaults()
    const file = join(dir, 'p1', `${ABANDON_MESSAGE_PROMPT_DEFAULT}.wav`)
    const loaded = library.load(ABANDON_MESSAGE_PROMPT_DEFAULT)
    expect(loaded).toEqual({ ok: true, pcm: defaultAbandonMessage() })
    writeFileSync(
      file,
      writeWav(sine({ hz: 300, ms: 500, amplitude: 4000, sampleRate: 16000 }), 16000),
    )
    library.ensureDefaults()
    const own = library.load(ABANDON_MESSAGE_PROMPT_DEFAULT)
    expect(own.ok && own.pcm.length).toBe(4000)
    expect(readFileSync(file).length).toBeGreaterThan(16000)
  })

  it('the zip tone is built in; missing, bad and path-like ids are refused with a reason', () => {
    const library = new PromptLibrary(join(dir, 'p2'), log)
    library.ensureDefaults()
    expect(library.load(ZIP_TONE_PROMPT_ID)).toEqual({ ok: true, pcm: zipTone() })
    writeFileSync(join(dir, 'p2', 'bad.wav'), 'RIFF nonsense')
    const bad = library.load('bad')
    expect(!bad.ok && bad.reason).toMatch(/bad\.wav: wav /)
    const missing = library.load('nowhere')
    expect(!missing.ok && missing.reason).toMatch(/nowhere\.wav does not exist/)
    const sneaky = library.load('../secret')
    expect(!sneaky.ok && sneaky.reason).toMatch(/not a file name/)
    expect(warnings).toEqual([])
  })
})
