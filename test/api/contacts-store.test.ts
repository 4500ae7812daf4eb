// R5.3 on both databases: an import's rows stay invisible until commit, duplicates of the same
// file merge (numbers unioned, later fields win), abort leaves nothing, a re-upload updates the
// campaign's customer, and DNC lookups see only the campaign's lists of the same tenant.
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
    expect(await t1.contactLists.beginImport(list.id)).toBe(true)
    expect(await t1.contactLists.beginImport(list.id)).toBe(false)
    const sink = t1.contactLists.sinkFor(list, async () => ['internal'], h.nowMs)
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
  })

  it('abort leaves nothing behind', async (ctx) => {
    if (!h) return ctx.skip()
    const list = await t1.contactLists.create(
      { campaignId: 'c1', name: 'L2', mapping: {} },
      h.nowMs(),
    )
    const sink = t1.contactLists.sinkFor(list, async () => [], h.nowMs)
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
    const sink = t1.contactLists.sinkFor(list, async () => [], h.nowMs)
    await sink.writeBatch([contact(1, 'b', ['+14155550022'], { plan: 'Plus' })])
    await sink.commit()
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
    const sink = t1.contactLists.sinkFor(list, async () => ['internal'], h.nowMs)
    expect([...(await sink.dncLookup(['+14155550001', '+14155550002', '+14155550003']))]).toEqual([
      '+14155550001',
    ])
    const noLists = t1.contactLists.sinkFor(list, async () => [], h.nowMs)
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
})
