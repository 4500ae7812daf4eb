// Secrets at rest (R4.1: connector passwords): AES-256-GCM with a key derived (scrypt) from
// OUTDIAL_SECRET_KEY, or from a random key kept in `<dataDir>/secret.key` (mode 0600) when the
// variable is not set. Stored as `v1:<iv>:<tag>:<ciphertext>`, base64url.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const SECRET_KEY_FILE = 'secret.key'
const SALT = 'outdial-secrets-v1'

export class SecretBox {
  private derived: Buffer | undefined

  constructor(private readonly material: string) {}

  /** Derived on first use, not at construction: scrypt costs ~0.1 s of a server start. */
  private get key(): Buffer {
    this.derived ??= scryptSync(this.material, SALT, 32)
    return this.derived
  }

  /** The key from the environment, else the data directory's key file (created on first use). */
  static fromConfig(secretKey: string | undefined, dataDir: string): SecretBox {
    if (secretKey) return new SecretBox(secretKey)
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    const file = join(dataDir, SECRET_KEY_FILE)
    if (!existsSync(file)) {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
      chmodSync(file, 0o600)
    }
    return new SecretBox(readFileSync(file, 'utf8').trim())
  }

  seal(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return ['v1', iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join(':')
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':')
    if (version !== 'v1' || !iv || !tag || data === undefined)
      throw new Error('not a sealed secret')
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8')
  }
}
