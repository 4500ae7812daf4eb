// Campaign group (R5.1): a voice campaign group names its outdial entry point (and so its queue and
// flow), its pacing (R1) with the per-mode parameters, the business parameters that bind contact
// fields to String global variables, and the AMD false-positive estimate pacing leaves room for.
import { z } from 'zod'
import { findGlobalVariable, type GlobalVariable } from '../config/global-variable.ts'
import { GLOBAL_VARIABLES_CAMPAIGN_MAX } from '../config/limits.ts'
import {
  addDuplicateIssues,
  boundedNumber,
  boundedString,
  idSchema,
  nameSchema,
} from '../config/schema-kit.ts'
import {
  AMD_HUMAN_AS_MACHINE_PCT_DEFAULT,
  AMD_HUMAN_AS_MACHINE_PCT_MAX,
  AMD_HUMAN_AS_MACHINE_PCT_MIN,
  ENTRY_POINT_ID_LENGTH_MAX,
} from './limits.ts'
import { pacingSchema } from './pacing.ts'

/** Longest contact field name (a CSV column or JSON key of a contact list). */
export const CONTACT_FIELD_NAME_LENGTH_MAX = 80

export const businessParameterSchema = z.object({
  /** The contact-list field (CSV column or JSON key). */
  fieldName: boundedString('fieldName', CONTACT_FIELD_NAME_LENGTH_MAX, 'a contact list field name'),
  /** The STRING global variable that carries it to flows, desktop and reports (R4.4). */
  globalVariableName: boundedString(
    'globalVariableName',
    CONTACT_FIELD_NAME_LENGTH_MAX,
    'a global variable name',
  ),
})

export const campaignGroupSchema = z
  .object({
    id: idSchema('id'),
    name: nameSchema('name'),
    /** R4.5: the outdial entry point (and through it the outdial queue and flow). */
    entryPointId: boundedString(
      'entryPointId',
      ENTRY_POINT_ID_LENGTH_MAX,
      'webex-dialer-api.md §2: entry point ids are ≤ 36 characters',
    ),
    pacing: pacingSchema,
    businessParameters: z
      .array(businessParameterSchema)
      .max(
        GLOBAL_VARIABLES_CAMPAIGN_MAX,
        `at most ${GLOBAL_VARIABLES_CAMPAIGN_MAX} business parameters: one per campaign data global variable (R4.4)`,
      )
      .default([]),
    /**
     * The configured share (%) of live people that AMD classes as machines. Those calls are lost
     * connects the abandon rate does not see, so pacing leaves room for them.
     */
    amdHumanAsMachinePctEstimate: boundedNumber({
      field: 'amdHumanAsMachinePctEstimate',
      min: AMD_HUMAN_AS_MACHINE_PCT_MIN,
      max: AMD_HUMAN_AS_MACHINE_PCT_MAX,
      unit: '%',
      why: 'a share of calls',
    }).default(AMD_HUMAN_AS_MACHINE_PCT_DEFAULT),
  })
  .superRefine((group, ctx) => {
    addDuplicateIssues(ctx, group.businessParameters, (parameter) => parameter.fieldName, {
      basePath: ['businessParameters'],
      keyPath: ['fieldName'],
      what: 'contact field',
      why: 'a field is bound to one global variable',
    })
    addDuplicateIssues(ctx, group.businessParameters, (parameter) => parameter.globalVariableName, {
      basePath: ['businessParameters'],
      keyPath: ['globalVariableName'],
      what: 'global variable',
      why: 'two fields written into one variable would overwrite each other',
    })
  })
export type CampaignGroup = z.infer<typeof campaignGroupSchema>

/**
 * The group checked against the tenant's global variables (R5.1, R4.4): each business parameter
 * is bound to a declared STRING variable.
 */
export function campaignGroupSchemaFor(globalVariables: readonly GlobalVariable[]) {
  return campaignGroupSchema.superRefine((group, ctx) => {
    group.businessParameters.forEach((parameter, index) => {
      const path = ['businessParameters', index, 'globalVariableName']
      const variable = findGlobalVariable(globalVariables, parameter.globalVariableName)
      if (variable === undefined) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${parameter.globalVariableName} is not a declared global variable, so ${parameter.fieldName} would have nowhere to go (R5.1)`,
        })
        return
      }
      if (variable.type !== 'STRING') {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${parameter.globalVariableName} is ${variable.type}: business parameters bind contact fields to STRING global variables (R5.1, R4.4)`,
        })
      }
    })
  })
}
