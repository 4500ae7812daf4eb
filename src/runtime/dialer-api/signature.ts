// The result webhook's signature (docs/dialer-api.md): HMAC-SHA256 over the raw request body,
// keyed with the connector's password (R4.1: the secret both sides already share), sent as
// `X-Outdial-Signature: sha256=<hex>`. The body carries `sentAt` (also in `X-Outdial-Timestamp`,
// epoch seconds), so the signed bytes date the delivery and a receiver can refuse replays.
import { createHmac } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-outdial-signature'
export const TIMESTAMP_HEADER = 'x-outdial-timestamp'
const PREFIX = 'sha256='

export function signBody(body: string, key: string): string {
  return PREFIX + createHmac('sha256', key).update(body, 'utf8').digest('hex')
}
