// Goal (R5.2, docs/design.md "Durability"): a process that dies while an agent wraps up a campaign
// call does not lose the retry rules' decision. The call ends, the agent is in wrap-up, the runtime
// is dropped without a shutdown; a new runtime on the same SQLite database, started after the
// lease ran out, dials the customer again only when the retry rules said — never, with the
// default rule (a live call is not retried).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { memoryPorts } from '../../test/support/memory/memory-ports.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import type { RuntimePorts } from '../store/ports/dialer-store.ts'
import { SqlAccounts } from '../store/sql/accounts.ts'
import { SqlDialerStore } from '../store/sql/dialer-store.ts'
import { type OpenedDb, openDb } from '../store/sql/open.ts'
import { CONTACT_LEASE_MS } from './lease-keeper.ts'
import { TenantRuntime } from './tenant-runtime.ts'
import {
  collectingLog,
  KIT_SIMULATION,
  KIT_START_MS,
  kitAgentIds,
  kitContacts,
  kitTenant,
  runFor,
  runUntil,
} from './test-kit.ts'

const MINUTE_MS = 60_000
const TENANT = 't1'
const LIVE_RETRY_MIN = 60

const opened: OpenedDb[] = []
const dirs: string[] = []

afterEach(async () => {
  for (const db of opened.splice(0)) await db.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** One process's view of the tenant: its own connection to the shared database file. */
async function connect(file: string, shared: RuntimePorts): Promise<RuntimePorts> {
  const db = await openDb({ sqliteFile: file })
  opened.push(db)
  const store = new SqlDialerStore(db.db, TENANT, db.dialect)
  return { ...shared, contacts: store, attempts: store }
}

async function database(retry?: Record<string, unknown>, agents = 1) {
  const dir = mkdtempSync(join(tmpdir(), 'outdial-wrapup-'))
  dirs.push(dir)
  const file = join(dir, 'outdial.sqlite')
  const db = await openDb({ sqliteFile: file })
  opened.push(db)
  await new SqlAccounts(db.db).ensureTenant(TENANT, 'wrap-up crash', 0)
  await db.db
    .insertInto('contacts')
    .values(
      kitContacts('camp-1', 5).map((c) => ({
        tenant_id: TENANT,
        id: c.id,
        campaign_id: c.campaignId,
        list_id: 'list-1',
        dedup_key: c.id,
        numbers: JSON.stringify(c.numbers),
        time_zone: c.timeZone ?? null,
        caller_id: null,
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
  // Configuration and campaign states outlive the process too (memory stands in for their tables).
  const shared = memoryPorts(
    kitTenant({
      agents,
      campaigns: [
        {
          id: 'camp-1',
          pacing: { mode: 'progressive', dialingRate: 1 },
          ...(retry ? { retry } : {}),
        },
      ],
    }),
  )
  const row = (contactId: string) =>
    db.db
      .selectFrom('contacts')
      .select(['status', 'disposition', 'not_before', 'lease_owner'])
      .where('tenant_id', '=', TENANT)
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow()
  const linesOf = (contactId: string) =>
    db.db
      .selectFrom('attempts')
      .select(['opened_at', 'agent_id'])
      .where('tenant_id', '=', TENANT)
      .where('contact_id', '=', contactId)
      .execute()
  const dialsOf = async (contactId: string) => (await linesOf(contactId)).map((a) => a.opened_at)
  return { file, shared, row, dialsOf, linesOf }
}

/**
 * Process A: a desktop agent talks to a customer and hangs up; A dies while they wrap up, or
 * right after `endWrapUp` when it is given.
 */
async function talkThenCrash(
  file: string,
  shared: RuntimePorts,
  endWrapUp?: (desk: TenantRuntime['desk']) => unknown,
) {
  const clock = new VirtualClock(KIT_START_MS)
  const runtime = await TenantRuntime.start({
    tenantId: TENANT,
    clock,
    ports: await connect(file, shared),
    owner: 'node-a',
    simulation: KIT_SIMULATION,
    simulatedAgents: [],
    log: collectingLog(),
  })
  const desk = runtime.desk
  await runtime.campaignAction('camp-1', 'start')
  desk.login('agent-1')
  desk.available('agent-1')
  await runUntil(clock, () => desk.state('agent-1')?.kind === 'Reserved', MINUTE_MS)
  desk.answerReservation('agent-1')
  await runUntil(clock, () => desk.state('agent-1')?.kind === 'Engaged', 60 * MINUTE_MS)
  await runFor(clock, 20_000)
  expect(desk.hangup('agent-1')).toEqual({ kind: 'ok' })
  const endedAtMs = clock.nowMs()
  const pending = runtime.engine.ctx.agents.get('agent-1')!.wrapUp!
  expect(pending).not.toBeNull()
  // The agent keeps wrapping up for a while (lease renewals included); then the process dies.
  await runFor(clock, 45_000, 1000)
  expect(desk.state('agent-1')?.kind).toBe('WrapUp')
  if (endWrapUp) {
    expect(endWrapUp(desk)).toMatchObject({ kind: 'ok' })
    await runtime.writes.drained()
  }
  return { contactId: pending.progress.contact.id, endedAtMs, crashedAtMs: clock.nowMs() }
}

/** Process B: a new start on the same database once A's leases ran out; its agent is simulated. */
async function restart(
  file: string,
  shared: RuntimePorts,
  crashedAtMs: number,
  simulatedAgents = ['agent-1'],
) {
  const clock = new VirtualClock(crashedAtMs + CONTACT_LEASE_MS + 1_000)
  const runtime = await TenantRuntime.start({
    tenantId: TENANT,
    clock,
    ports: await connect(file, shared),
    owner: 'node-b',
    simulation: KIT_SIMULATION,
    simulatedAgents,
    log: collectingLog(),
  })
  expect(runtime.campaign('camp-1')?.status).toBe('running')
  return { clock, runtime }
}

describe('a crash during a wrap-up (R5.2)', () => {
  it('with the default rule a live call is not retried (success): the contact is never dialled again', async () => {
    const { file, shared, row, dialsOf } = await database()
    const { contactId, crashedAtMs } = await talkThenCrash(file, shared)
    // The fallback was written when the call ended: finished, though A still holds the lease.
    expect(await row(contactId)).toMatchObject({
      status: 'done',
      disposition: 'success',
      lease_owner: 'node-a',
    })
    const { clock, runtime } = await restart(file, shared, crashedAtMs)
    await runFor(clock, 30 * MINUTE_MS, 1000)
    expect(runtime.figures('camp-1')!.outcomes.LIVE_VOICE ?? 0).toBeGreaterThan(0)
    expect((await dialsOf(contactId)).filter((atMs) => atMs > crashedAtMs)).toEqual([])
    expect(await row(contactId)).toMatchObject({ status: 'done', disposition: 'success' })
  })

  it('with a retry rule the contact is due only at the retry time, then dialled', async () => {
    const retry = {
      perOutcome: { LIVE_VOICE: { retry: true, delayMin: LIVE_RETRY_MIN, maxAttempts: 3 } },
    }
    const { file, shared, row, dialsOf } = await database(retry)
    const { contactId, endedAtMs, crashedAtMs } = await talkThenCrash(file, shared)
    const retryAtMs = endedAtMs + LIVE_RETRY_MIN * MINUTE_MS
    expect(await row(contactId)).toMatchObject({
      status: 'pending',
      not_before: retryAtMs,
      lease_owner: 'node-a',
    })
    const { clock } = await restart(file, shared, crashedAtMs)
    await runFor(clock, retryAtMs + 5 * MINUTE_MS - clock.nowMs(), 1000)
    const after = (await dialsOf(contactId)).filter((atMs) => atMs > crashedAtMs)
    expect(after.length).toBeGreaterThan(0)
    for (const atMs of after) expect(atMs).toBeGreaterThanOrEqual(retryAtMs)
  })

  it('an agent callback given before the crash is still held for its agent after the restart', async () => {
    const { file, shared, row, linesOf } = await database(undefined, 4)
    // 11:00 in New York on the kit's day (UTC-5): an hour after the campaign started.
    const callbackAtMs = Date.parse('2026-03-02T16:00:00Z')
    const { contactId, crashedAtMs } = await talkThenCrash(file, shared, (desk) =>
      desk.endWrapUp('agent-1', 'CALL_BACK', { localTime: '2026-03-02T11:00:00', for: 'agent' }),
    )
    expect(await row(contactId)).toMatchObject({ status: 'pending', not_before: callbackAtMs })
    // B: agents 2–4 dial; agent-1 is logged in at the desktop but on a break.
    const { clock, runtime } = await restart(file, shared, crashedAtMs, kitAgentIds(4).slice(1))
    const desk = runtime.desk
    expect(desk.login('agent-1')).toMatchObject({ kind: 'ok', state: { kind: 'Idle' } })
    await runFor(clock, callbackAtMs + 5 * MINUTE_MS - clock.nowMs(), 1000)
    // Due, but held for agent-1: no other agent got it.
    const lines = async () =>
      (await linesOf(contactId)).filter((line) => line.opened_at > crashedAtMs)
    expect(await lines()).toEqual([])
    expect(runtime.figures('camp-1')!.outcomes.LIVE_VOICE ?? 0).toBeGreaterThan(0)
    // Back from the break, agent-1 is reserved for it and gets it as their line.
    const backAtMs = clock.nowMs()
    desk.available('agent-1')
    await runUntil(clock, () => desk.state('agent-1')?.kind === 'Reserved', MINUTE_MS)
    desk.answerReservation('agent-1')
    await runFor(clock, MINUTE_MS)
    const [line] = await lines()
    expect(line).toMatchObject({ agent_id: 'agent-1' })
    expect(line!.opened_at).toBeGreaterThanOrEqual(backAtMs)
  })
})
