import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SECRET_KEY_FILE, SecretBox } from './secrets.ts'

describe('secrets at rest (R4.1)', () => {
  it('round-trips, never stores the clear text, and refuses a wrong key or a tampered value', () => {
    const box = new SecretBox('a-secret-key-of-some-length')
    const sealed = box.seal('p4ssw0rd')
    expect(sealed).not.toContain('p4ssw0rd')
    expect(box.open(sealed)).toBe('p4ssw0rd')
    expect(box.seal('p4ssw0rd')).not.toBe(sealed)
    expect(() => new SecretBox('another-key-entirely').open(sealed)).toThrow()
    const parts = sealed.split(':')
    parts[3] = Buffer.from('tampered').toString('base64url')
    expect(() => box.open(parts.join(':'))).toThrow()
  })

  it('keeps a generated key in the data directory, readable only by its owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outdial-secret-'))
    try {
      const sealed = SecretBox.fromConfig(undefined, dir).seal('x')
      expect(SecretBox.fromConfig(undefined, dir).open(sealed)).toBe('x')
      expect(statSync(join(dir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
