// The SIP trunk as a resource (issue 14): one per tenant, admins only; the digest password is
// sealed at rest the connector's way and never returned (the view says whether one is set). The
// tenant's running dialer picks a change up on its configuration reload.
import type { z } from 'zod'
import { type SipTrunk, sipTrunkSchema, sipTrunkView } from '../../domain/config/sip-trunk.ts'
import type { ConfigDocument } from '../../store/ports/documents.ts'
import type { ErrorDetail } from '../errors.ts'
import type { ConfigResourceSpec } from './config-resource.ts'
import type { SecretSealer } from './connector-kind.ts'

type StoredTrunk = Omit<SipTrunk, 'password'> & { passwordSealed?: string }

export function sipTrunkResource(box: SecretSealer): ConfigResourceSpec<typeof sipTrunkSchema> {
  return {
    kind: 'sip-trunk',
    path: '/v1/sip-trunks',
    tag: 'sip-trunks',
    noun: 'SIP trunk',
    schema: sipTrunkSchema,
    readRoles: ['admin'],
    writeRoles: ['admin'],
    check: async (_trunk, tenant, id): Promise<ErrorDetail[]> => {
      const others = (await tenant.all('sip-trunk')).filter((c) => c.id !== id)
      return others.length > 0
        ? [{ path: 'id', message: `a tenant has one SIP trunk; '${others[0]!.id}' exists` }]
        : []
    },
    beforeSave: async (trunk: z.output<typeof sipTrunkSchema>, previous: ConfigDocument | null) => {
      const { password, ...rest } = trunk
      const before = previous?.body as StoredTrunk | undefined
      // The stored password stays only while the user name does: a new user needs its password.
      const kept =
        before?.passwordSealed !== undefined && before.username === trunk.username
          ? before.passwordSealed
          : undefined
      const sealed = password !== undefined ? box.seal(password) : kept
      const stored: StoredTrunk = {
        ...rest,
        ...(sealed !== undefined ? { passwordSealed: sealed } : {}),
      }
      return stored
    },
    view: (_body, stored) => {
      const { passwordSealed, ...rest } = stored.body as StoredTrunk
      return sipTrunkView(rest as SipTrunk, passwordSealed !== undefined)
    },
  }
}
