// A one-line progress bar for long simulator runs. The simulator itself must not read wall time
// (it gets time only through its Clock), so the caller passes in a wall-clock reader; the bar
// uses it only to throttle redraws, and nothing it writes feeds back into the run.

import { invariant } from '../domain/invariant.ts'

/** Bar width in characters: fits an 80-column terminal with the figures after it. */
export const PROGRESS_BAR_WIDTH_CHARS = 30
/** Default minimum wall time between redraws: often enough to look live, cheap to write. */
export const PROGRESS_THROTTLE_MS_DEFAULT = 200

export interface ProgressOptions {
  /** Simulated time the run will cover, in ms. */
  totalMs: number
  write: (text: string) => void
  enabled: boolean
  /** Wall-clock reader, in ms (e.g. `() => performance.now()` in the CLI). */
  readWallMs: () => number
  throttleMs?: number
}

export interface Progress {
  /** Reports simulated ms done so far; redraws at most once per throttle interval. */
  update(doneMs: number): void
  /** Draws the final 100 % line and ends it with a newline. Later calls do nothing. */
  finish(): void
}

function formatSimTime(ms: number): string {
  const totalSec = Math.floor(ms / 1000)
  const hours = Math.floor(totalSec / 3600)
  const minutes = Math.floor((totalSec % 3600) / 60)
  const seconds = totalSec % 60
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${hours}:${pad(minutes)}:${pad(seconds)}`
}

/** The bar's text for `doneMs` of `totalMs`, starting with a carriage return to redraw in place. */
export function renderProgress(doneMs: number, totalMs: number): string {
  const fraction = totalMs > 0 ? Math.min(Math.max(doneMs / totalMs, 0), 1) : 1
  const filled = Math.round(fraction * PROGRESS_BAR_WIDTH_CHARS)
  const bar = '#'.repeat(filled) + '.'.repeat(PROGRESS_BAR_WIDTH_CHARS - filled)
  const percent = (fraction * 100).toFixed(1).padStart(5)
  return `\r[${bar}] ${percent}% ${formatSimTime(doneMs)} / ${formatSimTime(totalMs)} simulated`
}

export function createProgress(options: ProgressOptions): Progress {
  const { totalMs, write, enabled, readWallMs } = options
  const throttleMs = options.throttleMs ?? PROGRESS_THROTTLE_MS_DEFAULT
  invariant(totalMs >= 0, 'progress totalMs must be ≥ 0')
  invariant(throttleMs >= 0, 'progress throttleMs must be ≥ 0')
  let lastWallMs = Number.NEGATIVE_INFINITY
  let lastText = ''
  let finished = false

  const draw = (doneMs: number) => {
    const text = renderProgress(Math.min(doneMs, totalMs), totalMs)
    if (text === lastText) return
    lastText = text
    write(text)
  }

  return {
    update(doneMs: number): void {
      if (!enabled || finished) return
      const wallMs = readWallMs()
      if (wallMs - lastWallMs < throttleMs) return
      lastWallMs = wallMs
      draw(doneMs)
    },
    finish(): void {
      if (!enabled || finished) return
      finished = true
      draw(totalMs)
      write('\n')
    },
  }
}
