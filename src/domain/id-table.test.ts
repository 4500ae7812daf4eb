import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IdTable } from './id-table.ts'

describe('IdTable', () => {
  it('holds what a Map holds, whatever the sets, deletes and takes (property)', () => {
    // Few distinct ids, so sets replace, deletes hit and probe runs collide and wrap.
    const op = fc.record({
      set: fc.boolean(),
      take: fc.boolean(),
      id: fc.integer({ min: 0, max: 60 }),
    })
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const table = new IdTable<number>()
        const model = new Map<string, number>()
        ops.forEach(({ set, take, id }, step) => {
          const key = `att-${id}`
          if (set) {
            table.set(key, step)
            model.set(key, step)
          } else if (take) {
            expect(table.take(key)).toBe(model.get(key))
            model.delete(key)
          } else {
            expect(table.delete(key)).toBe(model.delete(key))
          }
          expect(table.size).toBe(model.size)
        })
        for (let id = 0; id <= 60; id++) {
          const key = `att-${id}`
          expect(table.get(key)).toBe(model.get(key))
          expect(table.has(key)).toBe(model.has(key))
        }
        expect([...table.values()].sort((a, b) => a - b)).toEqual(
          [...model.values()].sort((a, b) => a - b),
        )
      }),
    )
  })

  it('finds an id by its content, not by the string object it was set with', () => {
    const table = new IdTable<string>()
    const id = ['call-', 7].join('')
    table.set(id, 'x')
    expect(table.get(`call-${3 + 4}`)).toBe('x')
  })

  it('keeps every entry through growth and churn at a steady size', () => {
    const table = new IdTable<number>()
    for (let i = 0; i < 20_000; i++) {
      table.set(`att-${i}`, i)
      if (i >= 3000) expect(table.delete(`att-${i - 3000}`)).toBe(true)
    }
    expect(table.size).toBe(3000)
    for (let i = 17_000; i < 20_000; i++) expect(table.get(`att-${i}`)).toBe(i)
    expect(table.get('att-16999')).toBeUndefined()
  })
})
