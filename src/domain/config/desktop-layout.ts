// Desktop layout of a flow (R3.4, R7.4): the ordered interaction-panel variables (≤ 30) and the
// incoming-popover variables (≤ 6, `campaignId` among them and counted). A sensitive variable never
// appears in the popover (R4.4), and what the agent sees must be agent-viewable.
import { z } from 'zod'
import {
  findGlobalVariable,
  type GlobalVariable,
  globalVariableNameSchema,
} from './global-variable.ts'
import { PANEL_VARIABLES_MAX, POPOVER_FIELDS_MAX } from './limits.ts'
import { addDuplicateIssues, idSchema, nameSchema } from './schema-kit.ts'

/** R3.1: the flow variable that names the campaign on the desktop (case-sensitive). */
export const CAMPAIGN_ID_VARIABLE = 'campaignId'

export const desktopLayoutSchema = z
  .object({
    panelVariables: z
      .array(globalVariableNameSchema)
      .max(
        PANEL_VARIABLES_MAX,
        `the interaction panel shows at most ${PANEL_VARIABLES_MAX} variables (R3.4)`,
      )
      .default([]),
    popoverVariables: z
      .array(globalVariableNameSchema)
      .max(
        POPOVER_FIELDS_MAX,
        `the popover shows at most ${POPOVER_FIELDS_MAX} variables, ${CAMPAIGN_ID_VARIABLE} included (R3.4, R7.4)`,
      )
      .default([CAMPAIGN_ID_VARIABLE]),
  })
  .superRefine((layout, ctx) => {
    addDuplicateIssues(ctx, layout.panelVariables, (name) => name, {
      basePath: ['panelVariables'],
      keyPath: [],
      what: 'panel variable',
      why: 'each variable has one place in the ordered panel (R3.4)',
    })
    addDuplicateIssues(ctx, layout.popoverVariables, (name) => name, {
      basePath: ['popoverVariables'],
      keyPath: [],
      what: 'popover variable',
      why: 'a repeat would waste one of the 6 popover fields (R3.4)',
    })
    if (!layout.popoverVariables.includes(CAMPAIGN_ID_VARIABLE)) {
      ctx.addIssue({
        code: 'custom',
        path: ['popoverVariables'],
        message: `popoverVariables must include ${CAMPAIGN_ID_VARIABLE}: the reservation popover shows the campaign (R3.4, R7.2)`,
      })
    }
  })

export type DesktopLayout = z.infer<typeof desktopLayoutSchema>

/** A desktop layout as configured (R3.4): the flow whose calls it shows, and its layout. */
export const flowDesktopLayoutSchema = z.object({
  id: idSchema('id'),
  name: nameSchema('name'),
  /** R3.4: the flow whose calls this layout shows. */
  flowId: idSchema('flowId'),
  layout: desktopLayoutSchema,
})
export type FlowDesktopLayout = z.infer<typeof flowDesktopLayoutSchema>

type Place = 'panelVariables' | 'popoverVariables'

function checkPlacedVariable(
  ctx: z.RefinementCtx,
  globalVariables: readonly GlobalVariable[],
  place: Place,
  index: number,
  name: string,
): void {
  if (name === CAMPAIGN_ID_VARIABLE) return
  const path = [place, index]
  const variable = findGlobalVariable(globalVariables, name)
  if (variable === undefined) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `${name} is not a declared global variable, so the desktop has nothing to show (R3.4)`,
    })
    return
  }
  if (!variable.agentViewable) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `${name} is not agentViewable, so it cannot be laid out on the desktop (R3.4)`,
    })
  }
  if (place === 'popoverVariables' && variable.sensitive) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `${name} is sensitive: personal data is never shown in the popover (R4.4, R7.4)`,
    })
  }
}

/**
 * The layout checked against the tenant's global variables: every name is declared (or is
 * `campaignId`), agent-viewable, and no sensitive variable is in the popover.
 */
export function desktopLayoutSchemaFor(globalVariables: readonly GlobalVariable[]) {
  return desktopLayoutSchema.superRefine((layout, ctx) => {
    layout.panelVariables.forEach((name, index) => {
      checkPlacedVariable(ctx, globalVariables, 'panelVariables', index, name)
    })
    layout.popoverVariables.forEach((name, index) => {
      checkPlacedVariable(ctx, globalVariables, 'popoverVariables', index, name)
    })
  })
}
