// Auxiliary codes (R7.1, Appendix A): idle reasons and wrap-up codes. The first code of each type
// in the tenant's list is that type's default (what the dialer sets when the agent did not choose,
// e.g. a reservation call not answered in time, R7.2).
import { z } from 'zod'
import { AUX_CODES_MAX } from './limits.ts'
import {
  addDuplicateIssues,
  booleanSchema,
  enumSchema,
  idSchema,
  nameSchema,
} from './schema-kit.ts'

export const AUX_CODE_TYPES = ['IDLE', 'WRAP_UP'] as const
export type AuxCodeType = (typeof AUX_CODE_TYPES)[number]

export const auxCodeSchema = z.object({
  id: idSchema('id'),
  name: nameSchema('name'),
  type: enumSchema('type', AUX_CODE_TYPES, 'Appendix A: idle and wrap-up codes'),
  /** An inactive code is kept for history but not offered to agents. */
  active: booleanSchema('active').default(true),
})
export type AuxCode = z.infer<typeof auxCodeSchema>

/** The tenant's codes: ids unique, and at least one active code of each type to default to. */
export const auxCodeListSchema = z
  .array(auxCodeSchema)
  .max(AUX_CODES_MAX, `at most ${AUX_CODES_MAX} auxiliary codes`)
  .superRefine((codes, ctx) => {
    addDuplicateIssues(ctx, codes, (code) => code.id, {
      basePath: [],
      keyPath: ['id'],
      what: 'auxiliary code',
      why: 'an agent state names its code by id',
    })
    for (const type of AUX_CODE_TYPES) {
      if (defaultAuxCode(codes, type) === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: `no active ${type} code: the first one is the default the dialer sets when the agent chose none (Appendix A, R7.2)`,
        })
      }
    }
  })

/** Appendix A: the first active code of `type` is the default; undefined when there is none. */
export function defaultAuxCode(codes: readonly AuxCode[], type: AuxCodeType): AuxCode | undefined {
  return codes.find((code) => code.type === type && code.active)
}
