// Goal: global variables follow Appendix A (name, type, default length), R4.4 (sensitive ⇒ not
// reportable) and R3.4 (the desktop's label: trimmed, not empty, at most 80), with errors at the
// right path. The 28 String variables of campaign data are the
// API's rule (test/api/customer-data-config.test.ts).
import { describe, expect, it } from 'vitest'
import { defaultValueProblem, findGlobalVariable, globalVariableSchema } from './global-variable.ts'
import { messageAt } from './issues.testkit.ts'

const accountNumber = { name: 'accountNumber', type: 'STRING', reportable: true }

describe('globalVariableSchema', () => {
  it('accepts a good variable and fills the flags', () => {
    expect(globalVariableSchema.parse(accountNumber)).toEqual({
      name: 'accountNumber',
      type: 'STRING',
      agentViewable: true,
      reportable: true,
      sensitive: false,
    })
  })

  it('refuses a name with characters outside [A-Za-z0-9_]', () => {
    const result = globalVariableSchema.safeParse({ ...accountNumber, name: 'account-number' })
    expect(messageAt(result, ['name'])).toMatch(/letters, digits and _ \(Appendix A/)
  })

  it("keeps the desktop's label trimmed, and refuses an empty or overlong one", () => {
    expect(globalVariableSchema.parse({ ...accountNumber, label: ' Account number ' }).label).toBe(
      'Account number',
    )
    const empty = globalVariableSchema.safeParse({ ...accountNumber, label: '  ' })
    expect(messageAt(empty, ['label'])).toMatch(/must not be empty.*shows the name/)
    const long = globalVariableSchema.safeParse({ ...accountNumber, label: 'L'.repeat(81) })
    expect(messageAt(long, ['label'])).toMatch(/longer than 80 characters/)
  })

  it('refuses a name over 80 characters', () => {
    const result = globalVariableSchema.safeParse({ ...accountNumber, name: 'a'.repeat(81) })
    expect(messageAt(result, ['name'])).toMatch(/longer than 80/)
  })

  it('refuses an unknown type', () => {
    const result = globalVariableSchema.safeParse({ ...accountNumber, type: 'JSON' })
    expect(messageAt(result, ['type'])).toMatch(/STRING, INTEGER, DATE_TIME, BOOLEAN, DECIMAL/)
  })

  it('refuses a default over 256 characters', () => {
    const result = globalVariableSchema.safeParse({
      ...accountNumber,
      defaultValue: 'x'.repeat(257),
    })
    expect(messageAt(result, ['defaultValue'])).toMatch(/longer than 256/)
  })

  it('refuses a flag of the wrong type', () => {
    const result = globalVariableSchema.safeParse({ ...accountNumber, sensitive: 'yes' })
    expect(messageAt(result, ['sensitive'])).toMatch(/true or false/)
  })

  it('refuses a sensitive variable that is reportable, at reportable, with the reason', () => {
    const result = globalVariableSchema.safeParse({ ...accountNumber, sensitive: true })
    expect(messageAt(result, ['reportable'])).toMatch(/sensitive.*cannot be reportable.*R4\.4/)
  })

  it('accepts a sensitive variable that is not reportable', () => {
    const parsed = globalVariableSchema.parse({ name: 'ssn', type: 'STRING', sensitive: true })
    expect(parsed.reportable).toBe(false)
  })

  it('refuses a default that does not fit the declared type', () => {
    const result = globalVariableSchema.safeParse({
      name: 'n',
      type: 'INTEGER',
      defaultValue: '1.5',
    })
    expect(messageAt(result, ['defaultValue'])).toMatch(/not a whole number.*declared INTEGER/)
  })

  it('checks defaults of every type', () => {
    expect(defaultValueProblem('DECIMAL', '-2.50')).toBeNull()
    expect(defaultValueProblem('DECIMAL', '2,5')).not.toBeNull()
    expect(defaultValueProblem('BOOLEAN', 'true')).toBeNull()
    expect(defaultValueProblem('BOOLEAN', 'yes')).not.toBeNull()
    expect(defaultValueProblem('DATE_TIME', '2025-03-03T09:00:00Z')).toBeNull()
    expect(defaultValueProblem('DATE_TIME', 'tomorrow')).not.toBeNull()
    expect(defaultValueProblem('STRING', 'anything')).toBeNull()
  })
})

describe('findGlobalVariable', () => {
  it('treats names case-sensitively', () => {
    const variables = [accountNumber, { ...accountNumber, name: 'AccountNumber' }].map((v) =>
      globalVariableSchema.parse(v),
    )
    expect(findGlobalVariable(variables, 'AccountNumber')?.name).toBe('AccountNumber')
    expect(findGlobalVariable(variables, 'accountnumber')).toBeUndefined()
  })
})
