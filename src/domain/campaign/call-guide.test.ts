import { describe, expect, it } from 'vitest'
import { callGuideSchema, evaluateFunction, validateAnswers } from './call-guide.ts'

const form = callGuideSchema.parse({
  id: 'renewal-script',
  name: 'Renewal script',
  items: [
    { kind: 'BUSINESS_FIELD', id: 'plan', label: 'Current plan', fieldName: 'plan' },
    { kind: 'GLOBAL_VARIABLE', id: 'cid', label: 'Campaign', variableName: 'campaignId' },
    { kind: 'QUESTION', id: 'renew', label: 'Renews?', answerType: 'BOOLEAN', required: true },
    {
      kind: 'QUESTION',
      id: 'term',
      label: 'Term',
      answerType: 'CHOICE',
      choices: ['12 months', '24 months'],
    },
    { kind: 'QUESTION', id: 'notes', label: 'Notes', answerType: 'TEXT' },
    { kind: 'FUNCTION', id: 'age', label: 'Age', function: 'AGE_YEARS', args: ['birthDate'] },
  ],
})

describe('call guide forms (R5.6)', () => {
  it('parses the four kinds of items', () => {
    expect(form.items.map((i) => i.kind)).toEqual([
      'BUSINESS_FIELD',
      'GLOBAL_VARIABLE',
      'QUESTION',
      'QUESTION',
      'QUESTION',
      'FUNCTION',
    ])
    expect(form.callGuide).toBe(true)
  })

  it('refuses duplicate item ids and a CHOICE without choices, naming the path', () => {
    const result = callGuideSchema.safeParse({
      id: 'f',
      name: 'f',
      items: [
        { kind: 'QUESTION', id: 'q', label: 'Q', answerType: 'CHOICE' },
        { kind: 'QUESTION', id: 'q', label: 'Q2', answerType: 'TEXT' },
      ],
    })
    expect(result.success).toBe(false)
    const paths = result.error?.issues.map((i) => i.path.join('.'))
    expect(paths).toContain('items.0.choices')
    expect(paths).toContain('items.1.id')
  })

  it('validates answers: required, type, choice, unknown question', () => {
    expect(validateAnswers(form, { renew: true, term: '12 months', notes: 'ok' })).toEqual([])
    const issues = validateAnswers(form, { term: '36 months', bogus: 1 } as never)
    expect(issues.map((i) => i.path).sort()).toEqual([
      'answers.bogus',
      'answers.renew',
      'answers.term',
    ])
  })

  it('evaluates library functions from the record at a given time', () => {
    const now = Date.UTC(2026, 10, 24)
    expect(evaluateFunction('AGE_YEARS', ['1990-11-25'], now)).toBe('35')
    expect(evaluateFunction('DAYS_SINCE', ['2026-11-14'], now)).toBe('10')
    expect(evaluateFunction('CONCAT', ['Ada', undefined, 'Lovelace'], now)).toBe('Ada Lovelace')
    expect(evaluateFunction('UPPER', ['abc'], now)).toBe('ABC')
    expect(evaluateFunction('AGE_YEARS', ['not a date'], now)).toBe('')
  })
})
