// Goal: the progress bar redraws only when the injected wall clock says the throttle interval
// has passed, draws nothing when disabled, and always ends with one complete 100 % line.
import { describe, expect, it } from 'vitest'
import { createProgress, PROGRESS_BAR_WIDTH_CHARS, renderProgress } from './progress.ts'

const HOUR_MS = 3_600_000

function harness(enabled = true) {
  const writes: string[] = []
  let wallMs = 0
  const progress = createProgress({
    totalMs: 8 * HOUR_MS,
    write: (text) => writes.push(text),
    enabled,
    readWallMs: () => wallMs,
    throttleMs: 100,
  })
  return { writes, progress, setWallMs: (ms: number) => (wallMs = ms) }
}

describe('renderProgress', () => {
  it('draws a fixed-width bar with percent and simulated time', () => {
    expect(renderProgress(2 * HOUR_MS, 8 * HOUR_MS)).toBe(
      `\r[${'#'.repeat(8)}${'.'.repeat(22)}]  25.0% 2:00:00 / 8:00:00 simulated`,
    )
    const full = renderProgress(9 * HOUR_MS, 8 * HOUR_MS)
    expect(full).toContain(`[${'#'.repeat(PROGRESS_BAR_WIDTH_CHARS)}] 100.0%`)
    expect(renderProgress(0, 0)).toContain('100.0%')
  })
})

describe('createProgress', () => {
  it('throttles redraws by the injected wall clock', () => {
    const { writes, progress, setWallMs } = harness()
    progress.update(HOUR_MS)
    setWallMs(50)
    progress.update(2 * HOUR_MS) // too soon: skipped
    setWallMs(150)
    progress.update(3 * HOUR_MS)
    expect(writes).toHaveLength(2)
    expect(writes[0]).toContain('1:00:00 / 8:00:00')
    expect(writes[1]).toContain('3:00:00 / 8:00:00')
  })

  it('does not rewrite an unchanged line', () => {
    const { writes, progress, setWallMs } = harness()
    progress.update(HOUR_MS)
    setWallMs(500)
    progress.update(HOUR_MS)
    expect(writes).toHaveLength(1)
  })

  it('finishes once with a full bar and a newline', () => {
    const { writes, progress } = harness()
    progress.update(HOUR_MS)
    progress.finish()
    progress.finish()
    progress.update(2 * HOUR_MS)
    expect(writes.slice(1)).toEqual([renderProgress(8 * HOUR_MS, 8 * HOUR_MS), '\n'])
  })

  it('writes nothing when disabled', () => {
    const { writes, progress } = harness(false)
    progress.update(HOUR_MS)
    progress.finish()
    expect(writes).toEqual([])
  })
})
