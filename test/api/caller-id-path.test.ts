// R5.3 R6.1: the per-record caller ID from import to dial. Contacts are uploaded through the API
// with a caller-ID column into the SQL store; the tenant's runtime leases them from that store and
// dials; the attempt log shows the caller ID each dial used: the record's over the campaign's, the
// campaign's when the record has none, and the PreDial flow's SetCallerID over the record's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { VirtualClock } from '../../src/dialer/ports/virtual-clock.ts'
import { outdialFlow } from '../../src/flows/defaultFlows.ts'
import { TenantRuntime } from '../../src/runtime/tenant-runtime.ts'
import { KIT_SIMULATION, runUntil } from '../../src/runtime/test-kit.ts'
import { DEMO_CALLER_ID, demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type Harness, openHarness } from './harness.ts'

const RECORD_CLID = '+14155550190'
const PREDIAL_CLID = '+15550100099'
const MAPPING = { numbers: ['phone'], externalId: 'id', callerId: 'clid', defaultCountry: 'US' }

describe('R5.3 R6.1 the record caller ID from upload to dial', () => {
  let h: Harness | null = null
  let runtime: TenantRuntime | null = null

  beforeAll(async () => {
    h = await openHarness('sqlite')
    // Renewals: a flow without PreDial; winback: a PreDial SetCallerID of its own.
    const flows: Record<string, unknown> = {
      'flow-renewals': outdialFlow({ id: 'flow-renewals' }),
      'flow-winback': outdialFlow({ id: 'flow-winback', callerId: PREDIAL_CLID }),
    }
    for (const object of demoTenantObjects()) {
      const spec = CONFIG_KINDS.find((k) => k.kind === object.kind)!
      const id = (object.body as { id?: string }).id ?? ''
      const body = object.kind === 'flow' && flows[id] ? flows[id] : object.body
      const r = await h!.call('admin1', 'POST', spec.path, body)
      expect(r.statusCode, r.body).toBe(201)
    }
  })
  afterAll(async () => {
    await runtime?.close()
    await h?.close()
  })

  async function upload(campaignId: string, csv: string): Promise<void> {
    const list = await h!.call('admin1', 'POST', '/v1/contact-lists', {
      campaignId,
      name: `clid-${campaignId}`,
      mapping: MAPPING,
    })
    expect(list.statusCode, list.body).toBe(201)
    const response = await h!.app.inject({
      method: 'PUT',
      url: `/v1/contact-lists/${list.json().id}/file`,
      payload: csv,
      headers: { authorization: `Bearer ${h!.tokens.admin1}`, 'content-type': 'text/csv' },
    })
    expect(response.json()).toMatchObject({ committed: true, counts: { imported: 2 } })
  }

  it('dials with the record caller ID over the campaign one, and PreDial over both', async () => {
    await upload(
      'renewals',
      `id,phone,clid\nr1,(415) 555-0101,${RECORD_CLID}\nr2,(415) 555-0102,\n`,
    )
    await upload('winback', `id,phone,clid\nw1,(415) 555-0111,${RECORD_CLID}\nw2,(415) 555-0112,\n`)
    // The runtime's clock goes on from the API's: the contacts are due from their upload.
    const clock = new VirtualClock(h!.nowMs() + 1000)
    runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports: h!.store.forTenant('t1').runtime,
      owner: 'node-a',
      simulation: KIT_SIMULATION,
    })
    await runtime.campaignAction('renewals', 'start')
    await runtime.campaignAction('winback', 'start')
    const agentIds = ['agent-1', 'agent-2', 'agent-3', 'agent-4']
    for (const agentId of agentIds) {
      runtime.desk.login(agentId)
      runtime.desk.available(agentId)
    }
    /** The agents answer their reservation calls as they come (R7.2). */
    const answer = () => {
      for (const agentId of agentIds) {
        const state = runtime!.desk.state(agentId)
        if (state?.kind === 'Reserved' && !state.connected) runtime!.desk.answerReservation(agentId)
      }
    }
    const attempts = () =>
      h!.db.db
        .selectFrom('attempts')
        .innerJoin('contacts', (join) =>
          join
            .onRef('contacts.id', '=', 'attempts.contact_id')
            .onRef('contacts.tenant_id', '=', 'attempts.tenant_id'),
        )
        .select(['contacts.dedup_key as key', 'attempts.caller_id as callerId'])
        .where('attempts.tenant_id', '=', 't1')
        .execute()
    let rows: { key: string; callerId: string }[] = []
    await runUntil(
      clock,
      () => {
        answer()
        void attempts().then((r) => {
          rows = r
        })
        return new Set(rows.map((r) => r.key)).size === 4
      },
      300_000,
      500,
    )
    const first = Object.fromEntries(rows.map((r) => [r.key, r.callerId]))
    expect(first).toEqual({
      'id:r1': RECORD_CLID,
      'id:r2': DEMO_CALLER_ID,
      'id:w1': PREDIAL_CLID,
      'id:w2': PREDIAL_CLID,
    })
  })
})
