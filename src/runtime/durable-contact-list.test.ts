// Goal: the engine's synchronous contact list over the async store hands each leased contact out
// once, refills below its low-water mark, writes reschedules and finishes through the queue, hands
// the unused contacts back on stop, and refuses to use a lease that may have run out.
import { describe, expect, it } from 'vitest'
import { MemoryDialerStore } from '../../test/support/memory/memory-dialer-store.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { DurableContactList } from './durable-contact-list.ts'
import { LeaseKeeper } from './lease-keeper.ts'
import { collectingLog, KIT_START_MS, kitContacts, runFor, settle } from './test-kit.ts'
import { WriteQueue } from './write-queue.ts'

function setup(contacts = 30) {
  const clock = new VirtualClock(KIT_START_MS)
  const store = new MemoryDialerStore()
  store.addContacts(kitContacts('camp-1', contacts), KIT_START_MS - 1000)
  const log = collectingLog()
  const leases = new LeaseKeeper(clock, 'node-a', log)
  const writes = new WriteQueue(clock, log)
  let arrived = 0
  const list = new DurableContactList({
    campaignId: 'camp-1',
    clock,
    store,
    leases,
    writes,
    log,
    onArrived: () => {
      arrived += 1
    },
    limits: { bufferMax: 10, lowWater: 4, pollMs: 5_000 },
  })
  return { clock, store, log, leases, writes, list, arrived: () => arrived }
}

describe('DurableContactList', () => {
  it('leases a buffer, hands each contact out once and refills below the low-water mark', async () => {
    const { clock, store, list, arrived } = setup()
    expect(list.takeDue(clock.nowMs())).toBeNull()
    list.start()
    await settle()
    expect(arrived()).toBe(1)
    expect(list.pendingCount()).toBe(30)
    const taken = new Set<string>()
    for (let i = 0; i < 30; i++) {
      const progress = list.takeDue(clock.nowMs())
      if (!progress) {
        await settle()
        i -= 1
        continue
      }
      expect(taken.has(progress.contact.id)).toBe(false)
      taken.add(progress.contact.id)
    }
    expect(taken.size).toBe(30)
    expect(list.heldIds()).toHaveLength(30)
    const leased = [...store.contacts.values()].filter((c) => c.lease?.owner === 'node-a')
    expect(leased).toHaveLength(30)
    await settle()
    expect(list.takeDue(clock.nowMs())).toBeNull()
  })

  it('writes reschedules and finishes, and returns the unused contacts on stop', async () => {
    const { clock, store, writes, list } = setup(12)
    list.start()
    await settle()
    const first = list.takeDue(clock.nowMs())!
    const second = list.takeDue(clock.nowMs())!
    list.reschedule(first, clock.nowMs() + 3_600_000)
    list.finish(second, 'success')
    list.stop()
    await writes.drained()
    expect(store.contacts.get(first.contact.id)).toMatchObject({
      lease: null,
      notBeforeMs: KIT_START_MS + 3_600_000,
    })
    expect(store.contacts.get(second.contact.id)?.finished?.disposition).toBe('success')
    expect([...store.contacts.values()].filter((c) => c.lease !== null)).toEqual([])
    expect(list.heldIds()).toEqual([])
    expect(list.nextDueMs()).toBeUndefined()
  })

  it('R5.2 writes a wrap-up fallback at once and keeps the contact held until the code', async () => {
    const { clock, store, writes, list } = setup(12)
    list.start()
    await settle()
    const [due, finished, callback] = [0, 1, 2].map(() => list.takeDue(clock.nowMs())!)
    const retryAtMs = clock.nowMs() + 3_600_000
    list.holdForWrapUp(due!, { kind: 'due', notBeforeMs: retryAtMs })
    list.holdForWrapUp(finished!, { kind: 'finished', disposition: 'success' })
    list.holdForWrapUp(callback!, { kind: 'finished', disposition: 'success' })
    await writes.drained()
    const row = (id: string) => store.contacts.get(id)!
    expect(row(due!.contact.id)).toMatchObject({
      notBeforeMs: retryAtMs,
      lease: { owner: 'node-a' },
    })
    expect(row(finished!.contact.id)).toMatchObject({
      finished: { disposition: 'success' },
      lease: { owner: 'node-a' },
    })
    expect(list.heldIds()).toEqual(
      expect.arrayContaining([due, finished, callback].map((p) => p!.contact.id)),
    )
    // The agent's codes: non-final (the fallback), final, a callback for agent-1.
    list.reschedule(due!, retryAtMs)
    list.finish(finished!, 'finalCode')
    list.reschedule(callback!, clock.nowMs() + 600_000, 'agent-1')
    await writes.drained()
    expect(row(due!.contact.id)).toMatchObject({ notBeforeMs: retryAtMs, lease: null })
    expect(row(finished!.contact.id).finished?.disposition).toBe('finalCode')
    expect(row(callback!.contact.id)).toMatchObject({
      finished: null,
      callbackAgentId: 'agent-1',
      lease: null,
    })
  })

  it('does not hand out a contact whose lease may have run out', async () => {
    const { clock, list, log } = setup(3)
    list.start()
    await settle()
    // No renewal ran: two minutes later the leases are within the safety margin.
    clock.advanceMs(110_000)
    expect(list.takeDue(clock.nowMs())).toBeNull()
    expect(log.lines.filter((l) => l.message.includes('lease too close'))).toHaveLength(3)
    expect(list.heldIds()).toEqual([])
  })

  it('keeps looking when the store fails or is empty (new imports arrive later)', async () => {
    const { clock, store, list, log, arrived } = setup(0)
    store.failNext('lease')
    list.start()
    await settle()
    expect(log.lines.some((l) => l.message === 'leasing contacts failed')).toBe(true)
    store.addContacts(kitContacts('camp-1', 2, 100), KIT_START_MS)
    await runFor(clock, 5_000)
    expect(arrived()).toBe(1)
    expect(list.takeDue(clock.nowMs())?.contact.id).toBe('camp-1-c101')
  })
})
