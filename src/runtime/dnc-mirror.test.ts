// Goal: the engine's DNC registry follows the store's lists (R5.4): numbers on a list the campaign
// scrubs against are never dialled, a number added through the API is blocked from the next dial,
// a reload removes what the store no longer lists, and the national list keeps its load time.
// A number added while its call waits for its attempt row is withheld: never dialled after the add.
import { describe, expect, it } from 'vitest'
import { memoryPorts } from '../../test/support/memory/memory-ports.ts'
import { DncRegistry } from '../compliance/dnc.ts'
import { VirtualClock } from '../dialer/ports/virtual-clock.ts'
import { DncMirror } from './dnc-mirror.ts'
import { TenantRuntime } from './tenant-runtime.ts'
import {
  collectingLog,
  KIT_SIMULATION,
  KIT_START_MS,
  kitAgentIds,
  kitContacts,
  kitTenant,
  runFor,
  type SpiedDial,
  spyNetwork,
} from './test-kit.ts'

describe('DncMirror', () => {
  it('applies snapshots as differences and single changes at once', () => {
    const registry = new DncRegistry()
    const mirror = new DncMirror(registry, collectingLog())
    mirror.apply({
      lists: [{ name: 'internal', numbers: ['+12125550101', '+12125550102'] }],
      national: [{ name: 'national', region: 'US', numbers: ['+12125550199'], loadedAtMs: 5 }],
    })
    expect(registry.hasInList('internal', '+12125550101')).toBe(true)
    expect(registry.nationalLoadedAtMs()).toBe(5)
    mirror.add('internal', '+12125550103')
    mirror.apply({
      lists: [{ name: 'internal', numbers: ['+12125550102'] }],
      national: [{ name: 'national', region: 'US', numbers: ['+12125550199'], loadedAtMs: 5 }],
    })
    expect(registry.hasInList('internal', '+12125550101')).toBe(false)
    expect(registry.hasInList('internal', '+12125550103')).toBe(false)
    expect(registry.hasInList('internal', '+12125550102')).toBe(true)
    expect(registry.hasNational('+12125550199')).toBe(true)
    mirror.apply({ lists: [], national: [] })
    expect(registry.listSize('internal')).toBe(0)
    expect(mirror.names()).toEqual([])
    expect(registry.hasNational('+12125550199')).toBe(false)
  })

  it('keeps each national list under its name and region; a number added goes to its list', () => {
    const registry = new DncRegistry()
    const mirror = new DncMirror(registry, collectingLog())
    mirror.apply({
      lists: [],
      national: [
        { name: 'us-registry', region: 'US', numbers: ['+12125550199'], loadedAtMs: 5 },
        { name: 'uk-tps', region: 'UK', numbers: ['+442079460001'], loadedAtMs: 7 },
      ],
    })
    mirror.add('uk-tps', '+442079460002')
    expect(registry.hasNational('+442079460002', ['UK'])).toBe(true)
    expect(registry.hasNational('+442079460002', ['US'])).toBe(false)
    expect(registry.hasNational('+12125550199', ['US'])).toBe(true)
    expect(registry.nationalLoadedAtMs('uk-tps')).toBe(7)
    expect(mirror.names()).toEqual([])
  })

  it('never dials a number on the campaign’s lists, loaded or added while running', async () => {
    const clock = new VirtualClock(KIT_START_MS)
    const ports = memoryPorts(kitTenant({ agents: 2 }))
    const contacts = kitContacts('camp-1', 40)
    ports.contacts.addContacts(contacts)
    const onList = contacts[0]!.numbers[0]!
    const addedLater = contacts.slice(20).map((c) => c.numbers[0]!)
    ports.dnc.add('internal', onList)
    const dials: SpiedDial[] = []
    const runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      telephony: spyNetwork(ports.contacts, dials),
      simulation: KIT_SIMULATION,
      simulatedAgents: kitAgentIds(2),
    })
    for (const number of addedLater) runtime.dncAdded('internal', number)
    await runtime.campaignAction('camp-1', 'start')
    await runFor(clock, 20 * 60_000)
    await runtime.writes.drained()
    const dialled = new Set(dials.map((d) => ports.attempts.attempts.get(d.callId)?.open.number))
    expect(dialled.has(onList)).toBe(false)
    expect(addedLater.filter((n) => dialled.has(n))).toEqual([])
    expect(dials.length).toBeGreaterThan(0)
    expect(ports.contacts.contacts.get(contacts[0]!.id)?.finished?.disposition).toBe('dncBlocked')
  })

  it('R5.4: a number added while its dial waits for its attempt row is never dialled', async () => {
    const clock = new VirtualClock(KIT_START_MS)
    const ports = memoryPorts(kitTenant({ agents: 2 }))
    const contacts = kitContacts('camp-1', 30)
    ports.contacts.addContacts(contacts)
    const dials: SpiedDial[] = []
    const runtime = await TenantRuntime.start({
      tenantId: 't1',
      clock,
      ports,
      owner: 'node-a',
      telephony: spyNetwork(ports.contacts, dials),
      simulation: KIT_SIMULATION,
      simulatedAgents: kitAgentIds(2),
    })
    // The API adds each of the first five numbers the engine decides to dial while the attempt
    // row is being written: past the compliance gate, before the network.
    const addedInFlight = new Set<string>()
    const open = ports.attempts.open.bind(ports.attempts)
    ports.attempts.open = async (attempt) => {
      if (addedInFlight.size < 5) {
        addedInFlight.add(attempt.number)
        runtime.dncAdded('internal', attempt.number)
      }
      return open(attempt)
    }
    await runtime.campaignAction('camp-1', 'start')
    // Past the 30 minutes after which the retry rules offer them again: the gate then refuses.
    await runFor(clock, 45 * 60_000, 1000)
    await runtime.writes.drained()
    const dialled = dials.map((d) => ports.attempts.attempts.get(d.callId)?.open.number)
    expect(addedInFlight.size).toBe(5)
    expect(dialled.filter((n) => n !== undefined && addedInFlight.has(n))).toEqual([])
    expect(dials.length).toBeGreaterThan(5)
    const finished = contacts.filter((c) => addedInFlight.has(c.numbers[0]!))
    for (const contact of finished)
      expect(ports.contacts.contacts.get(contact.id)?.finished?.disposition).toBe('dncBlocked')
    await runtime.close()
  })
})
