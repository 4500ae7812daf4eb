// The customer's data as one agent's desktop shows it, from the campaign's desk configuration and
// the contact: the interaction panel in the layout's order, agent-viewable variables only and
// sensitive ones masked (R3.4, R4.4, R7.3); the popover, with customer fields only when the
// campaign allows them and never a sensitive one (R7.4); the call guide with its library functions
// evaluated on the contact's fields (R5.6). Pure: the time comes in.
import { type CallGuideItem, evaluateFunction } from '../../domain/campaign/call-guide.ts'
import { CAMPAIGN_ID_VARIABLE } from '../../domain/config/desktop-layout.ts'
import { findGlobalVariable, type GlobalVariable } from '../../domain/config/global-variable.ts'
import { POPOVER_FIELDS_MAX } from '../../domain/config/limits.ts'
import type { Contact } from '../../domain/contact.ts'
import type { BoundVariable, CampaignDeskConfig } from './campaign-data.ts'
import {
  type CallGuideItemView,
  type CallGuideView,
  type CustomerField,
  SENSITIVE_VALUE_MASK,
} from './messages.ts'

/** A variable's raw value for one contact, with the flags that decide what leaves the server. */
interface Resolved {
  value: string
  variable: GlobalVariable
}

/** By variable name: the contact's bound field, else the variable's default; null if undeclared. */
function resolveVariable(
  desk: CampaignDeskConfig,
  contact: Contact | null,
  name: string,
): Resolved | null {
  const binding = desk.bound.find((b) => b.variable.name === name)
  if (binding) return { value: fieldValue(contact, binding), variable: binding.variable }
  const variable = findGlobalVariable(desk.variables, name)
  return variable ? { value: variable.defaultValue ?? '', variable } : null
}

function fieldValue(contact: Contact | null, binding: BoundVariable): string {
  if (contact === null || !Object.hasOwn(contact.fields, binding.fieldName))
    return binding.variable.defaultValue ?? ''
  return contact.fields[binding.fieldName] ?? ''
}

function shown(name: string, resolved: Resolved): CustomerField {
  const label = resolved.variable.label ?? name
  return resolved.variable.sensitive
    ? { name, label, value: SENSITIVE_VALUE_MASK, masked: true }
    : { name, label, value: resolved.value, masked: false }
}

/** R3.1: the campaignId variable is labelled as the campaign's name. */
const CAMPAIGN_LABEL = 'Campaign'

function campaignField(desk: CampaignDeskConfig): CustomerField {
  return {
    name: CAMPAIGN_ID_VARIABLE,
    label: CAMPAIGN_LABEL,
    value: desk.campaignName,
    masked: false,
  }
}

/** R3.4, R7.3: the panel in layout order; agent-viewable variables only, sensitive ones masked. */
export function panelFields(desk: CampaignDeskConfig, contact: Contact): CustomerField[] {
  return desk.layout.panelVariables.flatMap((name) => {
    if (name === CAMPAIGN_ID_VARIABLE) return [campaignField(desk)]
    const resolved = resolveVariable(desk, contact, name)
    return resolved?.variable.agentViewable ? [shown(name, resolved)] : []
  })
}

/**
 * R7.2, R7.4: the campaign always; the layout's other popover variables only for a known customer
 * in a campaign that allows them, agent-viewable and never sensitive; at most 6 in all.
 */
export function popoverFields(desk: CampaignDeskConfig, contact: Contact | null): CustomerField[] {
  const fields: CustomerField[] = [campaignField(desk)]
  if (contact === null || !desk.popoverCustomerFields) return fields
  for (const name of desk.layout.popoverVariables) {
    if (name === CAMPAIGN_ID_VARIABLE) continue
    const resolved = resolveVariable(desk, contact, name)
    if (!resolved || !resolved.variable.agentViewable || resolved.variable.sensitive) continue
    fields.push(shown(name, resolved))
  }
  return fields.slice(0, POPOVER_FIELDS_MAX)
}

/** A value the agent may see, masked when sensitive; null when not agent-viewable or unknown. */
function itemValue(resolved: Resolved | null): { value: string | null; masked: boolean } {
  if (!resolved?.variable.agentViewable) return { value: null, masked: false }
  if (resolved.variable.sensitive) return { value: SENSITIVE_VALUE_MASK, masked: true }
  return { value: resolved.value, masked: false }
}

/** A business field is the contact's field as the campaign binds it (R5.1). */
function resolveField(desk: CampaignDeskConfig, contact: Contact, fieldName: string) {
  const binding = desk.bound.find((b) => b.fieldName === fieldName)
  return binding ? { value: fieldValue(contact, binding), variable: binding.variable } : null
}

function itemView(
  desk: CampaignDeskConfig,
  contact: Contact,
  item: CallGuideItem,
  nowMs: number,
): CallGuideItemView {
  const { id, label } = item
  switch (item.kind) {
    case 'BUSINESS_FIELD':
      return {
        kind: 'BUSINESS_FIELD',
        id,
        label,
        ...itemValue(resolveField(desk, contact, item.fieldName)),
      }
    case 'GLOBAL_VARIABLE': {
      const value =
        item.variableName === CAMPAIGN_ID_VARIABLE
          ? { value: desk.campaignName, masked: false }
          : itemValue(resolveVariable(desk, contact, item.variableName))
      return { kind: 'GLOBAL_VARIABLE', id, label, ...value }
    }
    case 'FUNCTION': {
      const args = item.args.map(
        (name) => resolveVariable(desk, contact, name) ?? resolveField(desk, contact, name),
      )
      // A function of personal data is personal data: its result is masked too.
      if (args.some((arg) => arg?.variable.sensitive && arg.variable.agentViewable))
        return { kind: 'FUNCTION', id, label, value: SENSITIVE_VALUE_MASK, masked: true }
      const values = args.map((arg) => (arg?.variable.agentViewable ? arg.value : undefined))
      return {
        kind: 'FUNCTION',
        id,
        label,
        value: evaluateFunction(item.function, values, nowMs),
        masked: false,
      }
    }
    case 'QUESTION':
      return {
        kind: 'QUESTION',
        id,
        label,
        answerType: item.answerType,
        required: item.required,
        ...(item.choices ? { choices: item.choices } : {}),
      }
  }
}

/** R5.6: the campaign's call guide for this contact, functions evaluated at `nowMs`. */
export function callGuideView(
  desk: CampaignDeskConfig,
  contact: Contact,
  nowMs: number,
): CallGuideView | null {
  const guide = desk.callGuide
  if (guide === null) return null
  return {
    formId: guide.id,
    name: guide.name,
    items: guide.items.map((item) => itemView(desk, contact, item, nowMs)),
  }
}

/** R4.4, R5.1: the bound variables marked reportable (never sensitive) with the contact's values. */
export function reportableValues(
  desk: CampaignDeskConfig,
  contact: Contact,
): Record<string, string> {
  const values: Record<string, string> = {}
  for (const binding of desk.bound)
    if (binding.variable.reportable && !binding.variable.sensitive)
      values[binding.variable.name] = fieldValue(contact, binding)
  return values
}
