// What a campaign shows its agents about the customer, from the tenant's configuration: the
// business parameters that bind contact fields to STRING global variables (R5.1), the desktop
// layout of the campaign's outdial flow (R3.4), whether the popover may carry customer fields
// (R7.4: progressive 1:1 only) and the call guide (R5.6). Configuration the rules no longer allow
// (a variable deleted or made sensitive after the layout was saved) is named as a problem; the
// views never show what the rules forbid either way.
import type { CallGuide } from '../../domain/campaign/call-guide.ts'
import { campaignGroupSchemaFor } from '../../domain/campaign/campaign-group.ts'
import { popoverShowsCustomerFields } from '../../domain/campaign/pacing.ts'
import {
  CAMPAIGN_ID_VARIABLE,
  type DesktopLayout,
  desktopLayoutSchemaFor,
} from '../../domain/config/desktop-layout.ts'
import { findGlobalVariable, type GlobalVariable } from '../../domain/config/global-variable.ts'
import { PANEL_VARIABLES_MAX } from '../../domain/config/limits.ts'
import type { TenantConfig } from '../../store/ports/dialer-store.ts'
import type { OutcomeCodeView } from './messages.ts'

/** A contact field carried by a STRING global variable (R5.1). */
export interface BoundVariable {
  fieldName: string
  variable: GlobalVariable
}

export interface CampaignDeskConfig {
  campaignId: string
  /** Shown as `campaignId` on the desktop (R3.1: labelled as the campaign name). */
  campaignName: string
  /** R7.4: customer fields in the reservation popover (progressive with dial rate 1). */
  popoverCustomerFields: boolean
  bound: BoundVariable[]
  /** The tenant's global variables (a layout may show unbound ones with their default). */
  variables: readonly GlobalVariable[]
  layout: DesktopLayout
  callGuide: CallGuide | null
  /** R5.2: the codes the agent ends the wrap-up with (the server checks them anyway). */
  outcomes: OutcomeCodeView[]
  /** R5.4: the campaign's DNC list an agent adds a customer to from the desktop; null: none. */
  dncListName: string | null
}

export interface DeskConfigProblem {
  kind: string
  id: string
  message: string
}

/** A campaign the configuration does not describe (a Dialer-API campaign): the engine's view. */
export function bareDeskConfig(
  campaignId: string,
  campaignName: string,
  engine: { outcomes: readonly { code: string; final: boolean }[]; dncListNames: string[] },
): CampaignDeskConfig {
  return {
    campaignId,
    campaignName,
    outcomes: engine.outcomes.map(({ code, final }) => ({ code, label: code, final })),
    dncListName: engine.dncListNames[0] ?? null,
    popoverCustomerFields: false,
    bound: [],
    variables: [],
    layout: { panelVariables: [], popoverVariables: [CAMPAIGN_ID_VARIABLE] },
    callGuide: null,
  }
}

function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
}

/** Without a layout: the bound agent-viewable variables in their order, campaignId in the popover. */
function defaultLayout(bound: readonly BoundVariable[]): DesktopLayout {
  return {
    panelVariables: bound
      .filter(({ variable }) => variable.agentViewable)
      .map(({ variable }) => variable.name)
      .slice(0, PANEL_VARIABLES_MAX),
    popoverVariables: [CAMPAIGN_ID_VARIABLE],
  }
}

/** Every campaign of the configuration with what its desktop shows, and the problems found. */
export function campaignDeskConfigs(config: TenantConfig): {
  campaigns: Map<string, CampaignDeskConfig>
  problems: DeskConfigProblem[]
} {
  const problems: DeskConfigProblem[] = []
  const campaigns = new Map<string, CampaignDeskConfig>()
  const variables = config.globalVariables
  const groupSchema = campaignGroupSchemaFor(variables)
  const layoutSchema = desktopLayoutSchemaFor(variables)
  for (const campaign of config.campaigns) {
    const group = config.campaignGroups.find((g) => g.id === campaign.campaignGroupId)
    if (!group) continue
    const checked = groupSchema.safeParse(group)
    if (!checked.success)
      problems.push({ kind: 'campaign-group', id: group.id, message: issuesOf(checked.error) })
    const bound = group.businessParameters.flatMap(({ fieldName, globalVariableName }) => {
      const variable = findGlobalVariable(variables, globalVariableName)
      return variable?.type === 'STRING' ? [{ fieldName, variable }] : []
    })
    const flowId = config.entryPoints.find((ep) => ep.id === group.entryPointId)?.flowId
    const layoutDoc = config.desktopLayouts.find((layout) => layout.flowId === flowId)
    if (layoutDoc) {
      const layoutChecked = layoutSchema.safeParse(layoutDoc.layout)
      if (!layoutChecked.success)
        problems.push({
          kind: 'desktop-layout',
          id: layoutDoc.id,
          message: issuesOf(layoutChecked.error),
        })
    }
    const outcomeGroup = config.outcomeGroups.find((g) => g.id === campaign.businessOutcomeGroupId)
    campaigns.set(campaign.id, {
      campaignId: campaign.id,
      campaignName: campaign.name,
      outcomes: (outcomeGroup?.outcomes ?? []).map(({ code, name, final }) => ({
        code,
        label: name,
        final,
      })),
      dncListName: campaign.dncListNames[0] ?? null,
      popoverCustomerFields: popoverShowsCustomerFields(group.pacing),
      bound,
      variables,
      layout: layoutDoc?.layout ?? defaultLayout(bound),
      callGuide: callGuideOf(config, campaign.id, campaign.callGuideFormId, problems),
    })
  }
  return { campaigns, problems }
}

function callGuideOf(
  config: TenantConfig,
  campaignId: string,
  formId: string | undefined,
  problems: DeskConfigProblem[],
): CallGuide | null {
  if (formId === undefined) return null
  const form = config.callGuides.find((guide) => guide.id === formId)
  if (!form || !form.callGuide) {
    problems.push({
      kind: 'campaign',
      id: campaignId,
      message: `call guide ${formId} ${form ? 'is not marked as a call guide' : 'is missing'} (R5.6)`,
    })
    return null
  }
  return form
}
