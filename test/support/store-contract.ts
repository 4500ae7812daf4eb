// The contract suite of the durable ports (each port has one suite that every adapter passes):
// memory-ports.test.ts runs it on the in-memory store; the SQL store's tests run it on SQLite and
// PostgreSQL. Only tests import this module.
import { describe, expect, it } from 'vitest'
import type { Contact } from '../../src/domain/contact.ts'
import type {
  AttemptLog,
  AttemptOpen,
  ContactStore,
  Lease,
} from '../../src/store/ports/dialer-store.ts'

export interface DialerStoreUnderTest {
  contacts: ContactStore
  attempts: AttemptLog
  /** Pending contacts of their campaigns, due at `notBeforeMs` (the import's job). */
  addContacts(contacts: Contact[], notBeforeMs?: number): Promise<void>
  close?(): Promise<void>
}

const T0 = Date.parse('2026-03-02T15:00:00Z')
const LEASE_MS = 120_000
const lease = (owner: string, atMs = T0): Lease => ({ owner, untilMs: atMs + LEASE_MS })

function contact(id: string, campaignId = 'camp-1'): Contact {
  return { id, campaignId, numbers: ['+12125550100'], fields: {} }
}

function openOf(contactId: string, attemptId: string, owner: string, atMs = T0): AttemptOpen {
  return {
    attemptId,
    campaignId: 'camp-1',
    contactId,
    number: '+12125550100',
    callerId: '+15550100000',
    agentId: null,
    atMs,
    lease: lease(owner, atMs),
    storedContact: true,
  }
}

