// Pagination on every list (issue 5): `?limit=&offset=`, answered with `{ items, total, limit, offset }`.
import { z } from 'zod'

export const PAGE_LIMIT_DEFAULT = 50
export const PAGE_LIMIT_MAX = 200

export const pageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGE_LIMIT_MAX, `limit is at most ${PAGE_LIMIT_MAX} items per page`)
    .default(PAGE_LIMIT_DEFAULT),
  offset: z.coerce.number().int().min(0).default(0),
})

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('Items in the whole list'),
    limit: z.number().int(),
    offset: z.number().int(),
  })
}
