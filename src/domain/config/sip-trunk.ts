// A SIP trunk (issue 14): where a tenant's real calls go. One per tenant (like the connector);
// the digest password is write-only, sealed at rest and never returned. Caller-ID rules: when the
// trunk allows only some caller IDs (prefixes), a dial whose caller ID is outside them is sent with
// the trunk's default instead (R6: in From and P-Asserted-Identity).
import { z } from 'zod'
import { e164FieldSchema } from '../phone.ts'
import { boundedInt, boundedString, idSchema, nameSchema } from './schema-kit.ts'

export const SIP_TRUNK_HOST_LENGTH_MAX = 253
export const SIP_TRUNK_USERNAME_LENGTH_MAX = 128
export const SIP_TRUNK_PASSWORD_LENGTH_MAX = 256
/** Calls one trunk may carry at once: Outdial's own bound (the RTP port range must hold them). */
export const SIP_TRUNK_CALLS_MAX = 1000
export const SIP_TRUNK_CALLS_DEFAULT = 30
/** Seconds between OPTIONS keep-alives; 0 turns them off (trunks that refuse OPTIONS). */
export const SIP_KEEPALIVE_SEC_MAX = 3600
export const SIP_KEEPALIVE_SEC_DEFAULT = 30
/** Caller-ID prefixes a trunk may list. */
export const SIP_CALLER_ID_PREFIXES_MAX = 100
export const SIP_PORT_DEFAULT = 5060

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

export const sipTrunkSchema = z
  .strictObject({
    id: idSchema('id'),
    name: nameSchema('name'),
    host: boundedString('host', SIP_TRUNK_HOST_LENGTH_MAX, 'an IP address or host name').regex(
      HOST,
      'host must be an IPv4 address or a host name',
    ),
    port: boundedInt({
      field: 'port',
      min: 1,
      max: 65_535,
      unit: '',
      why: 'a UDP or TCP port',
    }).default(SIP_PORT_DEFAULT),
    /** SIP over UDP, or over TCP (one connection to host:port, RFC 3261 §18). */
    transport: z.enum(['udp', 'tcp'], { error: 'transport must be "udp" or "tcp"' }).default('udp'),
    /** Host part of the From and request URIs; the trunk's host when absent. */
    domain: boundedString('domain', SIP_TRUNK_HOST_LENGTH_MAX, 'a SIP domain')
      .regex(HOST, 'domain must be a host name')
      .optional(),
    username: boundedString(
      'username',
      SIP_TRUNK_USERNAME_LENGTH_MAX,
      'digest user name',
    ).optional(),
    /** Write-only; absent on update keeps the stored one. */
    password: boundedString(
      'password',
      SIP_TRUNK_PASSWORD_LENGTH_MAX,
      'digest password',
    ).optional(),
    maxConcurrentCalls: boundedInt({
      field: 'maxConcurrentCalls',
      min: 1,
      max: SIP_TRUNK_CALLS_MAX,
      unit: 'calls',
      why: "Outdial's bound on one trunk",
    }).default(SIP_TRUNK_CALLS_DEFAULT),
    keepAliveSec: boundedInt({
      field: 'keepAliveSec',
      min: 0,
      max: SIP_KEEPALIVE_SEC_MAX,
      unit: 's',
      why: 'OPTIONS keep-alive interval; 0 is off',
    }).default(SIP_KEEPALIVE_SEC_DEFAULT),
    /** Caller IDs the trunk accepts, by prefix; empty accepts any. */
    allowedCallerIdPrefixes: z
      .array(z.string().regex(/^\+\d{1,15}$/, 'a caller-ID prefix is + and 1–15 digits'))
      .max(SIP_CALLER_ID_PREFIXES_MAX, `at most ${SIP_CALLER_ID_PREFIXES_MAX} prefixes`)
      .default([]),
    /** Sent instead of a caller ID the prefixes do not allow. */
    defaultCallerId: e164FieldSchema('defaultCallerId').optional(),
  })
  .superRefine((trunk, ctx) => {
    if (trunk.allowedCallerIdPrefixes.length > 0 && trunk.defaultCallerId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['defaultCallerId'],
        message: 'defaultCallerId is required when allowedCallerIdPrefixes limits the caller IDs',
      })
    if (
      trunk.defaultCallerId !== undefined &&
      trunk.allowedCallerIdPrefixes.length > 0 &&
      !trunk.allowedCallerIdPrefixes.some((p) => trunk.defaultCallerId!.startsWith(p))
    )
      ctx.addIssue({
        code: 'custom',
        path: ['defaultCallerId'],
        message: 'defaultCallerId must itself match one of allowedCallerIdPrefixes',
      })
    if (trunk.password !== undefined && trunk.username === undefined)
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'a password needs its username' })
  })
export type SipTrunk = z.output<typeof sipTrunkSchema>

/** The trunk as the API shows it: the password replaced by whether one is set. */
export type SipTrunkView = Omit<SipTrunk, 'password'> & { passwordSet: boolean }

export function sipTrunkView(trunk: SipTrunk, passwordSet: boolean): SipTrunkView {
  const { password: _secret, ...rest } = trunk
  return { ...rest, passwordSet }
}

/** The caller ID a trunk sends for `callerId` (its rules applied). */
export function trunkCallerId(
  trunk: Pick<SipTrunk, 'allowedCallerIdPrefixes' | 'defaultCallerId'>,
  callerId: string,
): string {
  const prefixes = trunk.allowedCallerIdPrefixes
  if (prefixes.length === 0 || prefixes.some((p) => callerId.startsWith(p))) return callerId
  return trunk.defaultCallerId ?? callerId
}
