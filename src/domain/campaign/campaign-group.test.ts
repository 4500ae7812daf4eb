// Goal: a campaign group (R5.1) holds its entry point, pacing and business parameters bound to
// declared STRING global variables (R4.4), and the AMD false-positive estimate (0–100 %).
import { describe, expect, it } from 'vitest'
import { globalVariableSchema } from '../config/global-variable.ts'
import { messageAt } from '../config/issues.testkit.ts'
import { campaignGroupSchema, campaignGroupSchemaFor } from './campaign-group.ts'

const group = {
  id: 'group-sales',
  name: 'Sales EU',
  entryPointId: 'ep-sales',
  pacing: { mode: 'progressive', callerId: '+14155550100', dialingRate: 2 },
  businessParameters: [
    { fieldName: 'first_name', globalVariableName: 'firstName' },
    { fieldName: 'acct', globalVariableName: 'accountNumber' },
  ],
}
const globals = [
  { name: 'firstName', type: 'STRING' },
  { name: 'accountNumber', type: 'STRING' },
  { name: 'balance', type: 'DECIMAL' },
].map((variable) => globalVariableSchema.parse(variable))

describe('campaignGroupSchema', () => {
  it('accepts a good group with a 1 % AMD false-positive estimate by default', () => {
    const parsed = campaignGroupSchema.parse(group)
    expect(parsed.amdHumanAsMachinePctEstimate).toBe(1)
    expect(parsed.pacing.mode).toBe('progressive')
  })

  it('refuses an estimate above 100 %', () => {
    const result = campaignGroupSchema.safeParse({ ...group, amdHumanAsMachinePctEstimate: 101 })
    expect(messageAt(result, ['amdHumanAsMachinePctEstimate'])).toMatch(/above 100 %/)
  })

  it('reports pacing errors under pacing', () => {
    const result = campaignGroupSchema.safeParse({
      ...group,
      pacing: { ...group.pacing, dialingRate: 0 },
    })
    expect(messageAt(result, ['pacing', 'dialingRate'])).toMatch(/below 1 lines per agent/)
  })

  it('refuses an entry point id over 36 characters', () => {
    const result = campaignGroupSchema.safeParse({ ...group, entryPointId: 'e'.repeat(37) })
    expect(messageAt(result, ['entryPointId'])).toMatch(/longer than 36/)
  })

  it('refuses two fields bound to one variable, at the second', () => {
    const result = campaignGroupSchema.safeParse({
      ...group,
      businessParameters: [
        { fieldName: 'a', globalVariableName: 'firstName' },
        { fieldName: 'b', globalVariableName: 'firstName' },
      ],
    })
    expect(messageAt(result, ['businessParameters', 1, 'globalVariableName'])).toMatch(/overwrite/)
  })

  it('refuses more than 28 business parameters', () => {
    const many = Array.from({ length: 29 }, (_, index) => ({
      fieldName: `f${index}`,
      globalVariableName: `v${index}`,
    }))
    const result = campaignGroupSchema.safeParse({ ...group, businessParameters: many })
    expect(messageAt(result, ['businessParameters'])).toMatch(/at most 28.*R4\.4/)
  })
})

describe('campaignGroupSchemaFor(globalVariables)', () => {
  const schema = campaignGroupSchemaFor(globals)

  it('accepts parameters bound to declared STRING variables', () => {
    expect(schema.safeParse(group).success).toBe(true)
  })

  it('refuses a binding to an undeclared variable', () => {
    const result = schema.safeParse({
      ...group,
      businessParameters: [{ fieldName: 'zip', globalVariableName: 'postCode' }],
    })
    expect(messageAt(result, ['businessParameters', 0, 'globalVariableName'])).toMatch(
      /postCode is not a declared global variable/,
    )
  })

  it('refuses a binding to a non-STRING variable', () => {
    const result = schema.safeParse({
      ...group,
      businessParameters: [{ fieldName: 'bal', globalVariableName: 'balance' }],
    })
    expect(messageAt(result, ['businessParameters', 0, 'globalVariableName'])).toMatch(
      /balance is DECIMAL: business parameters bind contact fields to STRING/,
    )
  })
})
