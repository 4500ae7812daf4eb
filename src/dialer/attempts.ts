// What every part of an attempt's life shares, below them all: its campaign, its one outcome
// (R2.1), ending it from the dialer's side, and the flow variables its campaign and contact give.
import type { Contact } from '../domain/contact.ts'
import { InvariantError } from '../domain/invariant.ts'
import type { AttemptOutcome, HangupParty } from '../domain/outcomes.ts'
import { closeAttempt } from './close.ts'
import type { AttemptRuntime, CampaignRuntime, EngineContext } from './context.ts'
import type { EngineCampaign } from './types.ts'

/** The attempt's campaign: kept on the attempt, no lookup by id on every event (issue 15). */
export function campaignOf(_ctx: EngineContext, attempt: AttemptRuntime): CampaignRuntime {
  return attempt.campaign
}

export function setOutcome(ctx: EngineContext, attempt: AttemptRuntime, outcome: AttemptOutcome) {
  if (attempt.outcome !== null)
    throw new InvariantError(`attempt ${attempt.id} got a second outcome ${outcome}`)
  attempt.outcome = outcome
  ctx.bus.publish({
    kind: 'outcome',
    atMs: ctx.clock.nowMs(),
    attemptId: attempt.id,
    campaignId: attempt.campaignId,
    outcome,
  })
}

/** Ends the call from the dialer's side and closes the attempt. */
export function hangupAndClose(ctx: EngineContext, attempt: AttemptRuntime, party?: HangupParty) {
  ctx.telephony.hangup(attempt.id)
  closeAttempt(ctx, attempt, party)
}

/**
 * The flow variables a call of this contact starts with: `campaignId` (the campaign's name, R3.1)
 * and the contact's business parameters (R5.1), each in the STRING variable the flow declares
 * under the bound global variable's name; a field the contact lacks keeps the declared default.
 * A campaign without business parameters gives every call the same variables: they are made once
 * per campaign configuration (a new configuration is a new object) and shared, frozen (issue 15).
 */
export function flowVarsOf(
  campaign: CampaignRuntime,
  contact: Contact,
): Readonly<Record<string, string>> {
  const config = campaign.config
  if (config.businessParameters.length > 0) return varsOf(config, contact)
  const shared = campaign.sharedFlowVars
  if (shared !== null && shared.config === config) return shared.vars
  const vars = Object.freeze(varsOf(config, contact))
  campaign.sharedFlowVars = { config, vars }
  return vars
}

function varsOf(config: EngineCampaign, contact: Contact): Record<string, string> {
  const declared = config.flow?.variables ?? []
  // A flow declares a few variables: a walk over them, not a map built for every call (issue 15).
  const typeOf = (name: string) => declared.find((variable) => variable.name === name)?.type
  const vars: Record<string, string> = {}
  if (typeOf('campaignId') !== undefined) vars.campaignId = config.name
  for (const { fieldName, globalVariableName } of config.businessParameters) {
    const value = Object.hasOwn(contact.fields, fieldName) ? contact.fields[fieldName] : undefined
    if (value !== undefined && typeOf(globalVariableName) === 'STRING')
      vars[globalVariableName] = value
  }
  return vars
}
