// The rules that tie customer data to the tenant's global variables, applied where configuration
// changes: a campaign group's business parameters bind contact fields to declared STRING variables
// (R5.1, R4.4), and a desktop layout shows only declared, agent-viewable variables, never a
// sensitive one in the popover (R3.4, R4.4, R7.4); a global variable changes only as far as the
// groups and layouts that use it stay valid. 422 with the field path.

import type { z } from 'zod'
import type { CampaignGroup } from '../../domain/campaign/campaign-group.ts'
import { campaignGroupSchemaFor } from '../../domain/campaign/campaign-group.ts'
import {
  desktopLayoutSchemaFor,
  type FlowDesktopLayout,
} from '../../domain/config/desktop-layout.ts'
import { type GlobalVariable, globalVariableSchema } from '../../domain/config/global-variable.ts'
import { type ErrorDetail, zodDetails } from '../errors.ts'
import type { TenantView } from './config-resource.ts'

async function globalVariablesOf(tenant: TenantView): Promise<GlobalVariable[]> {
  return (await tenant.all('global-variable')).flatMap((doc) => {
    const parsed = globalVariableSchema.safeParse(doc.body)
    return parsed.success ? [parsed.data] : []
  })
}

export async function campaignGroupVariableIssues(
  group: CampaignGroup,
  tenant: TenantView,
): Promise<ErrorDetail[]> {
  const checked = campaignGroupSchemaFor(await globalVariablesOf(tenant)).safeParse(group)
  return checked.success ? [] : zodDetails(checked.error)
}

export async function desktopLayoutVariableIssues(
  layout: FlowDesktopLayout,
  tenant: TenantView,
): Promise<ErrorDetail[]> {
  const checked = desktopLayoutSchemaFor(await globalVariablesOf(tenant)).safeParse(layout.layout)
  return checked.success ? [] : zodDetails(checked.error, ['layout'])
}

/**
 * A changed global variable must keep every campaign group's binding and every desktop layout
 * valid (a variable made sensitive while in a popover, or not STRING while bound): each broken
 * rule is named with the other object.
 */
export async function globalVariableUseIssues(
  variable: GlobalVariable,
  tenant: TenantView,
): Promise<ErrorDetail[]> {
  const others = (await globalVariablesOf(tenant)).filter((v) => v.name !== variable.name)
  const variables = [...others, variable]
  const details: ErrorDetail[] = []
  const groupSchema = campaignGroupSchemaFor(variables)
  for (const doc of await tenant.all('campaign-group')) {
    const group = doc.body as CampaignGroup
    if (!group.businessParameters.some((p) => p.globalVariableName === variable.name)) continue
    const checked = groupSchema.safeParse(group)
    if (!checked.success)
      details.push(...otherObjectIssues('campaign-group', doc.id, checked.error))
  }
  const layoutSchema = desktopLayoutSchemaFor(variables)
  for (const doc of await tenant.all('desktop-layout')) {
    const { layout } = doc.body as FlowDesktopLayout
    if (!variableNamesOf(doc.body).includes(variable.name)) continue
    const checked = layoutSchema.safeParse(layout)
    if (!checked.success)
      details.push(...otherObjectIssues('desktop-layout', doc.id, checked.error))
  }
  return details
}

function otherObjectIssues(kind: string, id: string, error: z.ZodError): ErrorDetail[] {
  return zodDetails(error).map((detail) => ({
    path: `${kind}/${id}: ${detail.path}`,
    message: detail.message,
  }))
}

/** The variables a campaign group binds (a variable in use cannot be deleted). */
export function boundVariableNamesOf(body: unknown): string[] {
  return (body as CampaignGroup).businessParameters.map((p) => p.globalVariableName)
}

/** The variables a desktop layout shows. */
export function variableNamesOf(body: unknown): string[] {
  const { layout } = body as FlowDesktopLayout
  return [...layout.panelVariables, ...layout.popoverVariables]
}
