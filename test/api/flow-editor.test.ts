// The flow editor's API (issue 13): the activity catalogue as JSON Schema, and the validate-only
// check that answers the save's own validator issues, each on its activity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outdialFlow } from '../../src/flows/defaultFlows.ts'
import { type Harness, openHarness } from './harness.ts'

describe('flow editor routes', () => {
  let h: Harness
  beforeAll(async () => {
    h = (await openHarness('sqlite'))!
  })
  afterAll(async () => h.close())

  it('lists every activity kind with its JSON Schema and exits, for staff only', async () => {
    const r = await h.call('super1', 'GET', '/v1/flow-activities')
    expect(r.statusCode).toBe(200)
    const items = r.json().items as {
      kind: string
      exits: { field: string }[]
      schema: { required: string[] }
    }[]
    const caseEntry = items.find((i) => i.kind === 'Case')!
    expect(caseEntry.exits.map((e) => e.field)).toEqual(['branches', 'defaultNext'])
    expect(caseEntry.schema.required).toEqual(['kind', 'variable', 'branches'])
    expect(r.json().eventsByFlowKind.outdial).toEqual(['PreDial', 'OutboundCampaignCallResult'])
    expect((await h.call('agent1', 'GET', '/v1/flow-activities')).statusCode).toBe(403)
  })

  it('validates without saving: ok for a built flow, issues on their activity otherwise', async () => {
    const flow = outdialFlow({ id: 'f1', callerId: '+15550100000', onAmd: 'disconnect' })
    const ok = await h.call('admin1', 'POST', '/v1/flows/validate', flow)
    expect(ok.json()).toEqual({ ok: true, errors: [] })
    const broken = structuredClone(flow)
    const result = broken.handlers.OutboundCampaignCallResult!.activities.cpaCase!
    Object.assign(result, { defaultNext: 'nowhere' })
    Reflect.deleteProperty(broken.handlers.PreDial!.activities.setCallerId!, 'callerId')
    const r = await h.call('admin1', 'POST', '/v1/flows/validate', broken)
    expect(r.statusCode).toBe(200)
    expect(r.json().ok).toBe(false)
    expect(r.json().errors).toContainEqual(
      expect.objectContaining({
        path: 'handlers.PreDial.activities.setCallerId.callerId',
        event: 'PreDial',
        activityId: 'setCallerId',
      }),
    )
    delete broken.handlers.PreDial
    const graph = await h.call('admin1', 'POST', '/v1/flows/validate', broken)
    expect(graph.json().errors).toEqual([
      {
        path: 'handlers.OutboundCampaignCallResult.activities.cpaCase.defaultNext',
        message: "activity 'nowhere' not found",
        event: 'OutboundCampaignCallResult',
        activityId: 'cpaCase',
      },
    ])
    expect(await h.call('admin1', 'GET', '/v1/flows/f1').then((x) => x.statusCode)).toBe(404)
  })
})
