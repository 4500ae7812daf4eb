// R5.3 on both databases: an import's rows stay invisible until commit, duplicates of the same
// file merge (numbers unioned, later fields win), abort leaves nothing, a re-upload updates the
// campaign's customer, and DNC lookups see only the campaign's lists of the same tenant. Issue 16:
// an import whose process died (or whose claim ran out) is failed with its reason, its staged rows
// dropped, and the list takes a new upload; a live owner's import is left alone, and an import
// taken over never commits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportedContact } from '../../src/store/ports/contact-sink.ts'
import type { SqlTenantStores } from '../../src/store/sql/store.ts'
import { type Dialect, type Harness, openHarness } from './harness.ts'

const contact = (
  row: number,
  key: string,
  numbers: string[],
  fields: Record<string, string> = {},
): ImportedContact => ({
  row,
  dedupKey: key,
  contact: { id: key, campaignId: 'c1', numbers, fields },
})

const OWNER = 'process-a'
const claim = { owner: OWNER, untilMs: Number.MAX_SAFE_INTEGER }

describe.each<Dialect>(['sqlite', 'postgres'])('contact store on %s (R5.3)', (dialect) => {
  let h: Harness | null = null
  let t1: SqlTenantStores
  let t2: SqlTenantStores
  beforeAll(async () => {
    h = await openHarness(dialect)
    if (!h) return
    t1 = h.store.forTenant('t1')
    t2 = h.store.forTenant('t2')
  })
  afterAll(async () => h?.close())
  const contactsOf = (tenantId: string) =>
    h!.db.db
      .selectFrom('contacts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute()

  it('stages, merges duplicates across batches, and commits at once', async (ctx) => {
    if (!h) return ctx.skip()
    const list = await t1.contactLists.create(
      { campaignId: 'c1', name: 'L1', mapping: {} },
      h.nowMs(),
    )
    expect(await t1.contactLists.beginImport(list.id, claim)).toBe(true)
    expect(await t1.contactLists.beginImport(list.id, claim)).toBe(false)
    const sink = t1.contactLists.sinkFor(list, async () => ['internal'], h.nowMs, OWNER)
    expect(
      await sink.writeBatch([
        contact(1, 'a', ['+14155550001'], { n: '1' }),
        contact(2, 'b', ['+14155550002']),
        contact(3, 'a', ['+14155550003'], { n: '3' }),
      ]),
    ).toEqual([{ kind: 'inserted' }, { kind: 'inserted' }, { kind: 'merged', intoRow: 1 }])
    expect(await sink.writeBatch([contact(4, 'a', ['+14155550001', '+14155550004'])])).toEqual([
      { kind: 'merged', intoRow: 1 },
    ])
    expect(await contactsOf('t1')).toHaveLength(0)
    await sink.commit()
    const rows = await contactsOf('t1')
    expect(rows.map((r) => [r.dedup_key, JSON.parse(r.numbers), r.status])).toEqual([
      ['a', ['+14155550001', '+14155550003', '+14155550004'], 'pending'],
      ['b', ['+14155550002'], 'pending'],
    ])
    expect(await h.db.db.selectFrom('contact_staging').selectAll().execute()).toHaveLength(0)
    await t1.contactLists.finishImport(list.id, OWNER, true, { imported: 2 })
    expect((await t1.contactLists.get(list.id))?.status).toBe('ready')
  })

  it('abort leaves nothing behind', async (ctx) => {
    if (!h) return ctx.skip()
    const list = await t1.contactLists.create(
      { campaignId: 'c1', name: 'L2', mapping: {} },
      h.nowMs(),
    )
    const sink = t1.contactLists.sinkFor(list, async () => [], h.nowMs, OWNER)
    await sink.writeBatch([contact(1, 'z', ['+14155550009'])])
    await sink.abort()
    expect((await contactsOf('t1')).map((r) => r.dedup_key)).toEqual(['a', 'b'])
  })

  it("a later list updates the campaign's existing customer instead of duplicating it", async (ctx) => {
    if (!h) return ctx.skip()
    const list = await t1.contactLists.create(
      { campaignId: 'c1', name: 'L3', mapping: {} },
      h.nowMs(),
    )
    await t1.contactLists.beginImport(list.id, claim)
    const sink = t1.contactLists.sinkFor(list, async () => [], h.nowMs, OWNER)
    await sink.writeBatch([contact(1, 'b', ['+14155550022'], { plan: 'Plus' })])
    await sink.commit()
    await t1.contactLists.finishImport(list.id, OWNER, true, { imported: 1 })
    const b = (await contactsOf('t1')).find((r) => r.dedup_key === 'b')!
    expect(JSON.parse(b.numbers)).toEqual(['+14155550022'])
    expect(JSON.parse(b.fields)).toEqual({ plan: 'Plus' })
    expect(b.list_id).toBe(list.id)
  })

  it("looks up DNC numbers on the campaign's lists of its own tenant only", async (ctx) => {
    if (!h) return ctx.skip()
    await t1.dnc.add(
      { listName: 'internal', phoneNumber: '+14155550001', source: 'api', reason: '' },
      h.nowMs(),
    )
    await t2.dnc.add(
      { listName: 'internal', phoneNumber: '+14155550002', source: 'api', reason: '' },
      h.nowMs(),
    )
    const list = await t1.contactLists.create(
      { campaignId: 'c1', name: 'L4', mapping: {} },
      h.nowMs(),
    )
    const sink = t1.contactLists.sinkFor(list, async () => ['internal'], h.nowMs, OWNER)
    expect([...(await sink.dncLookup(['+14155550001', '+14155550002', '+14155550003']))]).toEqual([
      '+14155550001',
    ])
    const noLists = t1.contactLists.sinkFor(list, async () => [], h.nowMs, OWNER)
    expect((await noLists.dncLookup(['+14155550001'])).size).toBe(0)
  })

  it('keeps issues in order, pages and streams them, and isolates tenants', async (ctx) => {
    if (!h) return ctx.skip()
    const list = await t1.contactLists.create(
      { campaignId: 'c1', name: 'L5', mapping: {} },
      h.nowMs(),
    )
    const issues = Array.from({ length: 2500 }, (_, i) => ({
      row: i + 1,
      field: 'phone',
      reason: `bad ${i + 1}`,
    }))
    for (let i = 0; i < issues.length; i += 500)
      await t1.contactLists.appendIssues(list.id, issues.slice(i, i + 500))
    const page = await t1.contactLists.issues(list.id, { limit: 2, offset: 1000 })
    expect(page).toEqual({ total: 2500, items: [issues[1000], issues[1001]] })
    const all: unknown[] = []
    for await (const issue of t1.contactLists.allIssues(list.id)) all.push(issue)
    expect(all).toEqual(issues)
    expect(await t2.contactLists.get(list.id)).toBeNull()
    expect((await t2.contactLists.issues(list.id, { limit: 10, offset: 0 })).total).toBe(0)
  })

  it('expires a list (its pending contacts with it) and closes a contact', async (ctx) => {
    if (!h) return ctx.skip()
    const [a] = await contactsOf('t1')
    expect(await t2.contactLists.closeContact(a!.id, h.nowMs())).toBe(false)
    expect(await t1.contactLists.closeContact(a!.id, h.nowMs())).toBe(true)
    const listB = (await contactsOf('t1')).find((r) => r.dedup_key === 'b')!.list_id
    expect(await t1.contactLists.expire(listB, h.nowMs())).toBe(true)
    const statuses = Object.fromEntries(
      (await contactsOf('t1')).map((r) => [r.dedup_key, r.status]),
    )
    expect(statuses).toEqual({ a: 'closed', b: 'expired' })
    expect((await t1.contactLists.get(listB))?.status).toBe('expired')
  })

  it('issue 16: fails interrupted imports, drops their staging rows, and the list takes a new upload', async (ctx) => {
    if (!h) return ctx.skip()
    const now = h.nowMs()
    const make = async (name: string) =>
      t1.contactLists.create({ campaignId: 'c9', name, mapping: {} }, now)
    const dead = await make('dead owner')
    const expired = await make('claim ran out')
    const live = await make('live owner')
    await t1.contactLists.beginImport(dead.id, { owner: 'dead', untilMs: now + 600_000 })
    await t1.contactLists.beginImport(expired.id, { owner: 'slow', untilMs: now - 1 })
    await t1.contactLists.beginImport(live.id, { owner: 'live', untilMs: now + 600_000 })
    const staged = async (listId: string) =>
      (
        await h!.db.db
          .selectFrom('contact_staging')
          .select('dedup_key')
          .where('list_id', '=', listId)
          .execute()
      ).length
    for (const [list, owner] of [
      [dead, 'dead'],
      [expired, 'slow'],
      [live, 'live'],
    ] as const) {
      const sink = t1.contactLists.sinkFor(list, async () => [], h.nowMs, owner)
      await sink.writeBatch([contact(1, `${list.id}-x`, ['+14155550031'])])
      await sink.writeBatch([contact(2, `${list.id}-y`, ['+14155550032'])])
    }
    await t1.contactLists.appendIssues(dead.id, [{ row: 3, field: 'phone', reason: 'bad' }])
    expect((await t1.contactLists.importOwners()).sort()).toEqual(['dead', 'live', 'slow'])

    const failed = await t1.contactLists.failInterruptedImports(now, ['dead'])
    expect(failed.map((f) => [f.listId, f.owner, f.stagedRows]).sort()).toEqual(
      [
        [dead.id, 'dead', 2],
        [expired.id, 'slow', 2],
      ].sort(),
    )
    expect(await staged(dead.id)).toBe(0)
    expect(await staged(expired.id)).toBe(0)
    expect(await staged(live.id)).toBe(2)
    const deadView = await t1.contactLists.get(dead.id)
    expect(deadView?.status).toBe('failed')
    expect(deadView?.failure).toMatch(/interrupted: the process dead .* ended/)
    expect((await t1.contactLists.get(live.id))?.status).toBe('importing')
    expect(await t2.contactLists.failInterruptedImports(now, ['dead', 'live'])).toEqual([])

    // The interrupted owner cannot commit what it staged; its claim is gone.
    const late = t1.contactLists.sinkFor(expired, async () => [], h.nowMs, 'slow')
    await expect(late.commit()).rejects.toThrow(/taken over/)
    expect(await t1.contactLists.renewImport(expired.id, { owner: 'slow', untilMs: now })).toBe(
      false,
    )
    // The list takes a new upload, its old report dropped.
    expect(await t1.contactLists.beginImport(dead.id, claim)).toBe(true)
    expect((await t1.contactLists.issues(dead.id, { limit: 10, offset: 0 })).total).toBe(0)
    const retry = t1.contactLists.sinkFor(dead, async () => [], h.nowMs, OWNER)
    await retry.writeBatch([contact(1, 'retried', ['+14155550033'])])
    await retry.commit()
    await t1.contactLists.finishImport(dead.id, OWNER, true, { imported: 1 })
    expect((await t1.contactLists.get(dead.id))?.status).toBe('ready')
    expect((await contactsOf('t1')).some((r) => r.dedup_key === 'retried')).toBe(true)
  })
})
