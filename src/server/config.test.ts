// The server's options (issue 5 contract): flags win over the environment, defaults match the
// contract, and a bad value names the flag, its variable and the reason.
import { describe, expect, it } from 'vitest'
import { loadServerConfig } from './config.ts'

describe('server configuration', () => {
  it('has the contract defaults', () => {
    const result = loadServerConfig([], {})
    expect(result).toMatchObject({
      ok: true,
      config: { port: 8080, dataDir: './data', logLevel: 'info', demo: true },
    })
  })

  it('reads the environment and lets flags win', () => {
    const env = {
      PORT: '9000',
      OUTDIAL_DATA_DIR: '/var/lib/outdial',
      DATABASE_URL: 'postgres://u@h/db',
      OUTDIAL_ADMIN_PASSWORD: 'a-long-password',
    }
    const result = loadServerConfig(['--port', '9100'], env)
    expect(result).toMatchObject({
      ok: true,
      config: {
        port: 9100,
        dataDir: '/var/lib/outdial',
        databaseUrl: 'postgres://u@h/db',
        adminPassword: 'a-long-password',
      },
    })
    expect(loadServerConfig(['--no-demo'], {})).toMatchObject({ ok: true, config: { demo: false } })
  })

  it('names the flag and the variable of a bad value', () => {
    const port = loadServerConfig([], { PORT: 'eighty' })
    expect(port.ok).toBe(false)
    expect(!port.ok && port.message).toMatch(/^--port \(PORT\): /)
    const url = loadServerConfig(['--database-url', 'mysql://x'], {})
    expect(!url.ok && url.message).toMatch(/--database-url \(DATABASE_URL\): .*postgres/)
    expect(loadServerConfig(['--bogus'], {}).ok).toBe(false)
  })

  it('reads the SIP options (issue 14): real calls need speed 1 and a non-empty RTP range', () => {
    const sip = loadServerConfig(
      ['--telephony', 'sip', '--sip-host', '10.0.0.5', '--sip-port', '5070'],
      { OUTDIAL_RTP_PORT_MIN: '30000', OUTDIAL_RTP_PORT_MAX: '30999' },
    )
    expect(sip).toMatchObject({
      ok: true,
      config: {
        telephony: 'sip',
        sipHost: '10.0.0.5',
        sipPort: 5070,
        rtpPortMin: 30_000,
        rtpPortMax: 30_999,
      },
    })
    const fast = loadServerConfig(['--telephony', 'sip', '--speed', '10'], {})
    expect(!fast.ok && fast.message).toMatch(/--speed \(OUTDIAL_CLOCK_SPEED\): .*speed 1/)
    const empty = loadServerConfig(['--rtp-port-min', '30000', '--rtp-port-max', '30000'], {})
    expect(!empty.ok && empty.message).toMatch(/--rtp-port-min \(OUTDIAL_RTP_PORT_MIN\): .*empty/)
    const host = loadServerConfig(['--sip-host', 'example.com'], {})
    expect(!host.ok && host.message).toMatch(/--sip-host \(OUTDIAL_SIP_HOST\): .*IPv4/)
  })

  it('reads token and session lifetimes and the trusted proxies (issue 16), refusing a default over the maximum', () => {
    expect(
      loadServerConfig(['--token-ttl', '600', '--session-ttl', '1800'], {
        OUTDIAL_TOKEN_TTL_MAX_SEC: '3600',
        OUTDIAL_TRUST_PROXY: '10.0.0.0/8,::1',
      }),
    ).toMatchObject({
      ok: true,
      config: {
        tokenTtlSec: 600,
        tokenTtlMaxSec: 3600,
        sessionTtlSec: 1800,
        trustProxy: '10.0.0.0/8,::1',
      },
    })
    const over = loadServerConfig(['--token-ttl', '7200', '--token-ttl-max', '3600'], {})
    expect(!over.ok && over.message).toMatch(/^--token-ttl \(OUTDIAL_TOKEN_TTL_SEC\): .*longest/)
    const proxy = loadServerConfig(['--trust-proxy', 'everyone'], {})
    expect(!proxy.ok && proxy.message).toMatch(/--trust-proxy/)
  })
})
