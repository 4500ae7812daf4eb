// A tenant's API with its running dialer, as an agent's desktop meets it: SQLite in memory, the
// configuration written through the API as an administrator would, the engine on a virtual clock,
// a scripted phone network the test plays (who answers, when), and WebSocket clients of /v1/live.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildOutdialApi } from '../../src/api/assemble.ts'
import type { DialRequest } from '../../src/dialer/ports/telephony.ts'
import { VirtualClock } from '../../src/dialer/ports/virtual-clock.ts'
import type { Contact } from '../../src/domain/contact.ts'
import { DialerService } from '../../src/runtime/dialer-service.ts'
import { TenantRuntime } from '../../src/runtime/tenant-runtime.ts'
import { runFor, runUntil, settle } from '../../src/runtime/test-kit.ts'
import { type OpenedDb, openDb } from '../../src/store/sql/open.ts'
import { SecretBox } from '../../src/store/sql/secrets.ts'
import { SqlStore } from '../../src/store/sql/store.ts'
import type { Network, TelephonyHost } from '../../src/telephony/network.ts'

export const PASSWORD = 'correct horse battery'
/** Monday 2026-03-02 15:00 UTC. */
export const START_MS = Date.parse('2026-03-02T15:00:00Z')

/** A network that dials nothing by itself: the test says who answers. */
export class ScriptedNetwork implements Network {
  readonly dials: DialRequest[] = []
  host: TelephonyHost | null = null
  dial(request: DialRequest): void {
    this.dials.push(request)
  }
  hangup(): void {}
  bridge(): void {}
  play(): void {}
  startVirtualAgent(): void {}
  callAgent(): void {}
  releaseAgent(): void {}
  /** The customer answers and CPA (when asked for) hears a live voice. */
  live(callId: string): void {
    this.host!.emit({ kind: 'answered', callId })
    const dial = this.dials.find((d) => d.callId === callId)
    if (dial?.cpaEnabled) this.host!.emit({ kind: 'cpa', callId, decision: 'live' })
  }
  customerHangsUp(callId: string): void {
    this.host!.emit({ kind: 'customerHangup', callId })
  }
  noAnswer(callId: string): void {
    this.host!.emit({ kind: 'failed', callId, reason: 'busy' })
  }
}

/** A WebSocket client of /v1/live that keeps every message. */
export interface LiveClient {
  messages: Record<string, unknown>[]
  ofType(type: string): Record<string, unknown>[]
  close(): void
}

export interface DialerHarness {
  app: FastifyInstance
  clock: VirtualClock
  network: ScriptedNetwork
  runtime: TenantRuntime
  call(
    user: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>
  /** Posts configuration as admin1; fails the test on anything but 201. */
  configure(path: string, body: unknown): Promise<void>
  addContacts(contacts: Omit<Contact, 'campaignId'>[], campaignId: string): Promise<void>
  /** Starts the tenant's dialer on what is configured now. */
  startDialer(): Promise<void>
  live(user: string): Promise<LiveClient>
  act(agentId: string, action: string): Promise<LightMyRequestResponse>
  runFor(ms: number): Promise<void>
  runUntil(done: () => boolean, maxMs?: number): Promise<void>
  close(): Promise<void>
}

const USERS = [
  ['admin1', 'admin', null],
  ['super1', 'supervisor', null],
  ['agent1', 'agent', 'agent-1'],
  ['agent2', 'agent', 'agent-2'],
] as const

export async function openDialerHarness(): Promise<DialerHarness> {
  const db: OpenedDb = await openDb({ sqliteFile: ':memory:' })
  const clock = new VirtualClock(START_MS)
  const nowMs = () => clock.nowMs()
  const secrets = new SecretBox('test-secret-key-material')
  const store = new SqlStore(db, secrets)
  await store.accounts.ensureTenant('t1', 'Tenant one', nowMs())
  for (const [username, role, agentId] of USERS)
    await store
      .forTenant('t1')
      .users.createUser({ username, password: PASSWORD, role, agentId }, nowMs())
  const service = new DialerService()
  const app = await buildOutdialApi({
    credentials: store.accounts,
    stores: (tenantId) => store.forTenant(tenantId),
    nowMs,
    secrets,
    dialer: service,
    agents: service,
    agentData: service,
    live: service,
    onConfigChange: (tenantId) => void service.get(tenantId)?.reload(),
    logLevel: 'silent',
  })
  const tokens: Record<string, string> = {}
  for (const [username] of USERS) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      payload: { username, password: PASSWORD },
    })
    tokens[username] = response.json().token
  }
  const network = new ScriptedNetwork()
  const sockets: { close(): void }[] = []
  let runtime: TenantRuntime | null = null
  const call: DialerHarness['call'] = (user, method, url, body) =>
    app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body as object }),
      headers: { authorization: `Bearer ${tokens[user]}` },
    })
  const harness: DialerHarness = {
    app,
    clock,
    network,
    get runtime() {
      if (!runtime) throw new Error('startDialer() first')
      return runtime
    },
    call,
    async configure(path, body) {
      const response = await call('admin1', 'POST', path, body)
      if (response.statusCode !== 201)
        throw new Error(`POST ${path}: ${response.statusCode} ${response.body}`)
    },
    async addContacts(contacts, campaignId) {
      await db.db
        .insertInto('contacts')
        .values(
          contacts.map((c) => ({
            tenant_id: 't1',
            id: c.id,
            campaign_id: campaignId,
            list_id: 'list-1',
            dedup_key: c.id,
            numbers: JSON.stringify(c.numbers),
            time_zone: c.timeZone ?? null,
            caller_id: c.callerId ?? null,
            fields: JSON.stringify(c.fields),
            status: 'pending',
            not_before: 0,
            lease_owner: null,
            lease_until: null,
            disposition: null,
            updated_at: 0,
          })),
        )
        .execute()
    },
    async startDialer() {
      runtime = await TenantRuntime.start({
        tenantId: 't1',
        clock,
        owner: 'node-test',
        ports: store.forTenant('t1').runtime,
        telephony: (host) => {
          network.host = host
          return network
        },
      })
      service.add(runtime)
    },
    async live(user) {
      const socket = await app.injectWS('/v1/live', {
        headers: { authorization: `Bearer ${tokens[user]}` },
      })
      sockets.push(socket)
      const messages: Record<string, unknown>[] = []
      socket.on('message', (data) => messages.push(JSON.parse(String(data))))
      return {
        messages,
        ofType: (type) => messages.filter((m) => m.type === type),
        close: () => socket.close(),
      }
    },
    act: (agentId, action) => call('admin1', 'POST', `/v1/agents/${agentId}/state`, { action }),
    runFor: (ms) => runFor(clock, ms),
    runUntil: (done, maxMs = 60_000) => runUntil(clock, done, maxMs),
    async close() {
      for (const socket of sockets) socket.close()
      await settle()
      await runtime?.close()
      await app.close()
      await db.close()
    },
  }
  return harness
}
