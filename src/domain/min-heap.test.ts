import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MinHeap } from './min-heap.ts'

describe('MinHeap', () => {
  it('pops by key, equal keys in insertion order, whatever the pushes and pops (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(-1)), { maxLength: 200 }),
        (ops) => {
          const heap = new MinHeap<string>()
          const model: { key: number; seq: number; value: string }[] = []
          let seq = 0
          for (const op of ops) {
            if (op >= 0) {
              const value = `v${seq}`
              heap.push(op, value)
              model.push({ key: op, seq: seq++, value })
            } else {
              model.sort((a, b) => a.key - b.key || a.seq - b.seq)
              const expected = model.shift()
              expect(heap.peekKey()).toBe(expected?.key)
              expect(heap.peek()).toBe(expected?.value)
              expect(heap.pop()).toBe(expected?.value)
            }
            expect(heap.size).toBe(model.length)
          }
        },
      ),
    )
  })

  it('is empty before any push and after the last pop', () => {
    const heap = new MinHeap<number>()
    expect(heap.pop()).toBeUndefined()
    expect(heap.peekKey()).toBeUndefined()
    heap.push(1.5e12, 7)
    expect(heap.peekKey()).toBe(1.5e12)
    expect(heap.pop()).toBe(7)
    expect(heap.size).toBe(0)
    expect(heap.peek()).toBeUndefined()
  })
})
