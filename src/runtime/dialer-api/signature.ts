// The result webhook's signature (docs/dialer-api.md): HMAC-SHA256 over the raw request body,
// keyed with the connector's password (R4.1: the secret both sides already share), sent as
// `X-Outdial-Signature: sha256=<hex>`. The body carries `sentAt` (also in `X-Outdial-Timestamp`,
// epoch seconds), so the signed bytes date the delivery and a receiver can refuse replays.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-outdial-signature'
export const TIMESTAMP_HEADER = 'x-outdial-timestamp'
const PREFIX = 'sha256='

export function signBody(body: string, key: string): string {
  return PREFIX + createHmac('sha256', key).update(body, 'utf8').digest('hex')
}

/** What a campaign manager runs on every delivery (constant-time comparison). */
export function verifySignature(body: string, header: string | undefined, key: string): boolean {
  if (header === undefined || !header.startsWith(PREFIX)) return false
  const expected = Buffer.from(signBody(body, key), 'utf8')
  const given = Buffer.from(header, 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}
