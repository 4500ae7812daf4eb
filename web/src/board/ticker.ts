// One shared one-second tick for every "time in state" cell: a cell subscribes while it is shown
// (the agents table renders only the rows in view), so a tick renders those cells and nothing else.
import { useSyncExternalStore } from 'react'

const TICK_MS = 1000
const listeners = new Set<() => void>()
let timer: ReturnType<typeof setInterval> | undefined
let nowMs = Date.now()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  if (timer === undefined)
    timer = setInterval(() => {
      nowMs = Date.now()
      for (const each of listeners) each()
    }, TICK_MS)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

/** The browser's clock, moving once a second while anything shows it. */
export function useTickMs(): number {
  return useSyncExternalStore(subscribe, () => nowMs)
}

/** "1:02:03" or "2:03": a duration in seconds. */
export function formatDuration(totalSec: number): string {
  const sec = Math.max(0, Math.floor(totalSec))
  const h = Math.floor(sec / 3600)
  const m = Math.floor((sec % 3600) / 60)
  const s = String(sec % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
