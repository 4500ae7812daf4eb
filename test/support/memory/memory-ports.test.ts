// Goal: the in-memory ports keep the durable ports' contract (the same suite the SQL store runs),
// so every runtime test stands on the same rules as production.
import { describe, expect, it } from 'vitest'
import { describeAgentStateLogContract } from '../agent-state-contract.ts'
import { describeDialerStoreContract } from '../store-contract.ts'
import { MemoryAgentStates } from './memory-agent-states.ts'
import { MemoryDialerStore } from './memory-dialer-store.ts'
import { MemoryCampaignStates, MemoryDncSource } from './memory-ports.ts'

describeDialerStoreContract('memory', async () => {
  const store = new MemoryDialerStore()
  return {
    contacts: store,
    attempts: store,
    addContacts: async (contacts, notBeforeMs) => store.addContacts(contacts, notBeforeMs),
  }
})

describeAgentStateLogContract('memory', async () => new MemoryAgentStates())

describe('memory ports', () => {
  it('fails on demand, for the runtime’s failure paths', async () => {
    const store = new MemoryDialerStore()
    store.failNext('lease')
    await expect(store.lease('camp-1', 0, 1, { owner: 'a', untilMs: 1 })).rejects.toThrow(
      'injected lease failure',
    )
    expect(await store.lease('camp-1', 0, 1, { owner: 'a', untilMs: 1 })).toEqual([])
  })

  it('keeps campaign states and DNC lists as copies', async () => {
    const states = new MemoryCampaignStates()
    const state = { campaignId: 'c', status: 'running' as const, updatedAtMs: 1 }
    await states.save(state)
    // Changing the caller's object after the save, or the loaded copy, must not reach the store.
    Object.assign(state, { status: 'paused', updatedAtMs: 2 })
    const loaded = await states.load()
    expect(loaded).toEqual([{ campaignId: 'c', status: 'running', updatedAtMs: 1 }])
    Object.assign(loaded[0]!, { status: 'stopped' })
    expect(await states.load()).toEqual([{ campaignId: 'c', status: 'running', updatedAtMs: 1 }])
    const dnc = new MemoryDncSource()
    dnc.add('internal', '+12125550100')
    dnc.national = { name: 'national', numbers: ['+12125550199'], loadedAtMs: 5 }
    const snapshot = await dnc.load()
    expect(snapshot.lists).toEqual([{ name: 'internal', numbers: ['+12125550100'] }])
    expect([...(snapshot.national[0]?.numbers ?? [])]).toEqual(['+12125550199'])
    ;(snapshot.lists[0]!.numbers as string[]).push('+12125550111')
    ;(snapshot.national[0]!.numbers as string[]).push('+12125550122')
    const again = await dnc.load()
    expect(again.lists).toEqual([{ name: 'internal', numbers: ['+12125550100'] }])
    expect([...(again.national[0]?.numbers ?? [])]).toEqual(['+12125550199'])
  })
})
