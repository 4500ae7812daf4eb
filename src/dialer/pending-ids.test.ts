// Goal: the settle loop's pending ids behave as a Set of strings does (insertion order, no
// duplicates, delete keeps the others' order) while reusing one array (issue 15, engine speed).
import { describe, expect, it } from 'vitest'
import { PendingIds } from './pending-ids.ts'

function pendingOf(ids: PendingIds): string[] {
  const target = ['stale', 'stale', 'stale', 'stale']
  return target.slice(0, ids.copyTo(target))
}

describe('PendingIds', () => {
  it('keeps insertion order without duplicates, as a Set', () => {
    const ids = new PendingIds()
    for (const id of ['b', 'a', 'b', 'c']) ids.add(id)
    expect(ids.size).toBe(3)
    expect(pendingOf(ids)).toEqual(['b', 'a', 'c'])
    expect(ids.has('a')).toBe(true)
    expect(ids.has('d')).toBe(false)
  })

  it('deletes in place, and an id added again goes to the end', () => {
    const ids = new PendingIds()
    for (const id of ['a', 'b', 'c']) ids.add(id)
    expect(ids.delete('a')).toBe(true)
    expect(ids.delete('a')).toBe(false)
    ids.add('a')
    expect(pendingOf(ids)).toEqual(['b', 'c', 'a'])
    for (const id of ['b', 'c', 'a']) ids.delete(id)
    expect(ids.size).toBe(0)
    expect(pendingOf(ids)).toEqual([])
  })
})
