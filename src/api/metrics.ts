// Prometheus metrics at /metrics (prom-client): process metrics, HTTP requests by route and
// status, and the dialer's gauges and counters that the runtime updates. One registry per app so
// several servers in one test process never share counters.
import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

export interface ApiMetrics {
  registry: Registry
  httpRequests: Counter<'method' | 'route' | 'status'>
  httpDuration: Histogram<'method' | 'route'>
  dialerLines: Gauge<'tenant' | 'campaign'>
  dialerAttempts: Counter<'tenant' | 'campaign' | 'outcome'>
  dialerAgents: Gauge<'tenant' | 'state'>
  dialerAbandonRate: Gauge<'tenant' | 'campaign'>
}

export function createMetrics(): ApiMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'outdial_' })
  return {
    registry,
    httpRequests: new Counter({
      name: 'outdial_http_requests_total',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'outdial_http_request_duration_seconds',
      help: 'HTTP request duration by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    dialerLines: new Gauge({
      name: 'outdial_dialer_lines_in_flight',
      help: 'Customer lines dialling or connected, by campaign',
      labelNames: ['tenant', 'campaign'],
      registers: [registry],
    }),
    dialerAttempts: new Counter({
      name: 'outdial_dialer_attempts_total',
      help: 'Closed attempts by campaign and outcome',
      labelNames: ['tenant', 'campaign', 'outcome'],
      registers: [registry],
    }),
    dialerAgents: new Gauge({
      name: 'outdial_dialer_agents',
      help: 'Agents by state',
      labelNames: ['tenant', 'state'],
      registers: [registry],
    }),
    dialerAbandonRate: new Gauge({
      name: 'outdial_dialer_abandon_rate_window_ratio',
      help: 'Abandon rate over the compliance window (0..1), by campaign',
      labelNames: ['tenant', 'campaign'],
      registers: [registry],
    }),
  }
}

export function registerMetrics(app: FastifyInstance, metrics: ApiMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) })
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000)
  })
  app.get(
    '/metrics',
    { config: { public: true }, schema: { hide: true } },
    async (_request, reply) => {
      reply.type(metrics.registry.contentType)
      return metrics.registry.metrics()
    },
  )
}
