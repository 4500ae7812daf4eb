// What an agent's desktop receives about the customer (R1.1, R3.4, R4.4, R5.6, R7.2–R7.4): the
// data contract of the live feed's agent messages and of `GET /v1/agents/{id}/desk`. Only the
// agent the contact is for receives them (agent-data.ts filters by the live viewer); a sensitive
// value never leaves the server unmasked.
import { z } from 'zod'
import { ANSWER_TYPES } from '../../domain/campaign/call-guide.ts'
import { DISABLEABLE_PREVIEW_ACTIONS, PREVIEW_ACTIONS } from '../../domain/campaign/preview.ts'

/** What a sensitive value (R4.4: personal data) is replaced with, whatever its length. */
export const SENSITIVE_VALUE_MASK = '••••••'

export const customerFieldSchema = z
  .object({
    /** The global variable's name (`campaignId` for the campaign, R3.1). */
    name: z.string(),
    /** What the desktop calls it (R3.4): the variable's label, else its name. */
    label: z.string(),
    /** The value; the mask when `masked`; '' when the contact has none. */
    value: z.string(),
    /** The variable is sensitive: the value is the mask, never the data (R4.4, R7.3). */
    masked: z.boolean(),
  })
  .describe('CustomerField: one customer variable as the desktop shows it')
export type CustomerField = z.infer<typeof customerFieldSchema>

const shownValue = z
  .string()
  .nullable()
  .describe('null when the field is not agent-viewable or the campaign does not bind it')

export const callGuideItemViewSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('BUSINESS_FIELD'),
      id: z.string(),
      label: z.string(),
      value: shownValue,
      masked: z.boolean(),
    }),
    z.object({
      kind: z.literal('GLOBAL_VARIABLE'),
      id: z.string(),
      label: z.string(),
      value: shownValue,
      masked: z.boolean(),
    }),
    z.object({
      kind: z.literal('FUNCTION'),
      id: z.string(),
      label: z.string(),
      /** The library function evaluated on the contact's fields when the call was delivered. */
      value: shownValue,
      masked: z.boolean(),
    }),
    z.object({
      kind: z.literal('QUESTION'),
      id: z.string(),
      label: z.string(),
      answerType: z.enum(ANSWER_TYPES),
      required: z.boolean(),
      choices: z.array(z.string()).optional(),
    }),
  ])
  .describe('CallGuideItemView: one item of the call guide, values filled in')
export type CallGuideItemView = z.infer<typeof callGuideItemViewSchema>

export const callGuideViewSchema = z
  .object({
    formId: z.string(),
    name: z.string(),
    items: z.array(callGuideItemViewSchema),
  })
  .describe("CallGuideView: the campaign's call guide for this call (R5.6)")
export type CallGuideView = z.infer<typeof callGuideViewSchema>

/** R7.2, R7.4: the reservation popover; customer fields only in progressive 1:1, never sensitive. */
export const agentPopoverSchema = z
  .object({
    type: z.literal('agentPopover'),
    atMs: z.number(),
    agentId: z.string(),
    campaignId: z.string(),
    /** The line dialled for the agent whose customer the fields describe; null: campaign only. */
    attemptId: z.string().nullable(),
    fields: z.array(customerFieldSchema),
  })
  .describe('AgentPopover (live message): the reservation popover (R7.2, R7.4)')

/** R1.1: a preview offer with the record, for the agent it is offered to. */
export const agentPreviewSchema = z
  .object({
    type: z.literal('agentPreview'),
    atMs: z.number(),
    agentId: z.string(),
    campaignId: z.string(),
    /** The campaign's name, as the desktop titles the offer (R3.1). */
    campaignName: z.string(),
    taskId: z.string(),
    expiresAtMs: z.number(),
    contactId: z.string(),
    /** The number the agent calls on accept. */
    number: z.string(),
    /** The customer's IANA time zone (the contact's own, else the campaign's): their local time. */
    timeZone: z.string(),
    /** The actions the campaign disables (R1.1): the desktop does not offer them; the API refuses. */
    actionsDisabled: z.array(z.enum(DISABLEABLE_PREVIEW_ACTIONS)),
    /** What the server does when the countdown ends at `expiresAtMs` (the campaign's setting). */
    autoAction: z.enum(PREVIEW_ACTIONS),
    /** The record as the interaction panel lays it out (agent-viewable, sensitive masked). */
    record: z.array(customerFieldSchema),
  })
  .describe('AgentPreview (live message): a preview offer with its record (R1.1)')

export const outcomeCodeViewSchema = z
  .object({
    code: z.string(),
    /** The code's name in the outcome group. */
    label: z.string(),
    /** A final code closes the contact: no callback may follow (R5.2). */
    final: z.boolean(),
  })
  .describe("OutcomeCodeView: one of the campaign's business outcome codes (R5.2)")
export type OutcomeCodeView = z.infer<typeof outcomeCodeViewSchema>

/** R7.3, R3.4, R5.6: on connect, the interaction panel in layout order and the call guide. */
export const agentInteractionSchema = z
  .object({
    type: z.literal('agentInteraction'),
    atMs: z.number(),
    agentId: z.string(),
    campaignId: z.string(),
    /** The campaign's name, as the desktop titles the customer (R3.1). */
    campaignName: z.string(),
    attemptId: z.string(),
    contactId: z.string(),
    number: z.string(),
    /** The customer's IANA time zone (the contact's own, else the campaign's): their local time. */
    timeZone: z.string(),
    panel: z.array(customerFieldSchema),
    callGuide: callGuideViewSchema.nullable(),
    /**
     * R5.2: the campaign's outcome codes the wrap-up offers; empty when the campaign's manager
     * (Dialer API) keeps its own codes, which the server then does not check.
     */
    outcomes: z.array(outcomeCodeViewSchema),
    /** R5.4: the DNC list "add to DNC" writes to (the campaign's first); null when it has none. */
    dncListName: z.string().nullable(),
  })
  .describe(
    "AgentInteraction (live message): the connected customer's panel and call guide (R7.3, R3.4, R5.6)",
  )

export type AgentPopover = z.infer<typeof agentPopoverSchema>
export type AgentPreview = z.infer<typeof agentPreviewSchema>
export type AgentInteraction = z.infer<typeof agentInteractionSchema>
export type AgentDataMessage = AgentPopover | AgentPreview | AgentInteraction

/** What the agent's desktop shows now (`GET /v1/agents/{id}/desk`), e.g. after a reconnect. */
export const agentDeskViewSchema = z
  .object({
    agentId: z.string(),
    /**
     * The dialer's clock when this answer was made: an offer has `expiresAtMs − nowMs` left, also
     * for a desktop that reconnects in the middle of it.
     */
    nowMs: z.number(),
    /** While Reserved. */
    popover: agentPopoverSchema.nullable(),
    /** Preview offers waiting for the agent's accept, skip or remove. */
    previews: z.array(agentPreviewSchema),
    /** While Engaged, and in wrap-up after it. */
    interaction: agentInteractionSchema.nullable(),
  })
  .describe("AgentDeskView: what the agent's desktop shows now")
export type AgentDeskView = z.infer<typeof agentDeskViewSchema>
