// Live state over WebSocket (R9.2, issue 5): `GET /v1/live` upgrades to a WebSocket that first
// sends a snapshot of the tenant (agents by state, campaigns with lines, abandon and dial rates)
// and then every change. An agent receives only their own agent's messages, and only that agent
// receives the customer's data of their calls (agentPopover, agentPreview, agentInteraction:
// src/runtime/agent-data/messages.ts); supervisors and administrators never do. Authentication is
// the same as every route (session cookie from the browser, or `Authorization: Bearer`).
import type {} from '@fastify/websocket'
import type { FastifyInstance } from 'fastify'
import { isAgentDataMessage } from '../../runtime/agent-data/messages.ts'
import type { LiveFeed, LiveMessage } from '../../runtime/control.ts'
import { principalOf } from '../auth.ts'

/** Messages a slow client may fall behind by before it is disconnected (bounded memory). */
export const LIVE_BUFFERED_BYTES_MAX = 1024 * 1024

function visibleTo(agentId: string | null, message: LiveMessage): boolean {
  // A customer's data goes to the agent the contact is for, and to nobody else (R7.3).
  if (isAgentDataMessage(message)) return agentId !== null && message.agentId === agentId
  if (agentId === null) return true
  if (message.type === 'agentState' || message.type === 'previewOffer')
    return message.agentId === agentId
  if (message.type === 'attempt') return message.agentId === agentId
  return message.type === 'campaign'
}

export function registerLiveRoute(app: FastifyInstance, feed: LiveFeed): void {
  app.get(
    '/v1/live',
    {
      websocket: true,
      config: { roles: ['admin', 'supervisor', 'agent'] },
      schema: {
        tags: ['live'],
        summary:
          'WebSocket: a snapshot, then agent states, campaign figures, attempts and preview offers as they happen',
        description:
          "An agent's connection also receives the customer's data of the agent's own calls: `agentPopover` (reservation popover), `agentPreview` (preview offer with its record) and `agentInteraction` (interaction panel and call guide on connect), each shaped as in `GET /v1/agents/{id}/desk`. Sensitive values arrive masked; no other connection receives them.",
      },
    },
    (socket, request) => {
      const principal = principalOf(request)
      const agentId = principal.role === 'agent' ? principal.agentId : null
      const send = (message: LiveMessage): void => {
        if (!visibleTo(agentId, message)) return
        if (socket.bufferedAmount > LIVE_BUFFERED_BYTES_MAX) {
          socket.close(1013, 'too far behind; reconnect for a fresh snapshot')
          return
        }
        socket.send(JSON.stringify(message))
      }
      const snapshot = feed.snapshot(principal.tenantId)
      socket.send(JSON.stringify(agentId === null ? snapshot : { ...snapshot, data: { agentId } }))
      const unsubscribe = feed.subscribe(principal.tenantId, send)
      socket.on('close', unsubscribe)
      socket.on('error', unsubscribe)
    },
  )
}
