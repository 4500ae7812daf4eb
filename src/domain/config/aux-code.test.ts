// Goal: idle and wrap-up codes parse, and the first active code of each type is its default
// (Appendix A "auxiliary codes", R7.1, R7.2).
import { describe, expect, it } from 'vitest'
import { auxCodeListSchema, auxCodeSchema, defaultAuxCode } from './aux-code.ts'
import { messageAt } from './issues.testkit.ts'

const codes = [
  { id: 'wrap-sale', name: 'Sale', type: 'WRAP_UP' },
  { id: 'idle-break', name: 'Break', type: 'IDLE', active: false },
  { id: 'idle-lunch', name: 'Lunch', type: 'IDLE' },
  { id: 'wrap-no-sale', name: 'No sale', type: 'WRAP_UP' },
]

describe('auxCodeSchema', () => {
  it('accepts a good code, active by default', () => {
    expect(auxCodeSchema.parse(codes[0]).active).toBe(true)
  })

  it('refuses an unknown type', () => {
    const result = auxCodeSchema.safeParse({ ...codes[0], type: 'BREAK' })
    expect(messageAt(result, ['type'])).toMatch(/IDLE, WRAP_UP \(Appendix A/)
  })
})

describe('auxCodeListSchema and defaultAuxCode', () => {
  it('takes the first active code of each type as default', () => {
    const list = auxCodeListSchema.parse(codes)
    expect(defaultAuxCode(list, 'IDLE')?.id).toBe('idle-lunch')
    expect(defaultAuxCode(list, 'WRAP_UP')?.id).toBe('wrap-sale')
  })

  it('has no default for a type without codes', () => {
    const list = [auxCodeSchema.parse(codes[0])]
    expect(defaultAuxCode(list, 'IDLE')).toBeUndefined()
  })

  it('refuses a list without an active code of some type, saying why', () => {
    const result = auxCodeListSchema.safeParse(codes.slice(0, 2))
    expect(messageAt(result, [])).toMatch(/no active IDLE code.*default/)
  })

  it('refuses a repeated id at the repeat', () => {
    const result = auxCodeListSchema.safeParse([...codes, codes[0]])
    expect(messageAt(result, [4, 'id'])).toMatch(/repeated \(first at index 0\)/)
  })
})
