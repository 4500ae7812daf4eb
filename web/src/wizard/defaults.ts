// What the campaign wizard (issue 13) starts each new object from: sensible values for a first
// progressive campaign, with the objects already chosen in earlier steps filled in (the team in
// the queue, the queue and flow in the entry point, the group, outcomes and team in the campaign).
import type { FormValue } from '../admin/SchemaForm.tsx'

/** The ids chosen so far, per wizard slot. */
export interface WizardChoices {
  connector: string[]
  agents: string[]
  team: string[]
  queue: string[]
  variables: string[]
  flow: string[]
  entryPoint: string[]
  campaignGroup: string[]
  outcomeGroup: string[]
  campaign: string[]
  callGuide: string[]
}

export const NO_CHOICES: WizardChoices = {
  connector: [],
  agents: [],
  team: [],
  queue: [],
  variables: [],
  flow: [],
  entryPoint: [],
  campaignGroup: [],
  outcomeGroup: [],
  campaign: [],
  callGuide: [],
}

/** The browser's zone: a first campaign's customers are most likely where its admin is. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/New_York'

export type WizardSlot = keyof WizardChoices

export function defaultsFor(slot: WizardSlot, c: WizardChoices): FormValue {
  switch (slot) {
    case 'connector':
      return {}
    case 'agents':
      // Allowed on campaigns: a first campaign's agents take its calls.
      return { teamIds: [], profile: { outboundCampaignsAllowed: true } }
    case 'team':
      return { agentIds: [...c.agents], queueRankings: [] }
    case 'queue':
      return {
        type: 'OUTBOUND',
        outboundCampaignEnabled: true,
        routingType: 'LONGEST_AVAILABLE_AGENT',
        callDistributionGroups: [{ teamIds: [...c.team] }],
        maxTimeInQueueSec: 3600,
      }
    case 'variables':
      return { type: 'STRING', agentViewable: true }
    case 'flow':
      // The simplest outdial flow: no PreDial or call-result handling; the group's caller ID.
      return {
        id: 'flow-outdial',
        name: 'Outdial flow',
        kind: 'outdial',
        variables: [{ name: 'campaignId', type: 'STRING', agentViewable: true }],
        handlers: {},
      }
    case 'entryPoint':
      return { type: 'OUTBOUND', queueId: c.queue[0], flowId: c.flow[0] }
    case 'campaignGroup':
      // Progressive 1:1: one line per ready agent, never an abandoned call for lack of an agent.
      return {
        entryPointId: c.entryPoint[0],
        pacing: { mode: 'progressive', callerId: '', dialingRate: 1 },
        businessParameters: c.variables.map((name) => ({
          fieldName: name,
          globalVariableName: name,
        })),
      }
    case 'outcomeGroup':
      return {
        outcomes: [
          { code: 'SALE', name: 'Sale', success: true },
          { code: 'NOT_INTERESTED', name: 'Not interested' },
          { code: 'CALLBACK', name: 'Call back later', final: false },
        ],
      }
    case 'campaign':
      // The US profile's calling hours; national DNC scrubbing off until a national list is
      // loaded (with it on and no list, nothing would be dialled).
      return {
        category: 'SALES',
        campaignGroupId: c.campaignGroup[0],
        businessOutcomeGroupId: c.outcomeGroup[0],
        teamIds: [...c.team],
        timeZone: browserZone(),
        contactStrategy: { numberOrder: [{ numberIndex: 0, numberType: 'MOBILE' }] },
        dncEnabled: true,
        ndncEnabled: false,
        complianceProfile: 'US',
      }
    case 'callGuide':
      return {
        items: [
          {
            kind: 'QUESTION',
            id: 'interested',
            label: 'Interested?',
            answerType: 'BOOLEAN',
            required: true,
          },
        ],
      }
  }
}
