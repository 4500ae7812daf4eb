// The flow editor's model (issue 13), pure functions over the flow body as the API stores it
// (src/flows/schema.ts): a handler's activities and their exits as the activity catalogue
// (GET /v1/flow-activities) describes them, a layered layout, and the API's issues per activity.
import type { paths } from '../api-schema.d.ts'

export type CatalogueAnswer =
  paths['/v1/flow-activities']['get']['responses'][200]['content']['application/json']
export type Catalogue = CatalogueAnswer['items']
export type CatalogueEntry = Catalogue[number]
export type Activity = { kind: string } & Record<string, unknown>
export interface Handler {
  start: string
  activities: Record<string, Activity>
}
export interface FlowBody {
  id: string
  name: string
  kind: 'outdial' | 'inbound'
  variables: unknown[]
  handlers: Record<string, Handler | undefined>
}

/** An issue as the API reports it: a dotted field path and why. */
interface ErrorDetail {
  path: string
  message: string
}

/** One exit slot of an activity: `next`, `defaultNext`, or one Case branch (`branches.AMD`). */
export interface Exit {
  /** The error path under the activity, and the diagram's handle id. */
  key: string
  label: string
  target: string | undefined
}

export const entryOf = (catalogue: Catalogue, kind: string): CatalogueEntry | undefined =>
  catalogue.find((entry) => entry.kind === kind)

export function exitsOf(activity: Activity, entry: CatalogueEntry | undefined): Exit[] {
  const exits: Exit[] = []
  for (const exit of entry?.exits ?? []) {
    const value = activity[exit.field]
    if (exit.shape === 'single') {
      exits.push({
        key: exit.field,
        label: exit.field,
        target: typeof value === 'string' && value !== '' ? value : undefined,
      })
      continue
    }
    const branches = (value ?? {}) as Record<string, string>
    for (const [branch, target] of Object.entries(branches))
      exits.push({ key: `${exit.field}.${branch}`, label: branch, target: target || undefined })
  }
  return exits
}

/** The activity with one exit pointed at `target` (undefined: cleared). */
export function withExit(activity: Activity, key: string, target: string | undefined): Activity {
  const dot = key.indexOf('.')
  const copy: Activity = { ...activity }
  if (dot === -1) {
    if (target === undefined) delete copy[key]
    else copy[key] = target
    return copy
  }
  const field = key.slice(0, dot)
  copy[field] = {
    ...((activity[field] ?? {}) as Record<string, string>),
    [key.slice(dot + 1)]: target ?? '',
  }
  return copy
}

/**
 * Layered from the start activity: breadth-first, then each activity moved below all that lead
 * to it; activities the start does not reach go in one row below. Order inside a row is the order the search met them, then by id, so the
 * same flow is always drawn the same way. Positions are not stored in the flow (its schema is
 * strict and has no place for them).
 */
export function layout(
  handler: Handler,
  catalogue: Catalogue,
): Record<string, { x: number; y: number }> {
  const depth = new Map<string, number>()
  const order: string[] = []
  const queue = Object.hasOwn(handler.activities, handler.start) ? [handler.start] : []
  if (queue.length > 0) depth.set(handler.start, 0)
  while (queue.length > 0) {
    const id = queue.shift()!
    order.push(id)
    const activity = handler.activities[id]!
    for (const exit of exitsOf(activity, entryOf(catalogue, activity.kind))) {
      const target = exit.target
      if (target === undefined || depth.has(target) || !Object.hasOwn(handler.activities, target))
        continue
      depth.set(target, depth.get(id)! + 1)
      queue.push(target)
    }
  }
  // Longest path: an activity sits below every activity that leads to it (the validator refuses
  // cycles; on a flow that still has one, the passes stop after one per activity).
  for (let pass = 0; pass < order.length; pass += 1) {
    let moved = false
    for (const id of order) {
      const activity = handler.activities[id]!
      for (const exit of exitsOf(activity, entryOf(catalogue, activity.kind))) {
        const below = exit.target === undefined ? undefined : depth.get(exit.target)
        if (below === undefined || below > depth.get(id)!) continue
        depth.set(exit.target!, depth.get(id)! + 1)
        moved = true
      }
    }
    if (!moved) break
  }
  const reached = order.length
  const rest = Object.keys(handler.activities)
    .filter((id) => !depth.has(id))
    .sort()
  const lastRow = reached === 0 ? 0 : Math.max(...depth.values()) + 1
  for (const id of rest) depth.set(id, lastRow)
  const rows = new Map<number, string[]>()
  for (const id of [...order, ...rest]) {
    const row = depth.get(id)!
    rows.set(row, [...(rows.get(row) ?? []), id])
  }
  const positions: Record<string, { x: number; y: number }> = {}
  for (const [row, ids] of rows)
    ids.forEach((id, i) => {
      positions[id] = { x: (i - (ids.length - 1) / 2) * COLUMN_PX, y: row * ROW_PX }
    })
  return positions
}
const COLUMN_PX = 260
const ROW_PX = 170

