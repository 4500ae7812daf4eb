// Goal: a flow's desktop layout keeps to R3.4 / R7.4 — ≤ 30 ordered panel variables, ≤ 6 popover
// variables with campaignId among them and counted, no sensitive variable in the popover (R4.4).
import { describe, expect, it } from 'vitest'
import {
  CAMPAIGN_ID_VARIABLE,
  desktopLayoutSchema,
  desktopLayoutSchemaFor,
} from './desktop-layout.ts'
import { globalVariableSchema } from './global-variable.ts'
import { messageAt } from './issues.testkit.ts'

const globals = [
  { name: 'firstName', type: 'STRING' },
  { name: 'balance', type: 'DECIMAL' },
  { name: 'ssn', type: 'STRING', sensitive: true },
  { name: 'internalScore', type: 'INTEGER', agentViewable: false },
].map((variable) => globalVariableSchema.parse(variable))

describe('desktopLayoutSchema', () => {
  it('accepts a good layout and defaults the popover to campaignId', () => {
    expect(desktopLayoutSchema.parse({ panelVariables: ['firstName'] })).toEqual({
      panelVariables: ['firstName'],
      popoverVariables: [CAMPAIGN_ID_VARIABLE],
    })
  })

  it('counts campaignId among the 6 popover fields', () => {
    const six = ['campaignId', 'a', 'b', 'c', 'd', 'e']
    expect(desktopLayoutSchema.safeParse({ popoverVariables: six }).success).toBe(true)
    const result = desktopLayoutSchema.safeParse({ popoverVariables: [...six, 'f'] })
    expect(messageAt(result, ['popoverVariables'])).toMatch(/at most 6 .*campaignId included/)
  })

  it('refuses a popover without campaignId', () => {
    const result = desktopLayoutSchema.safeParse({ popoverVariables: ['firstName'] })
    expect(messageAt(result, ['popoverVariables'])).toMatch(/must include campaignId.*R7\.2/)
  })

  it('refuses more than 30 panel variables', () => {
    const names = Array.from({ length: 31 }, (_, index) => `v${index}`)
    const result = desktopLayoutSchema.safeParse({ panelVariables: names })
    expect(messageAt(result, ['panelVariables'])).toMatch(/at most 30 .*R3\.4/)
  })

  it('refuses a repeated panel variable at the repeat', () => {
    const result = desktopLayoutSchema.safeParse({ panelVariables: ['a', 'b', 'a'] })
    expect(messageAt(result, ['panelVariables', 2])).toMatch(/repeated/)
  })

  it('refuses a badly named variable', () => {
    const result = desktopLayoutSchema.safeParse({ panelVariables: ['first name'] })
    expect(messageAt(result, ['panelVariables', 0])).toMatch(/\[A-Za-z0-9_\]/)
  })
})

describe('desktopLayoutSchemaFor(globalVariables)', () => {
  const schema = desktopLayoutSchemaFor(globals)

  it('accepts declared, viewable variables', () => {
    const layout = {
      panelVariables: ['firstName', 'balance', 'ssn'],
      popoverVariables: ['campaignId', 'firstName'],
    }
    expect(schema.parse(layout)).toEqual(layout)
  })

  it('refuses a sensitive variable in the popover, at its index', () => {
    const result = schema.safeParse({ popoverVariables: ['campaignId', 'ssn'] })
    expect(messageAt(result, ['popoverVariables', 1])).toMatch(
      /ssn is sensitive.*never shown in the popover/,
    )
  })

  it('refuses an undeclared variable', () => {
    const result = schema.safeParse({ panelVariables: ['firstName', 'nickname'] })
    expect(messageAt(result, ['panelVariables', 1])).toMatch(
      /nickname is not a declared global variable/,
    )
  })

  it('refuses a variable that is not agent-viewable', () => {
    const result = schema.safeParse({ panelVariables: ['internalScore'] })
    expect(messageAt(result, ['panelVariables', 0])).toMatch(/not agentViewable/)
  })
})
