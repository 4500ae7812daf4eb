// First start (issue 5 "The server"): when the database has no user, create the demo tenant, the
// user `admin` (password from OUTDIAL_ADMIN_PASSWORD, else generated and printed once) and the
// demo configuration, with a user for each desk agent (DEMO_DESK_AGENTS; password from
// OUTDIAL_DEMO_AGENT_PASSWORD, else generated and printed once). Later starts change nothing.
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { CONFIG_KINDS } from '../api/resources/config-kinds.ts'
import { importMappingSchema } from '../import/mapping.ts'
import type { ContactImport } from '../import/service.ts'
import type { ContactLists } from '../store/ports/contact-lists.ts'
import type { SqlStore } from '../store/sql/store.ts'
import {
  DEMO_CAMPAIGNS,
  DEMO_DESK_AGENTS,
  DEMO_DNC_SEED_NUMBER,
  DEMO_INTERNAL_DNC_LIST,
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
  /** The demo agents' generated password, to print once; null when set or without the demo. */
  generatedAgentPassword: string | null
}

/** The demo tenant's contact lists and the import service its customers are loaded through. */
export interface DemoContacts {
  lists: Pick<ContactLists, 'create'>
  imports: ContactImport
}

/** The demo's generated customers, loaded through the same import as an administrator's file. */
async function seedDemoContacts(contacts: DemoContacts, nowMs: number): Promise<void> {
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
  for (const [index, campaignId] of DEMO_CAMPAIGNS.entries()) {
    const list = await contacts.lists.create({ campaignId, name: 'Demo customers', mapping }, nowMs)
    const outcome = await contacts.imports.importList({
      tenantId: DEMO_TENANT_ID,
      list,
      input: Readable.from([Buffer.from(demoContactsCsv(index))]),
      format: 'csv',
      issuesReturnedMax: 0,
    })
    if (outcome.kind !== 'finished') throw new Error(`demo contacts: the list ${list.id} is taken`)
    if (!outcome.committed) throw new Error(`demo contacts: ${outcome.error}`)
  }
}

export async function bootstrapFirstStart(
  store: SqlStore,
  options: {
    adminPassword?: string
    demoAgentPassword?: string
    demo: boolean
    imports: ContactImport
  },
  nowMs: number,
): Promise<FirstStart> {
  const { accounts } = store
  const demo = store.forTenant(DEMO_TENANT_ID)
  if ((await accounts.userCount()) > 0)
    return { created: false, generatedPassword: null, generatedAgentPassword: null }
  const generatedPassword = options.adminPassword ? null : randomBytes(12).toString('base64url')
  const password = options.adminPassword ?? generatedPassword!
  let generatedAgentPassword: string | null = null
  await accounts.ensureTenant(DEMO_TENANT_ID, DEMO_TENANT_NAME, nowMs)
  if (options.demo) {
    for (const object of demoTenantObjects()) {
      const spec = CONFIG_KINDS.find((k) => k.kind === object.kind)
      if (!spec) throw new Error(`demo seed: unknown kind ${object.kind}`)
      const body = spec.schema.parse(object.body) as Record<string, unknown>
      const id = String(spec.idOf ? spec.idOf(body) : body.id)
      const name = typeof body.name === 'string' ? body.name : id
      await demo.documents.create(object.kind, { id, name, body }, nowMs)
    }
    await seedDemoContacts({ lists: demo.contactLists, imports: options.imports }, nowMs)
    // The campaigns' internal DNC list exists, so an agent can add a customer to it (R5.4).
    await demo.dnc.add(
      {
        listName: DEMO_INTERNAL_DNC_LIST,
        phoneNumber: DEMO_DNC_SEED_NUMBER,
        source: 'demo',
        reason: 'the demo list starts with one fictional number',
      },
      nowMs,
    )
    generatedAgentPassword = options.demoAgentPassword ? null : randomBytes(9).toString('base64url')
    const agentPassword = options.demoAgentPassword ?? generatedAgentPassword!
    for (const { username, agentId } of DEMO_DESK_AGENTS)
      await demo.users.createUser(
        { username, password: agentPassword, role: 'agent', agentId },
        nowMs,
      )
  }
  // The admin is created last: a start interrupted before this point seeds again next time.
  await demo.users.createUser(
    { username: ADMIN_USERNAME, password, role: 'admin', agentId: null },
    nowMs,
  )
  return { created: true, generatedPassword, generatedAgentPassword }
}