/** Ids the start does not reach (drawn dimmed: they never run). */
export function unreachable(handler: Handler, catalogue: Catalogue): string[] {
  const seen = new Set<string>()
  const pending = [handler.start]
  while (pending.length > 0) {
    const id = pending.pop()!
    const activity = Object.hasOwn(handler.activities, id) ? handler.activities[id] : undefined
    if (activity === undefined || seen.has(id)) continue
    seen.add(id)
    for (const exit of exitsOf(activity, entryOf(catalogue, activity.kind)))
      if (exit.target !== undefined) pending.push(exit.target)
  }
  return Object.keys(handler.activities).filter((id) => !seen.has(id))
}

/** An issue placed on an activity: `field` is its path inside the activity ('' for itself). */
export interface ActivityIssue {
  field: string
  message: string
}

/**
 * The API's issues (400 from the schema, 422 or /v1/flows/validate from the validator) split into
 * those on an activity of this handler and the rest. Paths read `handlers.<event>.activities.<id>…`;
 * activity ids hold no dots.
 */
export function placeIssues(
  errors: readonly ErrorDetail[],
  event: string,
): { byActivity: Record<string, ActivityIssue[]>; other: ErrorDetail[] } {
  const prefix = `handlers.${event}.activities.`
  const byActivity: Record<string, ActivityIssue[]> = {}
  const other: ErrorDetail[] = []
  for (const error of errors) {
    if (!error.path.startsWith(prefix)) {
      other.push(error)
      continue
    }
    const rest = error.path.slice(prefix.length)
    const dot = rest.indexOf('.')
    const id = dot === -1 ? rest : rest.slice(0, dot)
    const field = dot === -1 ? '' : rest.slice(dot + 1)
    byActivity[id] = [...(byActivity[id] ?? []), { field, message: error.message }]
  }
  return { byActivity, other }
}

/** A fresh id for a new activity of this kind: `playMessage1`, `playMessage2`, … */
export function newActivityId(handler: Handler, kind: string): string {
  const base = kind.charAt(0).toLowerCase() + kind.slice(1).replace(/[^A-Za-z0-9]/g, '')
  let n = 1
  while (Object.hasOwn(handler.activities, `${base}${n}`)) n += 1
  return `${base}${n}`
}

/** A new activity: its kind and the schema's defaults; the rest is filled in the panel. */
export function newActivity(entry: CatalogueEntry): Activity {
  const activity: Activity = { kind: entry.kind }
  const properties = (entry.schema.properties ?? {}) as Record<string, { default?: unknown }>
  for (const [key, property] of Object.entries(properties))
    if (property.default !== undefined) activity[key] = property.default
  if (entry.exits.some((e) => e.shape === 'branches' && e.required)) {
    const field = entry.exits.find((e) => e.shape === 'branches')!.field
    activity[field] = {}
  }
  return activity
}

/** The handler without the activity; exits that led to it are cleared, and start moves on. */
export function withoutActivity(handler: Handler, id: string, catalogue: Catalogue): Handler {
  const activities: Record<string, Activity> = {}
  for (const [otherId, activity] of Object.entries(handler.activities)) {
    if (otherId === id) continue
    let next = activity
    for (const exit of exitsOf(activity, entryOf(catalogue, activity.kind)))
      if (exit.target === id)
        next = exit.key.includes('.')
          ? withoutBranch(next, exit.key)
          : withExit(next, exit.key, undefined)
    activities[otherId] = next
  }
  const start = handler.start === id ? (Object.keys(activities)[0] ?? '') : handler.start
  return { start, activities }
}

/** The activity without one Case branch (`branches.AMD`). */
export function withoutBranch(activity: Activity, key: string): Activity {
  const dot = key.indexOf('.')
  const field = key.slice(0, dot)
  const branches = { ...((activity[field] ?? {}) as Record<string, string>) }
  delete branches[key.slice(dot + 1)]
  return { ...activity, [field]: branches }
}
