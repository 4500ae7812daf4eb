// Goal: Case picks the branch matching the variable's text value, else defaultNext, else ends.
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-context.ts'
import { caseActivity } from './index.ts'
import { type Case, caseSchema } from './schema.ts'

const onCpa: Case = caseSchema.parse({
  kind: 'Case',
  variable: 'CPAResult',
  branches: { AMD: 'playAmd', ABANDONED: 'playSorry' },
  defaultNext: 'hangUp',
})

describe('R3.3 Case branches on a variable', () => {
  it('follows the matching branch', () => {
    const result = caseActivity.run(onCpa, testContext({ CPAResult: 'ABANDONED' }))
    expect(result).toEqual({ effects: [], wait: false, next: 'playSorry' })
  })

  it('falls to defaultNext on no match, and ends the run without one', () => {
    expect(caseActivity.run(onCpa, testContext({ CPAResult: 'LIVE_VOICE' })).next).toBe('hangUp')
    const noDefault: Case = { ...onCpa, defaultNext: undefined }
    expect(caseActivity.run(noDefault, testContext({ CPAResult: 'LIVE_VOICE' })).next).toBeNull()
    expect(caseActivity.mayEnd(noDefault)).toBe(true)
    expect(caseActivity.mayEnd(onCpa)).toBe(false)
  })

  it('compares numbers and booleans as text', () => {
    const activity: Case = {
      kind: 'Case',
      variable: 'flag',
      branches: { true: 'yes', '3': 'three' },
    }
    expect(caseActivity.run(activity, testContext({ flag: true })).next).toBe('yes')
    expect(caseActivity.run(activity, testContext({ flag: 3 })).next).toBe('three')
  })

  it('does not match inherited object keys', () => {
    const activity: Case = { kind: 'Case', variable: 'v', branches: { a: 'x' }, defaultNext: 'd' }
    expect(caseActivity.run(activity, testContext({ v: 'constructor' })).next).toBe('d')
  })

  it('lists every branch and the default as edges, with their field paths', () => {
    expect(caseActivity.edges(onCpa)).toEqual([
      { field: 'branches.AMD', target: 'playAmd' },
      { field: 'branches.ABANDONED', target: 'playSorry' },
      { field: 'defaultNext', target: 'hangUp' },
    ])
  })

  it('refuses a Case with no branches', () => {
    const empty = { kind: 'Case', variable: 'CPAResult', branches: {} }
    expect(caseSchema.safeParse(empty).success).toBe(false)
  })
})
