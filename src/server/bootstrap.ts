// First start (issue 5 "The server"): when the database has no user, create the demo tenant, the
// user `admin` (password from OUTDIAL_ADMIN_PASSWORD, else generated and printed once) and the
// demo configuration. Later starts change nothing.
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { CONFIG_KINDS } from '../api/resources/config-kinds.ts'
import { importContacts } from '../import/import-contacts.ts'
import { importMappingSchema } from '../import/mapping.ts'
import type { SqlAccounts } from '../store/sql/accounts.ts'
import type { SqlContactLists } from '../store/sql/contacts.ts'
import type { SqlConfigDocuments, SqlDncLists } from '../store/sql/documents.ts'
import {
  DEMO_TENANT_ID,
  DEMO_TENANT_NAME,
  demoContactsCsv,
  demoTenantObjects,
} from './seed/demo-tenant.ts'

export const ADMIN_USERNAME = 'admin'

export interface FirstStart {
  created: boolean
  /** The generated password, to print once; null when it came from the environment. */
  generatedPassword: string | null
}

/** The demo's generated customers, loaded through the same import as an administrator's file. */
async function seedDemoContacts(
  lists: SqlContactLists,
  dnc: SqlDncLists,
  nowMs: number,
): Promise<void> {
  const mapping = importMappingSchema.parse({
    numbers: ['phone'],
    externalId: 'id',
    variables: {
      firstName: 'firstName',
      lastName: 'lastName',
      plan: 'plan',
      accountNumber: 'accountNumber',
    },
  })
  for (const [index, campaignId] of ['renewals', 'winback'].entries()) {
    const list = await lists.create(
      DEMO_TENANT_ID,
      { campaignId, name: 'Demo customers', mapping },
      nowMs,
    )
    await lists.beginImport(DEMO_TENANT_ID, list.id)
    const sink = lists.sinkFor(
      DEMO_TENANT_ID,
      list,
      dnc,
      async () => [],
      () => nowMs,
    )
    const result = await importContacts(
      Readable.from([Buffer.from(demoContactsCsv(index))]),
      'csv',
      mapping,
      sink,
      {
        campaignId,
        onIssue: () => {},
      },
    )
    if (!result.committed) throw new Error(`demo contacts: ${result.error}`)
    await lists.finishImport(DEMO_TENANT_ID, list.id, true, { ...result.counts })
  }
}

export async function bootstrapFirstStart(
  accounts: SqlAccounts,
  config: SqlConfigDocuments,
  options: { adminPassword?: string; demo: boolean; lists: SqlContactLists; dnc: SqlDncLists },
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
    await seedDemoContacts(options.lists, options.dnc, nowMs)
  }
  // The admin is created last: a start interrupted before this point seeds again next time.
  await accounts.createUser(
    DEMO_TENANT_ID,
    { username: ADMIN_USERNAME, password, role: 'admin', agentId: null },
    nowMs,
  )
  return { created: true, generatedPassword }
}
