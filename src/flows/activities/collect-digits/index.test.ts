// Goal: CollectDigits asks for keys, stores them, branches, retries, and leaves by noInput/noMatch.
import { describe, expect, it } from 'vitest'
import { testContext } from '../test-context.ts'
import { collectDigitsActivity } from './index.ts'
import { type CollectDigits, collectDigitsSchema } from './schema.ts'

const menu: CollectDigits = collectDigitsSchema.parse({
  kind: 'CollectDigits',
  promptId: 'menu',
  variable: 'choice',
  retries: 1,
  branches: { '1': 'sales', '2': 'support' },
  noInput: 'bye',
  noMatch: 'sorry',
})

const withInput = (digits: string, tries: number) => ({
  ...testContext(),
  input: { digits, tries },
})

describe('IVR CollectDigits', () => {
  it('first asks for keys with the defaults (1 digit, 5 s, 3 s, no terminator)', () => {
    expect(collectDigitsActivity.run(menu, testContext())).toEqual({
      effects: [
        {
          kind: 'collectDigits',
          promptId: 'menu',
          variable: 'choice',
          maxDigits: 1,
          terminator: null,
          firstDigitTimeoutSec: 5,
          interDigitTimeoutSec: 3,
        },
      ],
      wait: true,
      next: null,
      collect: true,
    })
  })

  it('stores the keys and takes the matching branch', () => {
    expect(collectDigitsActivity.run(menu, withInput('2', 1))).toEqual({
      effects: [],
      wait: false,
      next: 'support',
      assign: { choice: '2' },
    })
  })

  it('asks again while retries are left, then leaves by noMatch or noInput', () => {
    const again = collectDigitsActivity.run(menu, withInput('7', 1))
    expect(again).toMatchObject({ collect: true, assign: { choice: '7' } })
    expect(again.effects.map((e) => e.kind)).toEqual(['collectDigits'])
    expect(collectDigitsActivity.run(menu, withInput('7', 2)).next).toBe('sorry')
    expect(collectDigitsActivity.run(menu, withInput('', 1)).collect).toBe(true)
    expect(collectDigitsActivity.run(menu, withInput('', 2))).toMatchObject({ next: 'bye' })
  })

  it('ends the run on an exit that is not given', () => {
    const bare: CollectDigits = { ...menu, retries: 0, noInput: undefined, noMatch: undefined }
    expect(collectDigitsActivity.run(bare, withInput('', 1)).next).toBeNull()
    expect(collectDigitsActivity.run(bare, withInput('9', 1)).next).toBeNull()
    expect(collectDigitsActivity.mayEnd(bare)).toBe(true)
    expect(collectDigitsActivity.mayEnd(menu)).toBe(false)
  })

  it('lists branches and exits as edges, and writes its variable', () => {
    expect(collectDigitsActivity.edges(menu).map((e) => e.field)).toEqual([
      'branches.1',
      'branches.2',
      'noInput',
      'noMatch',
    ])
    expect(collectDigitsActivity.variables(menu)).toEqual([
      { field: 'variable', name: 'choice', access: 'write' },
    ])
  })

  it('refuses limits outside their units and branches it could never collect', () => {
    const parse = (fields: Record<string, unknown>) =>
      collectDigitsSchema.safeParse({ ...menu, ...fields })
    const message = (fields: Record<string, unknown>) =>
      parse(fields).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    expect(message({ maxDigits: 0 })).toContain('maxDigits: maxDigits must be at least 1 digit')
    expect(message({ maxDigits: 21 })).toEqual(['maxDigits: maxDigits is more than 20 digits'])
    expect(message({ firstDigitTimeoutSec: 61 })).toEqual([
      'firstDigitTimeoutSec: firstDigitTimeoutSec is more than 60 s',
    ])
    expect(message({ interDigitTimeoutSec: 0 })).toEqual([
      'interDigitTimeoutSec: interDigitTimeoutSec must be at least 1 s',
    ])
    expect(message({ retries: 6 })).toEqual(['retries: retries is more than 5'])
    expect(message({ branches: { '12': 'x' } })).toEqual([
      "branches.12: branch '12' is longer than maxDigits (1 digits)",
    ])
    expect(message({ terminator: '#', maxDigits: 2, branches: { '1#': 'x' } })).toEqual([
      "branches.1#: branch '1#' holds the terminator '#', which is never collected",
    ])
    expect(message({ branches: { a: 'x' } })?.[0]).toBe(
      "branches.a: branch 'a' holds other keys than 0-9, * and #",
    )
    expect(message({ terminator: '*' })?.[0]).toMatch(/^terminator/)
    expect(parse({ terminator: '#', maxDigits: 4, branches: { '1234': 'x' } }).success).toBe(true)
  })
})