export function describeDialerStoreContract(
  name: string,
  make: () => Promise<DialerStoreUnderTest>,
): void {
  describe(`dialer store contract: ${name}`, () => {
    async function withStore(run: (store: DialerStoreUnderTest) => Promise<void>) {
      const store = await make()
      try {
        await run(store)
      } finally {
        await store.close?.()
      }
    }

    it('leases due contacts in due order, up to the limit, to one owner at a time', () =>
      withStore(async ({ contacts, addContacts }) => {
        await addContacts([contact('c2')], T0 - 1000)
        await addContacts([contact('c1')], T0 - 2000)
        await addContacts([contact('c3')], T0 + 60_000)
        await addContacts([contact('x1', 'camp-2')], T0 - 5000)
        const first = await contacts.lease('camp-1', T0, 1, lease('a'))
        expect(first.map((c) => c.contact.id)).toEqual(['c1'])
        expect(first[0]).toMatchObject({ attempts: [], notBeforeMs: T0 - 2000 })
        const rest = await contacts.lease('camp-1', T0, 10, lease('b'))
        expect(rest.map((c) => c.contact.id)).toEqual(['c2'])
        expect(await contacts.lease('camp-1', T0 + 1000, 10, lease('b', T0 + 1000))).toEqual([])
        // Expired leases are up for grabs again.
        const later = T0 + LEASE_MS + 60_000
        const again = await contacts.lease('camp-1', later, 10, lease('b', later))
        expect(again.map((c) => c.contact.id)).toEqual(['c1', 'c2', 'c3'])
        expect(await contacts.pending('camp-1', later)).toEqual({ count: 0, nextDueMs: null })
      }))

    it('reschedules and finishes only for the lease holder', () =>
      withStore(async ({ contacts, addContacts }) => {
        await addContacts([contact('c1'), contact('c2')], T0)
        await contacts.lease('camp-1', T0, 10, lease('a'))
        expect(await contacts.reschedule('c1', T0 + 5000, 'b')).toBe(false)
        expect(await contacts.reschedule('c1', T0 + 5000, 'a')).toBe(true)
        expect(await contacts.finish('c2', 'success', 'b', T0)).toBe(false)
        expect(await contacts.finish('c2', 'success', 'a', T0)).toBe(true)
        expect(await contacts.pending('camp-1', T0)).toEqual({ count: 1, nextDueMs: T0 + 5000 })
        expect(await contacts.lease('camp-1', T0 + 1000, 10, lease('b', T0 + 1000))).toEqual([])
        const due = await contacts.lease('camp-1', T0 + 5000, 10, lease('b', T0 + 5000))
        expect(due.map((c) => c.contact.id)).toEqual(['c1'])
        const end = T0 + 10 * LEASE_MS
        expect(await contacts.lease('camp-1', end, 10, lease('c', end))).toHaveLength(1)
        expect(await contacts.reschedule('c2', end, 'a')).toBe(false)
      }))

    it('R5.2 a contact held for wrap-up whose lease is lost is due at the fallback, or finished', () =>
      withStore(async ({ contacts, attempts, addContacts }) => {
        await addContacts(
          ['c1', 'c2', 'c3', 'c4'].map((id) => contact(id)),
          T0,
        )
        await contacts.lease('camp-1', T0, 10, lease('a'))
        const endedAt = T0 + 60_000
        const retryAt = T0 + 3_600_000
        const due = { kind: 'due', notBeforeMs: retryAt } as const
        const finished = { kind: 'finished', disposition: 'notRetryable' } as const
        expect(await contacts.holdForWrapUp('c1', due, 'b', endedAt)).toBe(false)
        expect(await contacts.holdForWrapUp('c1', due, 'a', endedAt)).toBe(true)
        expect(await contacts.holdForWrapUp('c2', finished, 'a', endedAt)).toBe(true)
        expect(await contacts.holdForWrapUp('c3', due, 'a', endedAt)).toBe(true)
        expect(await contacts.holdForWrapUp('c4', finished, 'a', endedAt)).toBe(true)
        // Held: the owner keeps renewing the leases, nobody else takes them.
        const renewAt = T0 + 90_000
        expect(
          await contacts.renewContactLeases(lease('a', renewAt), renewAt, ['c1', 'c2', 'c3', 'c4']),
        ).toBe(4)
        expect(await contacts.lease('camp-1', renewAt, 10, lease('b', renewAt))).toEqual([])
        // The agent's codes amend the fallback: a final code, a callback after a finishing one.
        expect(await contacts.finish('c3', 'finalCode', 'b', renewAt)).toBe(false)
        expect(await contacts.finish('c3', 'finalCode', 'a', renewAt)).toBe(true)
        const callbackAt = T0 + 1_800_000
        expect(await contacts.reschedule('c4', callbackAt, 'a')).toBe(true)
        // The owner dies: its leases run out. c1 is due only at the retry time, c2 never.
        const lost = renewAt + LEASE_MS + 1000
        expect(await contacts.lease('camp-1', lost, 10, lease('b', lost))).toEqual([])
        expect(await contacts.pending('camp-1', lost)).toEqual({ count: 2, nextDueMs: callbackAt })
        expect(await attempts.open(openOf('c2', 'att-2', 'a', renewAt))).toEqual({
          kind: 'refused',
          reason: 'contactFinished',
        })
        const atCallback = await contacts.lease('camp-1', callbackAt, 10, lease('b', callbackAt))
        expect(atCallback.map((c) => c.contact.id)).toEqual(['c4'])
        expect(await contacts.reschedule('c4', T0 + 7_200_000, 'b')).toBe(true)
        const atRetry = await contacts.lease('camp-1', retryAt, 10, lease('b', retryAt))
        expect(atRetry.map((c) => c.contact.id)).toEqual(['c1'])
        expect(atRetry[0]?.notBeforeMs).toBe(retryAt)
        const end = T0 + 100 * LEASE_MS
        expect(await contacts.lease('camp-1', end, 10, lease('c', end))).toHaveLength(2)
      }))

    it('R5.2 keeps the agent of an agent callback with the contact until it is settled again', () =>
      withStore(async ({ contacts, addContacts }) => {
        await addContacts([contact('c1'), contact('c2')], T0)
        await contacts.lease('camp-1', T0, 10, lease('a'))
        const callbackAt = T0 + 600_000
        expect(await contacts.reschedule('c1', callbackAt, 'b', 'agent-7')).toBe(false)
        expect(await contacts.reschedule('c1', callbackAt, 'a', 'agent-7')).toBe(true)
        expect(await contacts.reschedule('c2', callbackAt, 'a')).toBe(true)
        const due = await contacts.lease('camp-1', callbackAt, 10, lease('b', callbackAt))
        expect(due.map((c) => [c.contact.id, c.callbackAgentId])).toEqual([
          ['c1', 'agent-7'],
          ['c2', undefined],
        ])
        // Settled again (the callback was dialled): no agent any more.
        expect(await contacts.reschedule('c1', callbackAt + 1000, 'b')).toBe(true)
        const [again] = await contacts.lease('camp-1', callbackAt + 1000, 1, lease('c', callbackAt))
        expect(again).toMatchObject({ contact: { id: 'c1' } })
        expect(again?.callbackAgentId).toBeUndefined()
      }))

    it('opens an attempt only under the contact’s live lease, one open attempt per contact', () =>
      withStore(async ({ contacts, attempts, addContacts }) => {
        await addContacts([contact('c1'), contact('c2')], T0)
        await contacts.lease('camp-1', T0, 1, lease('a'))
        expect(await attempts.open(openOf('c1', 'att-b', 'b'))).toEqual({
          kind: 'refused',
          reason: 'leaseLost',
        })
        expect(await attempts.open(openOf('c1', 'att-1', 'a'))).toEqual({ kind: 'opened' })
        expect(await attempts.open(openOf('c1', 'att-1', 'a'))).toMatchObject({ kind: 'refused' })
        expect(await attempts.open(openOf('c1', 'att-2', 'a'))).toEqual({
          kind: 'refused',
          reason: 'attemptOpen',
        })
        expect(
          await attempts.open({ ...openOf('c9', 'api-1', 'a'), storedContact: false }),
        ).toEqual({ kind: 'opened' })
        // The contact's lease ran out but its attempt is open: nobody may lease it.
        const later = T0 + LEASE_MS + 1000
        const leased = await contacts.lease('camp-1', later, 10, lease('b', later))
        expect(leased.map((c) => c.contact.id)).toEqual(['c2'])
        await contacts.finish('c2', 'removed', 'b', later)
        expect(await attempts.open(openOf('c2', 'att-3', 'b', later))).toEqual({
          kind: 'refused',
          reason: 'contactFinished',
        })
      }))

    it('closes an attempt exactly once', () =>
      withStore(async ({ contacts, attempts, addContacts }) => {
        await addContacts([contact('c1')], T0)
        await contacts.lease('camp-1', T0, 1, lease('a'))
        await attempts.open(openOf('c1', 'att-1', 'a'))
        const close = {
          attemptId: 'att-1',
          outcome: 'LIVE_VOICE' as const,
          atMs: T0 + 90_000,
          agentId: 'agent-1',
          details: { dialedAtMs: T0, hangupParty: 'agent' as const },
        }
        expect(await attempts.close(close)).toBe(true)
        expect(await attempts.close({ ...close, outcome: 'ABANDONED' })).toBe(false)
        expect(await attempts.close({ ...close, attemptId: 'never' })).toBe(false)
        await contacts.reschedule('c1', T0 + 100_000, 'a')
        const [again] = await contacts.lease('camp-1', T0 + 100_000, 1, lease('a', T0 + 100_000))
        expect(again?.attempts).toEqual([
          { atMs: T0, outcome: 'LIVE_VOICE', number: '+12125550100' },
        ])
      }))

    it('R7.3 names the bridged agent on an open attempt only', () =>
      withStore(async ({ contacts, attempts, addContacts }) => {
        await addContacts([contact('c1')], T0)
        await contacts.lease('camp-1', T0, 1, lease('a'))
        await attempts.open(openOf('c1', 'att-1', 'a'))
        expect(await attempts.assignAgent('att-1', 'agent-7')).toBe(true)
        expect(await attempts.assignAgent('never', 'agent-7')).toBe(false)
        // The open row carries the agent: recovery (the row as stored) names it.
        const later = T0 + LEASE_MS + 1000
        const [recovered] = await attempts.recover(later, lease('b', later), 10)
        expect(recovered).toMatchObject({ attemptId: 'att-1', agentId: 'agent-7' })
        expect(await attempts.assignAgent('att-1', 'agent-8')).toBe(false)
      }))

    it("issue 16: recovers a dead owner's attempts and frees its contacts at once, before its leases run out", () =>
      withStore(async ({ contacts, attempts, addContacts }) => {
        await addContacts([contact('c1'), contact('c2'), contact('c3')], T0)
        await contacts.lease('camp-1', T0, 2, lease('dead'))
        await contacts.lease('camp-1', T0, 1, lease('alive'))
        await attempts.open(openOf('c1', 'att-1', 'dead'))
        await attempts.open(openOf('c3', 'att-3', 'alive'))
        const at = T0 + 1000
        expect(await attempts.leaseOwners(at)).toEqual(['alive', 'dead'])
        // Leases still hold: without knowing who died, nothing is recovered yet.
        expect(await attempts.recover(at, lease('b', at), 10)).toEqual([])
        const recovered = await attempts.recover(at, lease('b', at), 10, ['dead'])
        expect(recovered.map((r) => [r.attemptId, r.contact?.contact.id])).toEqual([
          ['att-1', 'c1'],
        ])
        // c2 was leased by the dead owner without an attempt: free again at once.
        expect(await contacts.releaseLeasesOf(['dead'])).toBe(1)
        const again = await contacts.lease('camp-1', at, 10, lease('b', at))
        expect(again.map((c) => c.contact.id)).toEqual(['c2'])
        expect(await attempts.leaseOwners(at)).toEqual(['alive', 'b'])
      }))

    it('recovers expired open attempts as UNKNOWN and hands their contacts over; live ones stay', () =>
      withStore(async ({ contacts, attempts, addContacts }) => {
        await addContacts([contact('c1'), contact('c2')], T0)
        await contacts.lease('camp-1', T0, 10, lease('a'))
        await attempts.open(openOf('c1', 'att-1', 'a'))
        await attempts.open(openOf('c2', 'att-2', 'a'))
        // Owner a keeps only att-2 and c2 alive.
        const renewAt = T0 + 60_000
        expect(await contacts.renewContactLeases(lease('a', renewAt), renewAt, ['c2'])).toBe(1)
        expect(await attempts.renewAttemptLeases(lease('a', renewAt), renewAt, ['att-2'])).toBe(1)
        expect(await attempts.renewAttemptLeases(lease('z', renewAt), renewAt, ['att-2'])).toBe(0)
        const at = T0 + LEASE_MS + 1000
        const recovered = await attempts.recover(at, lease('b', at), 10)
        expect(recovered).toHaveLength(1)
        expect(recovered[0]).toMatchObject({
          attemptId: 'att-1',
          campaignId: 'camp-1',
          contactId: 'c1',
          number: '+12125550100',
          callerId: '+15550100000',
          agentId: null,
          openedAtMs: T0,
          contact: {
            contact: { id: 'c1' },
            attempts: [{ atMs: T0, outcome: 'UNKNOWN', number: '+12125550100' }],
          },
        })
        expect(await attempts.recover(at, lease('b', at), 10)).toEqual([])
        expect(await contacts.reschedule('c1', at + 600_000, 'b')).toBe(true)
        expect(
          await attempts.close({
            attemptId: 'att-1',
            outcome: 'LIVE_VOICE',
            atMs: at,
            agentId: null,
            details: { dialedAtMs: T0 },
          }),
        ).toBe(false)
      }))

    it('answers the compliance history: connects and abandons per bucket, abandoned numbers', () =>
      withStore(async ({ contacts, attempts, addContacts }) => {
        await addContacts([contact('c1'), contact('c2'), contact('c3')], T0)
        await contacts.lease('camp-1', T0, 10, lease('a'))
        const outcomes = ['LIVE_VOICE', 'ABANDONED', 'SYSTEM_ABANDONED'] as const
        for (const [i, outcome] of outcomes.entries()) {
          const id = `c${i + 1}`
          await attempts.open(openOf(id, `att-${i}`, 'a'))
          await attempts.close({
            attemptId: `att-${i}`,
            outcome,
            atMs: T0 + 30_000 + i,
            agentId: null,
            details: { dialedAtMs: T0 },
          })
        }
        const history = await attempts.complianceHistory({
          sinceMs: T0 - 3_600_000,
          bucketMs: 60_000,
          abandonedSinceMs: T0,
        })
        expect(history.buckets).toEqual([
          { campaignId: 'camp-1', startMs: T0, connected: 1, abandoned: 1 },
        ])
        expect(history.abandonedNumbers.map((n) => n.atMs)).toEqual([T0 + 30_001, T0 + 30_002])
      }))
  })
}
