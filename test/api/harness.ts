// The API as integrators see it, on a real database (SQLite in memory, or a fresh PostgreSQL
// database): two tenants, users of every role, and helpers to call it with a bearer token.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildOutdialApi, type OutdialApiParts } from '../../src/api/assemble.ts'
import { VirtualClock } from '../../src/dialer/ports/virtual-clock.ts'
import type { LiveMessage } from '../../src/runtime/control.ts'
import { DialerService } from '../../src/runtime/dialer-service.ts'
import { TenantRuntime } from '../../src/runtime/tenant-runtime.ts'
import { sqlContactsPart } from '../../src/server/contacts-part.ts'
import { type OpenedDb, openDb } from '../../src/store/sql/open.ts'
import { SecretBox } from '../../src/store/sql/secrets.ts'
import { SqlStore } from '../../src/store/sql/store.ts'
import { createTestDatabase, type TestDatabase } from './pg.ts'

export const PASSWORD = 'correct horse battery'
export type Dialect = 'sqlite' | 'postgres'

export interface Harness {
  app: FastifyInstance
  db: OpenedDb
  store: SqlStore
  nowMs: () => number
  /** Moves the API's clock forward. */
  advance(ms: number): void
  /** Bearer tokens by username: admin1, super1, agent1 (tenant t1) and admin2 (tenant t2). */
  tokens: Record<string, string>
  call(
    user: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

export interface HarnessOptions {
  /** Also serve the dialer, agent-desk and live routes: tenant t1's runtime, started on a virtual
   * clock that does not move (so it never works in the background) with the configuration the
   * tenant has at that moment (none), so those routes answer their refusals. */
  withDialer?: boolean
}

/**
 * null when the dialect's server is missing off CI (the caller skips). `parts` adds what the server
 * would run beside the stores (the dialer, the agent desktop, a configuration hook, …).
 */
export async function openHarness(
  dialect: Dialect,
  { withDialer = false, ...parts }: Partial<OutdialApiParts> & HarnessOptions = {},
): Promise<Harness | null> {
  let pgDb: TestDatabase | null = null
  if (dialect === 'postgres') {
    pgDb = await createTestDatabase()
    if (pgDb === null) return null
  }
  const db = await openDb(pgDb ? { databaseUrl: pgDb.url } : { sqliteFile: ':memory:' })
  let now = Date.UTC(2026, 10, 24, 12)
  const nowMs = () => (now += 1)
  const secrets = new SecretBox('test-secret-key-material')
  const store = new SqlStore(db, secrets)
  await store.accounts.ensureTenant('t1', 'Tenant one', nowMs())
  await store.accounts.ensureTenant('t2', 'Tenant two', nowMs())
  const users = [
    ['t1', 'admin1', 'admin', null],
    ['t1', 'super1', 'supervisor', null],
    ['t1', 'agent1', 'agent', 'agent-1'],
    ['t2', 'admin2', 'admin', null],
  ] as const
  for (const [tenantId, username, role, agentId] of users)
    await store
      .forTenant(tenantId)
      .users.createUser({ username, password: PASSWORD, role, agentId }, nowMs())
  let dialer: DialerService | null = null
  if (withDialer) {
    dialer = new DialerService()
    dialer.add(
      await TenantRuntime.start({
        tenantId: 't1',
        clock: new VirtualClock(now),
        ports: store.forTenant('t1').runtime,
        owner: 'harness',
      }),
    )
  }
  const app = await buildOutdialApi({
    credentials: store.accounts,
    stores: (tenantId) => store.forTenant(tenantId),
    nowMs,
    secrets,
    contacts: sqlContactsPart(store, nowMs, 'api-test-process'),
    logLevel: 'silent',
    ...parts,
    ...(dialer ? { dialer, agents: dialer, live: dialer } : {}),
  })
  const tokens: Record<string, string> = {}
  for (const [, username] of users) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      payload: { username, password: PASSWORD },
    })
    tokens[username] = response.json().token
  }
  return {
    app,
    db,
    store,
    nowMs,
    advance: (ms) => {
      now += ms
    },
    tokens,
    call: (user, method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        ...(body === undefined ? {} : { payload: body as string | object }),
        headers: { ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}), ...headers },
      }),
    close: async () => {
      await app.close()
      await dialer?.close()
      await db.close()
      await pgDb?.drop()
    },
  }
}

/** A user's `/v1/live` WebSocket on the harness's app, with every message it receives. */
export async function listenLive(t: Harness, user: string) {
  const messages: LiveMessage[] = []
  const socket = await t.app.injectWS(
    '/v1/live',
    { headers: { authorization: `Bearer ${t.tokens[user]}` } },
    {
      onInit: (ws) =>
        ws.on('message', (data) => messages.push(JSON.parse(String(data)) as LiveMessage)),
    },
  )
  return { socket, messages }
}
