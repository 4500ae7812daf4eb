import { describe, expect, it } from 'vitest'
import { connectorSchema, connectorView } from './connector.ts'

const valid = {
  id: 'cm',
  name: 'Campaign manager',
  resourceDomain: 'https://cm.example.test',
  username: 'dialer',
  password: 's3cret',
  validationUrl: 'https://cm.example.test/health',
}

describe('connector (R4.1)', () => {
  it('accepts a basic-auth connector and defaults its type', () => {
    const parsed = connectorSchema.parse(valid)
    expect(parsed.type).toBe('CampaignManagerCredential')
  })

  it('refuses a relative or non-http URL, naming the field', () => {
    const result = connectorSchema.safeParse({ ...valid, validationUrl: 'ftp://x/y' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['validationUrl'])
    const relative = connectorSchema.safeParse({ ...valid, resourceDomain: '/cm' })
    expect(relative.error?.issues[0]?.path).toEqual(['resourceDomain'])
  })

  it('keeps the validation URL on the resource domain’s origin (issue 16)', () => {
    for (const validationUrl of [
      'https://elsewhere.example.test/health',
      'http://cm.example.test/health',
      'https://cm.example.test:8443/health',
      'https://cm.example.test.evil.test/health',
    ]) {
      const result = connectorSchema.safeParse({ ...valid, validationUrl })
      expect(result.success, validationUrl).toBe(false)
      expect(result.error?.issues[0]?.path).toEqual(['validationUrl'])
    }
    expect(
      connectorSchema.safeParse({ ...valid, validationUrl: 'https://cm.example.test:443/x?y=1' })
        .success,
    ).toBe(true)
  })

  it('never shows the password in its view', () => {
    const view = connectorView(connectorSchema.parse(valid), true)
    expect(view).not.toHaveProperty('password')
    expect(view.passwordSet).toBe(true)
    expect(JSON.stringify(view)).not.toContain('s3cret')
  })
})
