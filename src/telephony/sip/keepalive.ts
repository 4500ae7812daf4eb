// OPTIONS keep-alive to a trunk (issue 14), over the trunk's transport (UDP or TCP, where it also
// reopens a closed connection): one OPTIONS every interval; any final response means
// the trunk is up (even 404 or 405: it answered), timer F means it is down. The state is read by
// /v1/status and /metrics.
import type { Clock, TimerId } from '../../dialer/ports/clock.ts'
import { randomToken, type SipEndpoint, type SipPeer } from './endpoint.ts'

/** Seconds between OPTIONS pings to a trunk. */
export const SIP_KEEPALIVE_SEC = 30

export type TrunkState = 'unknown' | 'up' | 'down'

export interface TrunkHealth {
  state: TrunkState
  /** When the last OPTIONS was answered or given up (clock ms), null before the first. */
  checkedAtMs: number | null
  /** Round trip of the last answered OPTIONS, in ms. */
  rttMs: number | null
}

export class TrunkKeepAlive {
  readonly health: TrunkHealth = { state: 'unknown', checkedAtMs: null, rttMs: null }
  private timer: TimerId | null = null
  private stopped = false

  constructor(
    private readonly endpoint: SipEndpoint,
    private readonly trunk: SipPeer,
    private readonly domain: string,
    private readonly clock: Clock,
    private readonly intervalSec = SIP_KEEPALIVE_SEC,
  ) {}

  /** Starts pinging; an interval of 0 turns the keep-alive off (the state stays unknown). */
  start(): void {
    if (this.intervalSec > 0) this.ping()
  }

  private ping(): void {
    if (this.stopped) return
    const sentAtMs = this.clock.nowMs()
    const uri = `sip:${this.domain}:${this.trunk.port}`
    this.endpoint.request(
      {
        kind: 'request',
        method: 'OPTIONS',
        uri,
        headers: [
          ['via', this.endpoint.via(this.endpoint.newBranch(), this.trunk.transport)],
          ['max-forwards', '70'],
          ['from', `<sip:outdial@${this.endpoint.address.host}>;tag=${randomToken()}`],
          ['to', `<${uri}>`],
          ['call-id', `${randomToken(12)}@outdial`],
          ['cseq', '1 OPTIONS'],
        ],
        body: '',
      },
      this.trunk,
      {
        onResponse: (response) => {
          if (response.status < 200) return
          this.settle('up', this.clock.nowMs() - sentAtMs)
        },
        onTimeout: () => this.settle('down', null),
      },
    )
  }

  private settle(state: TrunkState, rttMs: number | null): void {
    this.health.state = state
    this.health.checkedAtMs = this.clock.nowMs()
    this.health.rttMs = rttMs
    if (this.stopped) return
    this.timer = this.clock.setTimerAt(this.clock.nowMs() + this.intervalSec * 1000, () =>
      this.ping(),
    )
  }

  stop(): void {
    this.stopped = true
    if (this.timer !== null) this.clock.cancelTimer(this.timer)
    this.timer = null
  }
}
