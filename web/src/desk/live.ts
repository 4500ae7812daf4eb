// The desktop's live feed: `/v1/live` over a WebSocket (the session cookie authenticates it).
// Each message about this agent refreshes the desk's queries; the connection comes back by
// itself after a drop.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'

const AGENT_MESSAGES = new Set([
  'agentState',
  'agentPopover',
  'agentPreview',
  'agentInteraction',
  'previewOffer',
  'attempt',
])
const RECONNECT_MS = 2000

export function useLiveDesk(agentId: string): boolean {
  const queryClient = useQueryClient()
  const [connected, setConnected] = useState(false)
  useEffect(() => {
    let socket: WebSocket | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    let closed = false
    const connect = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
      socket = new WebSocket(`${scheme}://${window.location.host}/v1/live`)
      socket.onopen = () => setConnected(true)
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as { type: string; agentId?: string | null }
        if (!AGENT_MESSAGES.has(message.type)) return
        if (message.agentId !== undefined && message.agentId !== agentId) return
        void queryClient.invalidateQueries({ queryKey: ['agent', agentId] })
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
      socket?.close()
    }
  }, [agentId, queryClient])
  return connected
}
