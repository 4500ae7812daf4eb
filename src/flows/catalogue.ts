// The activity catalogue a flow editor needs (issue 13): for each activity kind its JSON Schema
// (from the same zod schema the validator parses with), where it may appear, and its exits — the
// fields that name the next activity. Exits are read from the schema itself: a field typed as an
// activity id is a single exit, a record of activity ids is a set of branches (Case).
import { z } from 'zod'
import { ACTIVITY_KINDS } from './activities/activity-schema.ts'
import { activityIdSchema } from './activities/common.ts'
import { ACTIVITY_REGISTRY } from './activities/registry.ts'
import type { FlowEventName, FlowKind } from './types.ts'

export interface ActivityExit {
  field: string
  /** `single`: the field holds one activity id; `branches`: value → activity id. */
  shape: 'single' | 'branches'
  required: boolean
}

export interface ActivityCatalogueEntry {
  kind: string
  allowedIn: FlowKind[]
  events: FlowEventName[]
  exits: ActivityExit[]
  /** JSON Schema (draft 2020-12) of the activity, as input. */
  schema: Record<string, unknown>
}

function exitOf(field: string, schema: z.ZodType): ActivityExit | null {
  const required = !(schema instanceof z.ZodOptional)
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema
  if (inner === activityIdSchema) return { field, shape: 'single', required }
  if (inner instanceof z.ZodRecord && inner.valueType === activityIdSchema)
    return { field, shape: 'branches', required }
  return null
}

export function activityCatalogue(): ActivityCatalogueEntry[] {
  return ACTIVITY_KINDS.map((kind) => {
    const def = ACTIVITY_REGISTRY[kind]
    const schema = def.schema as unknown as z.ZodObject
    const exits = Object.entries(schema.shape)
      .map(([field, fieldSchema]) => exitOf(field, fieldSchema as z.ZodType))
      .filter((exit): exit is ActivityExit => exit !== null)
    return {
      kind,
      allowedIn: [...def.allowedIn],
      events: [...def.events],
      exits,
      schema: z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>,
    }
  })
}

/** Where an error path points inside a flow: `handlers.<event>.activities.<id>.<field…>`. */
export function issueLocation(path: string): { event?: string; activityId?: string } {
  const parts = path.split('.')
  if (parts[0] !== 'handlers' || parts[1] === undefined) return {}
  if (parts[2] !== 'activities' || parts[3] === undefined) return { event: parts[1] }
  return { event: parts[1], activityId: parts[3] }
}
