// `outdial serve` (`npm start`): the engine on the real clock with the demo tenant, and a small
// HTTP surface (/healthz, /v1/status) until the full API and web app land (issue 5).
import { createServer } from 'node:http'
import { z } from 'zod'
import { startDemo } from './demo.ts'
import { CLOCK_SPEED_MAX, RealClock } from './real-clock.ts'

export const STATUS_LOG_INTERVAL_MS = 10_000

export const serveOptionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  host: z.string().default('127.0.0.1'),
  speed: z.coerce.number().positive().max(CLOCK_SPEED_MAX).default(1),
})
export type ServeOptions = z.infer<typeof serveOptionsSchema>

export async function serve(
  options: ServeOptions,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const clock = new RealClock(options.speed)
  const demo = startDemo(clock)
  const server = createServer((request, response) => {
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    }
    if (request.method !== 'GET')
      return send(405, {
        error: 'method_not_allowed',
        message: 'only GET is served here',
        details: [],
      })
    if (request.url === '/healthz') return send(200, { status: 'ok' })
    if (request.url === '/v1/status') return send(200, demo.status())
    send(404, { error: 'not_found', message: `no route ${request.url}`, details: [] })
  })
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  log(`outdial: demo tenant running on the simulated telephony network (clock ×${options.speed})`)
  log(`outdial: status at http://${options.host}:${port}/v1/status, health at /healthz`)
  const timer = setInterval(() => {
    const status = demo.status()
    const agents = Object.entries(status.agents)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')
    const campaigns = status.campaigns
      .map(
        (c) =>
          `${c.id}: ${c.linesInFlight} lines, ${c.outcomes.LIVE_VOICE} connects, abandon ${c.abandonRateWindowPct} %`,
      )
      .join(' | ')
    log(`${status.nowIso} agents: ${agents} | ${campaigns}`)
  }, STATUS_LOG_INTERVAL_MS)
  return async () => {
    clearInterval(timer)
    clock.stopAll()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
