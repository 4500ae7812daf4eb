// Goal: the configuration that carries customer data stays consistent where it changes (R5.1,
// R4.4, R3.4, R7.4): a campaign group binds contact fields only to declared STRING global
// variables, a desktop layout shows only declared agent-viewable variables and no sensitive one in
// the popover, a global variable cannot change or go away under the groups and layouts that use
// it, and at most 28 STRING variables carry campaign data. 422/409 name the field and the object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../src/api/resources/config-kinds.ts'
import { demoTenantObjects } from '../../src/server/seed/demo-tenant.ts'
import { type Harness, openHarness } from './harness.ts'

const pathOf = (kind: string) => CONFIG_KINDS.find((k) => k.kind === kind)!.path

describe('customer data configuration rules through the API', () => {
  let h: Harness
  beforeAll(async () => {
    h = (await openHarness('sqlite'))!
    for (const object of demoTenantObjects()) {
      const r = await h.call('admin1', 'POST', pathOf(object.kind), object.body)
      expect(r.statusCode, `${object.kind} ${r.body.slice(0, 300)}`).toBe(201)
    }
    await h.call('admin1', 'POST', '/v1/global-variables', { name: 'age', type: 'INTEGER' })
    await h.call('admin1', 'POST', '/v1/global-variables', {
      name: 'hidden',
      type: 'STRING',
      agentViewable: false,
    })
  })
  afterAll(async () => h.close())

  const group = (businessParameters: unknown) => ({
    id: 'group-x',
    name: 'Group x',
    entryPointId: 'ep-winback',
    pacing: { mode: 'progressive', callerId: '+15550100000', dialingRate: 1 },
    businessParameters,
  })

  it('R5.1 binds a contact field only to a declared STRING global variable', async () => {
    const undeclared = await h.call('admin1', 'POST', '/v1/campaign-groups', {
      ...group([{ fieldName: 'tier', globalVariableName: 'customerTier' }]),
    })
    expect(undeclared.statusCode).toBe(422)
    expect(undeclared.json().details).toEqual([
      {
        path: 'businessParameters[0].globalVariableName',
        message: expect.stringMatching(/customerTier is not a declared global variable.*R5\.1/),
      },
    ])
    const integer = await h.call('admin1', 'POST', '/v1/campaign-groups', {
      ...group([{ fieldName: 'age', globalVariableName: 'age' }]),
    })
    expect(integer.statusCode).toBe(422)
    expect(integer.json().details[0]).toMatchObject({
      path: 'businessParameters[0].globalVariableName',
      message: expect.stringMatching(/age is INTEGER/),
    })
    const ok = await h.call('admin1', 'POST', '/v1/campaign-groups', {
      ...group([{ fieldName: 'surname', globalVariableName: 'lastName' }]),
    })
    expect(ok.statusCode).toBe(201)
  })

  it('R3.4 lays out only declared agent-viewable variables; R7.4 never a sensitive one in the popover', async () => {
    const layout = (panelVariables: string[], popoverVariables = ['campaignId']) => ({
      id: 'layout-x',
      name: 'Layout x',
      flowId: 'flow-winback',
      layout: { panelVariables, popoverVariables },
    })
    const hidden = await h.call('admin1', 'POST', '/v1/desktop-layouts', layout(['hidden']))
    expect(hidden.statusCode).toBe(422)
    expect(hidden.json().details).toEqual([
      { path: 'layout.panelVariables[0]', message: expect.stringMatching(/not agentViewable/) },
    ])
    const unknown = await h.call('admin1', 'POST', '/v1/desktop-layouts', layout(['nope']))
    expect(unknown.json().details[0].path).toBe('layout.panelVariables[0]')
    const sensitive = await h.call(
      'admin1',
      'POST',
      '/v1/desktop-layouts',
      layout(['birthDate'], ['campaignId', 'birthDate']),
    )
    expect(sensitive.statusCode).toBe(422)
    expect(sensitive.json().details).toEqual([
      { path: 'layout.popoverVariables[1]', message: expect.stringMatching(/sensitive/) },
    ])
    // In the panel a sensitive variable is allowed: the desktop gets it masked.
    const panel = await h.call('admin1', 'POST', '/v1/desktop-layouts', layout(['birthDate']))
    expect(panel.statusCode).toBe(201)
  })

  it('R4.4 a global variable in use cannot become what its groups and layouts refuse, nor be deleted', async () => {
    const sensitive = await h.call('admin1', 'PUT', '/v1/global-variables/firstName', {
      name: 'firstName',
      type: 'STRING',
      agentViewable: true,
      sensitive: true,
    })
    expect(sensitive.statusCode).toBe(422)
    expect(sensitive.json().details).toEqual([
      {
        path: 'desktop-layout/layout-sales: popoverVariables[1]',
        message: expect.stringMatching(/firstName is sensitive/),
      },
    ])
    const integer = await h.call('admin1', 'PUT', '/v1/global-variables/plan', {
      name: 'plan',
      type: 'INTEGER',
    })
    expect(integer.statusCode).toBe(422)
    expect(integer.json().details.map((d: { path: string }) => d.path)).toEqual([
      'campaign-group/group-preview: businessParameters[2].globalVariableName',
      'campaign-group/group-renewals: businessParameters[2].globalVariableName',
      'campaign-group/group-winback: businessParameters[2].globalVariableName',
    ])
    const gone = await h.call('admin1', 'DELETE', '/v1/global-variables/plan')
    expect(gone.statusCode).toBe(409)
    expect(gone.json().details.map((d: { path: string }) => d.path)).toEqual([
      'campaign-group/group-preview',
      'campaign-group/group-renewals',
      'campaign-group/group-winback',
      'desktop-layout/layout-preview',
      'desktop-layout/layout-sales',
    ])
  })

  it('R4.4 at most 28 STRING global variables carry campaign data', async () => {
    const existing = (await h.call('admin1', 'GET', '/v1/global-variables?limit=100')).json()
    const strings = existing.items.filter(
      (v: { body: { type: string } }) => v.body.type === 'STRING',
    ).length
    for (let i = strings; i < 28; i += 1) {
      const r = await h.call('admin1', 'POST', '/v1/global-variables', {
        name: `extra${i}`,
        type: 'STRING',
      })
      expect(r.statusCode).toBe(201)
    }
    const over = await h.call('admin1', 'POST', '/v1/global-variables', {
      name: 'oneTooMany',
      type: 'STRING',
    })
    expect(over.statusCode).toBe(422)
    expect(over.json().details).toEqual([
      { path: 'type', message: expect.stringMatching(/at most 28 carry campaign data/) },
    ])
  })
})
