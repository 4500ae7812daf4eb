// The board's live feed: GET /v1/board once (and again after every reconnect), then `/v1/live`
// messages applied in batches, one batch per animation frame, so a busy minute of 500 agents
// renders once a frame and not once a message. Each batch's render (React's render and commit,
// forced synchronous with flushSync) is timed as the performance measure `board-batch`, which
// the browser test reads (docs/benchmarks.md).
import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { client } from '../api.ts'
import { applyBatch, type BoardMessage, type BoardState, boardState } from './state.ts'

const RECONNECT_MS = 2000
const BOARD_MESSAGES = new Set(['agentState', 'campaign', 'pacing', 'series'])
/** Messages waiting for the next frame (a bound: a hidden tab gets no frames). */
export const PENDING_MESSAGES_MAX = 20_000
/** `board-batch` measures kept in the browser's performance timeline. */
const BATCH_MEASURES_MAX = 500
export const BATCH_MEASURE = 'board-batch'

export interface BoardLive {
  state: BoardState | null
  connected: boolean
  error: Error | null
  reload(): void
}

export function useBoardLive(): BoardLive {
  const board = useQuery({ queryKey: ['board'], queryFn: () => client.get('/v1/board') })
  const [state, setState] = useState<BoardState | null>(null)
  const [connected, setConnected] = useState(false)
  const pending = useRef<BoardMessage[]>([])
  const frame = useRef<number | null>(null)

  useEffect(() => {
    const data = board.data
    if (!data) return
    // A fresh read keeps what only the feed tells: the newest decisions and chart points.
    setState((previous) => ({
      ...boardState(data, Date.now()),
      decisions: previous?.decisions ?? {},
      livePoints: previous?.livePoints ?? {},
    }))
  }, [board.data])

  const { refetch } = board
  useEffect(() => {
    let socket: WebSocket | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    let closed = false
    const flush = () => {
      frame.current = null
      const batch = pending.current
      pending.current = []
      const startMs = performance.now()
      flushSync(() => setState((s) => (s ? applyBatch(s, batch, Date.now()) : s)))
      performance.measure(BATCH_MEASURE, { start: startMs, end: performance.now() })
      if (performance.getEntriesByName(BATCH_MEASURE).length > BATCH_MEASURES_MAX)
        performance.clearMeasures(BATCH_MEASURE)
    }
    const connect = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
      socket = new WebSocket(`${scheme}://${window.location.host}/v1/live`)
      socket.onopen = () => {
        setConnected(true)
        void refetch()
      }
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as BoardMessage
        if (!BOARD_MESSAGES.has(message.type)) return
        if (pending.current.length >= PENDING_MESSAGES_MAX) pending.current.shift()
        pending.current.push(message)
        frame.current ??= requestAnimationFrame(flush)
      }
      socket.onclose = () => {
        setConnected(false)
        if (!closed) timer = setTimeout(connect, RECONNECT_MS)
      }
    }
    connect()
    return () => {
      closed = true
      clearTimeout(timer)
      if (frame.current !== null) cancelAnimationFrame(frame.current)
      socket?.close()
    }
  }, [refetch])

  return {
    state,
    connected,
    error: board.error,
    reload: () => void refetch(),
  }
}
