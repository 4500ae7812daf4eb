// Login throttling (issue 16): failed logins are counted per account (tenant and username) and per
// client address, in the database so every server process sees them. Past a few free failures each
// further one doubles the wait before the next try, up to a cap; a try during the wait is answered
// 429 with `Retry-After` and is not checked or counted. The account's cap is short, so whoever
// knows a username can delay its owner by at most a minute, never lock them out; the address's
// cap is long, so spraying one password over many usernames from one address slows to a crawl.
// An IPv6 client counts by its /64 network, which one host commonly holds whole.
import type { LoginThrottleStore } from '../store/ports/accounts.ts'

/** Failures of one account (any address) before waits begin. */
const LOGIN_FREE_FAILURES_PER_ACCOUNT = 5
/** Failures from one client address (any username) before waits begin. */
const LOGIN_FREE_FAILURES_PER_ADDRESS = 20
const LOGIN_BACKOFF_FIRST_SEC = 1
const LOGIN_BACKOFF_ACCOUNT_MAX_SEC = 60
const LOGIN_BACKOFF_ADDRESS_MAX_SEC = 900
/** A key's count starts again after this long without a failure. */
const LOGIN_FAILURES_FORGET_SEC = 3600

type GuardResult = { outcome: 'passed' | 'failed' } | { outcome: 'waiting'; retryAfterSec: number }

interface Counter {
  key: string
  free: number
  maxSec: number
}

/** The wait after the `failures`-th failure of a key: none while free, then doubling to the cap. */
function backoffSec(failures: number, free: number, maxSec: number): number {
  if (failures < free) return 0
  return Math.min(maxSec, LOGIN_BACKOFF_FIRST_SEC * 2 ** Math.min(failures - free, 30))
}

/** The counted address: IPv4 as is (also IPv4-mapped IPv6), IPv6 by its /64 prefix. */
function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped) return mapped[1]!
  if (!ip.includes(':')) return ip
  const [head = '', tail = ''] = ip.split('%')[0]!.split('::')
  const headGroups = head === '' ? [] : head.split(':')
  const tailGroups = ip.includes('::') ? (tail === '' ? [] : tail.split(':')) : []
  const missing = 8 - headGroups.length - tailGroups.length
  const groups = [...headGroups, ...Array(Math.max(0, missing)).fill('0'), ...tailGroups]
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`
}

export class LoginThrottle {
  constructor(private readonly store: LoginThrottleStore) {}

  private counters(account: string, address: string): Counter[] {
    return [
      {
        key: `account:${account}`,
        free: LOGIN_FREE_FAILURES_PER_ACCOUNT,
        maxSec: LOGIN_BACKOFF_ACCOUNT_MAX_SEC,
      },
      {
        key: `address:${addressKey(address)}`,
        free: LOGIN_FREE_FAILURES_PER_ADDRESS,
        maxSec: LOGIN_BACKOFF_ADDRESS_MAX_SEC,
      },
    ]
  }

  /**
   * Runs `attempt` (a password check: true when it succeeded) unless the account or the address
   * is waiting; counts a failure against both, and a success clears the account's count (not the
   * address's: one good account must not reset a sprayer's count).
   */
  async guard(
    account: string,
    address: string,
    nowMs: number,
    attempt: () => Promise<boolean>,
  ): Promise<GuardResult> {
    const counters = this.counters(account, address)
    const until = await this.store.blockedUntil(
      counters.map((c) => c.key),
      nowMs,
    )
    if (until > nowMs)
      return { outcome: 'waiting', retryAfterSec: Math.ceil((until - nowMs) / 1000) }
    if (await attempt()) {
      await this.store.clear(counters[0]!.key)
      return { outcome: 'passed' }
    }
    for (const counter of counters) {
      const failures = await this.store.countFailure(
        counter.key,
        nowMs,
        LOGIN_FAILURES_FORGET_SEC * 1000,
      )
      const waitSec = backoffSec(failures, counter.free, counter.maxSec)
      if (waitSec > 0) await this.store.block(counter.key, nowMs + waitSec * 1000)
    }
    return { outcome: 'failed' }
  }
}
