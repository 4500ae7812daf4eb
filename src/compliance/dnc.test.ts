// Goal: internal DNC lists and the national list block numbers only when their switch is on, adds
// and removes report typed results (duplicate → 'duplicate', like the API's 409), a refused national
// load keeps the previous copy, and the national copy's age is judged against the region's maximum;
// 1,000,000 national numbers load and look up quickly. Requirements: R5.4, R5.2, R10.3.
import { describe, expect, it } from 'vitest'
import { DncRegistry } from './dnc.ts'

const ON = { dncEnabled: true, ndncEnabled: true, dncListNames: ['internal', 'complaints'] }
const DAY_MS = 86_400_000
const DAY_SEC = 86_400
const LOADED_AT_MS = 1_750_000_000_000

describe('internal lists', () => {
  it('adds, reports a duplicate, and removes', () => {
    const dnc = new DncRegistry()
    expect(dnc.addToList('internal', '+14155550100', { source: 'desktop' })).toEqual({
      kind: 'added',
    })
    expect(dnc.addToList('internal', '+14155550100')).toEqual({ kind: 'duplicate' })
    expect(dnc.getEntry('internal', '+14155550100')).toEqual({ source: 'desktop' })
    expect(dnc.hasInList('internal', '+14155550100')).toBe(true)
    expect(dnc.listSize('internal')).toBe(1)
    expect(dnc.removeFromList('internal', '+14155550100')).toEqual({ kind: 'removed' })
    expect(dnc.removeFromList('internal', '+14155550100')).toEqual({ kind: 'notFound' })
    expect(dnc.removeFromList('nope', '+14155550100')).toEqual({ kind: 'notFound' })
    expect(dnc.hasInList('internal', '+14155550100')).toBe(false)
  })

  it('refuses numbers that are not E.164 and empty list names', () => {
    const dnc = new DncRegistry()
    for (const bad of ['4155550100', '+0155550100', '+1415555010012345', '+1 415 555 0100']) {
      expect(dnc.addToList('internal', bad)).toEqual({ kind: 'invalidNumber' })
    }
    expect(dnc.addToList('', '+14155550100')).toEqual({ kind: 'invalidListName' })
    expect(dnc.listNames()).toEqual([])
  })

  it('keeps lists apart: the same number may sit on two lists', () => {
    const dnc = new DncRegistry()
    expect(dnc.addToList('internal', '+442071838750').kind).toBe('added')
    expect(dnc.addToList('complaints', '+442071838750').kind).toBe('added')
    expect(dnc.listNames().sort()).toEqual(['complaints', 'internal'])
  })
})

describe('checkDnc', () => {
  const dnc = new DncRegistry()
  dnc.addToList('complaints', '+14155550101')
  dnc.addToList('other-campaign', '+14155550102')
  dnc.loadNational(['+14155550103'], LOADED_AT_MS)

  it('reports the first of the campaign’s lists that holds the number', () => {
    expect(dnc.checkDnc('+14155550101', ON)).toEqual({ kind: 'dncBlocked', list: 'complaints' })
  })

  it('ignores lists the campaign does not use, and lists that do not exist', () => {
    expect(dnc.checkDnc('+14155550102', ON)).toEqual({ kind: 'ok' })
    expect(dnc.checkDnc('+14155550101', { ...ON, dncListNames: ['missing'] })).toEqual({
      kind: 'ok',
    })
  })

  it('blocks national numbers only with ndncEnabled, internal ones only with dncEnabled', () => {
    expect(dnc.checkDnc('+14155550103', ON)).toEqual({ kind: 'ndncBlocked' })
    expect(dnc.checkDnc('+14155550103', { ...ON, ndncEnabled: false })).toEqual({ kind: 'ok' })
    expect(dnc.checkDnc('+14155550101', { ...ON, dncEnabled: false })).toEqual({ kind: 'ok' })
    expect(dnc.checkDnc('+14155550199', ON)).toEqual({ kind: 'ok' })
  })
})

describe('national list', () => {
  it('is missing until loaded, fresh up to the maximum age, stale after it', () => {
    const dnc = new DncRegistry()
    expect(dnc.nationalListFreshness(LOADED_AT_MS, 31 * DAY_SEC)).toEqual({ kind: 'missing' })
    dnc.loadNational(['+14155550103'], LOADED_AT_MS)
    expect(dnc.nationalLoadedAtMs()).toBe(LOADED_AT_MS)
    expect(dnc.nationalListFreshness(LOADED_AT_MS + 31 * DAY_MS, 31 * DAY_SEC)).toEqual({
      kind: 'fresh',
    })
    expect(
      dnc.nationalListFreshness(LOADED_AT_MS + 31 * DAY_MS + 1000, 31 * DAY_SEC),
    ).toMatchObject({
      kind: 'stale',
      ageSec: 31 * DAY_SEC + 1,
    })
    // UK allows 28 days: the same copy is stale there three days earlier.
    expect(dnc.nationalListFreshness(LOADED_AT_MS + 29 * DAY_MS, 28 * DAY_SEC).kind).toBe('stale')
  })

  it('treats a load time after nowMs (clock stepped back) as age 0', () => {
    const dnc = new DncRegistry()
    dnc.loadNational([], LOADED_AT_MS)
    expect(dnc.nationalListFreshness(LOADED_AT_MS - DAY_MS, DAY_SEC)).toEqual({ kind: 'fresh' })
  })

  it('replaces the whole copy on reload and counts malformed lines', () => {
    const dnc = new DncRegistry()
    dnc.loadNational(['+14155550103'], LOADED_AT_MS)
    const result = dnc.loadNational(['+14155550104', 'garbage', '+14155550104'], LOADED_AT_MS + 1)
    expect(result).toEqual({ kind: 'loaded', count: 1, invalidCount: 1 })
    expect(dnc.hasNational('+14155550103')).toBe(false)
    expect(dnc.hasNational('+14155550104')).toBe(true)
    expect(dnc.nationalLoadedAtMs()).toBe(LOADED_AT_MS + 1)
  })

  it('loads and checks 1,000,000 numbers', () => {
    const dnc = new DncRegistry()
    function* numbers(): Generator<string> {
      for (let i = 0; i < 1_000_000; i++) yield `+1${String(2_000_000_000 + i)}`
    }
    const result = dnc.loadNational(numbers(), LOADED_AT_MS)
    expect(result).toEqual({ kind: 'loaded', count: 1_000_000, invalidCount: 0 })
    expect(dnc.nationalSize()).toBe(1_000_000)
    expect(dnc.checkDnc('+12000999999', ON)).toEqual({ kind: 'ndncBlocked' })
    expect(dnc.checkDnc('+12001000000', ON)).toEqual({ kind: 'ok' })
  })
})
