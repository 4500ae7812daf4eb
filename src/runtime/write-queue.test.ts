// Goal: writes run one at a time in the order they were made, failed ones are retried with
// back-off on the runtime's clock, and a write that keeps failing (or meets a full queue) is
// dropped with a log line and its onDropped hook.
import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { collectingLog, runFor, settle } from './test-kit.ts'
import { WriteQueue } from './write-queue.ts'

const limits = { queueMax: 3, triesMax: 3, retryFirstMs: 1000, retryMaxMs: 4000 }

describe('WriteQueue', () => {
  it('runs writes in order, one at a time', async () => {
    const clock = new VirtualClock(0)
    const queue = new WriteQueue(clock, collectingLog())
    const order: string[] = []
    let running = 0
    for (const label of ['a', 'b', 'c']) {
      queue.push({
        label,
        run: async () => {
          running += 1
          expect(running).toBe(1)
          await settle()
          order.push(label)
          running -= 1
        },
      })
    }
    await queue.drained()
    expect(order).toEqual(['a', 'b', 'c'])
  })

  it('retries with back-off, then drops and tells', async () => {
    const clock = new VirtualClock(0)
    const log = collectingLog()
    const queue = new WriteQueue(clock, log, limits)
    const triedAtMs: number[] = []
    let dropped = false
    queue.push({
      label: 'always fails',
      run: async () => {
        triedAtMs.push(clock.nowMs())
        throw new Error('database away')
      },
      onDropped: () => {
        dropped = true
      },
    })
    await runFor(clock, 10_000)
    expect(triedAtMs).toEqual([0, 1000, 3000])
    expect(dropped).toBe(true)
    expect(queue.dropped).toBe(1)
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(1)
  })

  it('refuses writes beyond its bound', async () => {
    const clock = new VirtualClock(0)
    const queue = new WriteQueue(clock, collectingLog(), limits)
    let dropped = 0
    let ran = 0
    for (let i = 0; i < 5; i++)
      queue.push({
        label: `w${i}`,
        run: async () => {
          ran += 1
        },
        onDropped: () => {
          dropped += 1
        },
      })
    await queue.close()
    // The first write starts at once; three more wait; the fifth finds the queue full.
    expect(ran).toBe(4)
    expect(dropped).toBe(1)
    queue.push({ label: 'after close', run: async () => {} })
    expect(queue.dropped).toBe(2)
  })
})
