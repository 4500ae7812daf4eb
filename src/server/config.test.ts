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
})
