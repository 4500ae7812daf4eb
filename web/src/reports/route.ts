// Where the report pages are (issue 13, R9.1): the drill path lives in the URL, so a reload or a
// shared link opens the same table. `/reports` (campaigns), `/reports/campaigns/:id` (its
// intervals), `…/agents` (the agents of one interval), `…/agents/:agentId` (that agent's attempts
// in it), `/reports/agents` (the agent report); `from`/`to` days (the browser's zone, `to`
// included), `size` and the interval's start `at` in the query.
import { DateTime } from 'luxon'

export const SIZES = ['15m', '1h', '1d'] as const
export type Size = (typeof SIZES)[number]

export interface ReportRoute {
  view: 'campaigns' | 'intervals' | 'agents' | 'attempts' | 'agentReport'
  campaignId: string | null
  agentId: string | null
  /** First and last day of the range (yyyy-mm-dd in the browser's zone). */
  fromDay: string
  toDay: string
  size: Size
  /** The drilled interval's start (ISO with its offset). */
  at: string | null
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

export function routeOf(pathname: string, search: string): ReportRoute {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent)
  const query = new URLSearchParams(search)
  const today = DateTime.local().toISODate()!
  const day = (name: string, fallback: string) => {
    const value = query.get(name) ?? ''
    return DAY.test(value) && DateTime.fromISO(value).isValid ? value : fallback
  }
  const size = query.get('size')
  const base = {
    fromDay: day('from', DateTime.local().minus({ days: 6 }).toISODate()!),
    toDay: day('to', today),
    size: (SIZES as readonly string[]).includes(size ?? '') ? (size as Size) : '1h',
    at: query.get('at'),
    campaignId: null,
    agentId: null,
  }
  if (parts[1] === 'agents') return { ...base, view: 'agentReport' }
  if (parts[1] !== 'campaigns' || !parts[2]) return { ...base, view: 'campaigns' }
  const campaignId = parts[2]
  if (parts[3] !== 'agents' || !base.at) return { ...base, view: 'intervals', campaignId }
  if (!parts[4]) return { ...base, view: 'agents', campaignId }
  return { ...base, view: 'attempts', campaignId, agentId: parts[4] }
}

export function urlOf(route: ReportRoute): string {
  const query = new URLSearchParams({ from: route.fromDay, to: route.toDay })
  const enc = encodeURIComponent
  if (route.view === 'agentReport') return `/reports/agents?${query}`
  if (route.view === 'campaigns' || !route.campaignId) return `/reports?${query}`
  query.set('size', route.size)
  const campaign = `/reports/campaigns/${enc(route.campaignId)}`
  if (route.view === 'intervals' || !route.at) return `${campaign}?${query}`
  query.set('at', route.at)
  if (route.view === 'agents' || !route.agentId) return `${campaign}/agents?${query}`
  return `${campaign}/agents/${enc(route.agentId)}?${query}`
}

/** The range as the API's instants: from the first day's start to the day after the last. */
export function rangeOf(route: ReportRoute): { from: string; to: string } {
  const from = DateTime.fromISO(route.fromDay).startOf('day')
  let to = DateTime.fromISO(route.toDay).startOf('day').plus({ days: 1 })
  if (to <= from) to = from.plus({ days: 1 })
  return { from: from.toISO()!, to: to.toISO()! }
}

/** The drilled interval within the range: [start, start + size) clipped to it. */
export function intervalRangeOf(route: ReportRoute): { from: string; to: string } {
  const range = rangeOf(route)
  const start = DateTime.fromISO(route.at ?? range.from, { setZone: true })
  const end = start.plus(
    route.size === '15m' ? { minutes: 15 } : route.size === '1h' ? { hours: 1 } : { days: 1 },
  )
  const ms = (iso: string) => DateTime.fromISO(iso).toMillis()
  const from = Math.max(start.toMillis(), ms(range.from))
  const to = Math.min(end.toMillis(), ms(range.to))
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() }
}
