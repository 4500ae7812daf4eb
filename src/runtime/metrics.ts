// The dialer's Prometheus gauges and counters (prom-client), which the runtime updates: lines in
// flight, closed attempts by outcome, agents by state, the abandon rate of the compliance window.
// They are registered on the server's one registry, served by the API at /metrics.
import { Counter, Gauge, type Registry } from 'prom-client'

export interface DialerMetrics {
  dialerLines: Gauge<'tenant' | 'campaign'>
  dialerAttempts: Counter<'tenant' | 'campaign' | 'outcome'>
  dialerAgents: Gauge<'tenant' | 'state'>
  dialerAbandonRate: Gauge<'tenant' | 'campaign'>
}

export function createDialerMetrics(registry: Registry): DialerMetrics {
  return {
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
