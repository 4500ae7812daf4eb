// Live state over WebSocket (R9.2, issue 5): `GET /v1/live` upgrades to a WebSocket that first
// sends a snapshot of the tenant (agents by state, campaigns with lines, abandon and dial rates)
// and then every change. An agent receives only their own agent's messages and the figures of the
// campaigns they serve (issue 16; the runtime filters, runtime/live-feed.ts), and the customer's
// data of their own calls, which nobody else receives (runtime/agent-data). Authentication is
// the same as every route (session cookie from the browser, or `Authorization: Bearer`).
import type {} from '@fastify/websocket'
import type { FastifyInstance } from 'fastify'
import type { LiveFeed, LiveMessage, LiveViewer } from '../../runtime/control.ts'
import { principalOf } from '../auth.ts'

/** Messages a slow client may fall behind by before it is disconnected (bounded memory). */
export const LIVE_BUFFERED_BYTES_MAX = 1024 * 1024

export function registerLiveRoute(app: FastifyInstance, feed: LiveFeed): void {
  app.get(
    '/v1/live',
    {
      websocket: true,
      config: { roles: ['admin', 'supervisor', 'agent'] },
      schema: {
        tags: ['live'],
        summary:
          'WebSocket: a snapshot, then agent states, campaign figures, attempts and preview offers as they happen; staff also get pacing decisions and chart points',
        description:
          "An agent's connection also receives the customer's data of the agent's own calls: `agentPopover` (reservation popover), `agentPreview` (preview offer with its record) and `agentInteraction` (interaction panel and call guide on connect), each shaped as in `GET /v1/agents/{id}/desk`. Sensitive values arrive masked; no other connection receives them.",
      },
    },
    (socket, request) => {
      const principal = principalOf(request)
      // An agent user without an agent sees no agent's messages (the id matches none).
      const viewer: LiveViewer = {
        agentId: principal.role === 'agent' ? (principal.agentId ?? '') : null,
      }
      const send = (message: LiveMessage): void => {
        if (socket.bufferedAmount > LIVE_BUFFERED_BYTES_MAX) {
          socket.close(1013, 'too far behind; reconnect for a fresh snapshot')
          return
        }
        socket.send(JSON.stringify(message))
      }
      socket.send(JSON.stringify(feed.snapshot(principal.tenantId, viewer)))
      const unsubscribe = feed.subscribe(principal.tenantId, viewer, send)
      socket.on('close', unsubscribe)
      socket.on('error', unsubscribe)
    },
  )
}
