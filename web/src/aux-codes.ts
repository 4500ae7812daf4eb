// The tenant's auxiliary codes as the desktop and the board offer them: each stored body checked
// with the domain's own schema (what the API accepts), and the active IDLE ones only (an inactive
// code is kept for history, not offered).
import type { z } from 'zod'
import { auxCodeSchema } from '../../src/domain/config/aux-code.ts'

export type AuxCode = z.infer<typeof auxCodeSchema>

/** The active IDLE codes of a `/v1/aux-codes` page; a body the schema refuses is left out. */
export function idleCodesOf(page: { items: { body: unknown }[] } | undefined): AuxCode[] {
  return (page?.items ?? [])
    .flatMap((item) => {
      const parsed = auxCodeSchema.safeParse(item.body)
      return parsed.success ? [parsed.data] : []
    })
    .filter((code) => code.type === 'IDLE' && code.active)
}
