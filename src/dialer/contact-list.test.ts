import { describe, expect, it } from 'vitest'
import type { Contact } from '../domain/contact.ts'
import { type AttemptSummary, GeneratedContactList } from './contact-list.ts'

const contactOf = (index: number): Contact => ({
  id: `contact-${index}`,
  campaignId: 'c',
  numbers: [`+1555000${1000 + index}`, `+1555900${1000 + index}`],
  timeZone: 'America/New_York',
  fields: {},
})

describe('GeneratedContactList', () => {
  it('gives a waiting contact back with the attempts it was rescheduled with, when due', () => {
    const list = new GeneratedContactList(contactOf)
    const first = list.takeDue(1000)!
    expect(first.contact.id).toBe('contact-1')
    const attempts: AttemptSummary[] = [
      { atMs: 1000, outcome: 'NO_ANSWER_CUSTOMER', number: first.contact.numbers[0]! },
      { atMs: 1_772_442_000_123, outcome: 'AMD', number: first.contact.numbers[1]! },
    ]
    first.attempts = attempts
    list.reschedule(first, 5000)
    expect(list.takeDue(4999)!.contact.id).toBe('contact-2')
    const again = list.takeDue(5000)!
    expect(again.contact).toEqual(contactOf(1))
    expect(again.attempts).toEqual(attempts)
    expect(again.notBeforeMs).toBe(5000)
  })

  it('keeps the attempts as they were when one was on a number the contact does not list', () => {
    const list = new GeneratedContactList(contactOf)
    const first = list.takeDue(0)!
    const attempts: AttemptSummary[] = [
      { atMs: 0, outcome: 'CUSTOMER_BUSY', number: '+15550000000' },
    ]
    first.attempts = attempts
    list.reschedule(first, 10)
    expect(list.takeDue(10)!.attempts).toEqual(attempts)
  })
})
