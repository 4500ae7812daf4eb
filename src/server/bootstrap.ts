// First start (issue 5 "The server"): when the database has no user, create the demo tenant, the
// user `admin` (password from OUTDIAL_ADMIN_PASSWORD, else generated and printed once) and the
// demo configuration. Later starts change nothing.
import { randomBytes } from 'node:crypto'
import { CONFIG_KINDS } from './api/resources/config-kinds.ts'
import type { SqlAccounts } from './db/accounts.ts'
import type { SqlConfigDocuments } from './db/documents.ts'
import { DEMO_TENANT_ID, DEMO_TENANT_NAME, demoTenantObjects } from './seed/demo-tenant.ts'

export const ADMIN_USERNAME = 'admin'

export interface FirstStart {
  created: boolean
  /** The generated password, to print once; null when it came from the environment. */
  generatedPassword: string | null
}

export async function bootstrapFirstStart(
  accounts: SqlAccounts,
  config: SqlConfigDocuments,
  options: { adminPassword?: string; demo: boolean },
  nowMs: number,
): Promise<FirstStart> {
  if ((await accounts.userCount()) > 0) return { created: false, generatedPassword: null }
  const generatedPassword = options.adminPassword ? null : randomBytes(12).toString('base64url')
  const password = options.adminPassword ?? generatedPassword!
  await accounts.ensureTenant(DEMO_TENANT_ID, DEMO_TENANT_NAME, nowMs)
  if (options.demo) {
    for (const object of demoTenantObjects()) {
      const spec = CONFIG_KINDS.find((k) => k.kind === object.kind)
      if (!spec) throw new Error(`demo seed: unknown kind ${object.kind}`)
      const body = spec.schema.parse(object.body) as Record<string, unknown>
      const id = String(spec.idOf ? spec.idOf(body) : body.id)
      const name = typeof body.name === 'string' ? body.name : id
      await config.create(DEMO_TENANT_ID, object.kind, { id, name, body }, nowMs)
    }
  }
  // The admin is created last: a start interrupted before this point seeds again next time.
  await accounts.createUser(
    DEMO_TENANT_ID,
    { username: ADMIN_USERNAME, password, role: 'admin', agentId: null },
    nowMs,
  )
  return { created: true, generatedPassword }
}
