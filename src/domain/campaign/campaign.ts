// Campaign (R5.2): what is dialled, for whom and under which rules — name, category, disposition
// codes (business outcome group), time zone, campaign group (and so pacing), contact strategy,
// retry settings, DNC/NDNC switches, compliance profile, and its lifecycle status.
import { IANAZone } from 'luxon'
import { z } from 'zod'
import { callingWindowSchema } from '../calling-window.ts'
import {
  COMPLIANCE_PROFILES,
  CUSTOM_COMPLIANCE_RULE_FIELDS,
  customComplianceRuleFields,
} from '../compliance-profile.ts'
import { CALL_DISTRIBUTION_GROUP_TEAMS_MAX } from '../config/limits.ts'
import {
  addDuplicateIssues,
  booleanSchema,
  boundedString,
  enumSchema,
  idSchema,
} from '../config/schema-kit.ts'
import { campaignStatusSchema } from './campaign-status.ts'
import { contactStrategySchema } from './contact-strategy.ts'
import {
  CAMPAIGN_DNC_LISTS_MAX,
  CAMPAIGN_ID_LENGTH_MAX,
  CAMPAIGN_NAME_LENGTH_MAX,
  DNC_LIST_NAME_LENGTH_MAX,
} from './limits.ts'
import { campaignRetrySchema } from './retry-settings.ts'
import { campaignScheduleSchema } from './schedule.ts'

// The lifecycle, contact strategy and retry settings are parts of a campaign, kept in their own
// modules and re-exported here.
export * from './campaign-status.ts'
export * from './contact-strategy.ts'
export * from './retry-settings.ts'
export * from './schedule.ts'

export const CAMPAIGN_CATEGORIES = [
  'SALES',
  'COLLECTIONS',
  'SURVEY',
  'NOTIFICATION',
  'CUSTOMER_CARE',
  'OTHER',
] as const

/** R5.5: the region whose rules (calling hours, abandon cap and window, NDNC age) apply. */

export const timeZoneSchema = z
  .string({ error: 'timeZone must be an IANA zone name such as America/New_York' })
  .refine((zone) => IANAZone.isValidZone(zone), {
    error: (issue) =>
      `timeZone '${String(issue.input)}' is not an IANA zone (e.g. America/New_York): contacts' local hours are computed in it (R5.2)`,
  })

export const dncListNameSchema = boundedString(
  'dncListNames[]',
  DNC_LIST_NAME_LENGTH_MAX,
  'a DNC list name (R10.3)',
)

export const campaignSchema = z
  .object({
    /** Sent to the dialer as `id` (docs/dialer-api.md "Request bodies": ≤ 64). */
    id: boundedString(
      'id',
      CAMPAIGN_ID_LENGTH_MAX,
      'the dialer API campaign id is ≤ 64 characters',
    ),
    /** Sent to the dialer as `campaignName` and shown on the desktop as the campaign (R3.1). */
    name: boundedString(
      'name',
      CAMPAIGN_NAME_LENGTH_MAX,
      'the dialer API campaignName is ≤ 64 characters',
    ),
    category: enumSchema('category', CAMPAIGN_CATEGORIES, 'R5.2 campaign categories'),
    /** The disposition codes an agent can choose (R5.2). */
    businessOutcomeGroupId: idSchema('businessOutcomeGroupId'),
    timeZone: timeZoneSchema,
    campaignGroupId: idSchema('campaignGroupId'),
    /** R4.3: the campaign's teams; when named, its outdial queue's call distribution group holds
     * exactly these teams (a mismatch is refused where either changes). */
    teamIds: z
      .array(idSchema('teamIds[]'))
      .max(
        CALL_DISTRIBUTION_GROUP_TEAMS_MAX,
        `a campaign has at most ${CALL_DISTRIBUTION_GROUP_TEAMS_MAX} teams (one call distribution group)`,
      )
      .optional(),
    contactStrategy: contactStrategySchema,
    retry: campaignRetrySchema.prefault({}),
    /** R5.4: scrub against the internal DNC lists. */
    dncEnabled: booleanSchema('dncEnabled').default(true),
    /** R5.4: scrub against the national DNC list. */
    ndncEnabled: booleanSchema('ndncEnabled').default(true),
    dncListNames: z
      .array(dncListNameSchema)
      .max(
        CAMPAIGN_DNC_LISTS_MAX,
        `a campaign scrubs against at most ${CAMPAIGN_DNC_LISTS_MAX} DNC lists`,
      )
      .default([]),
    complianceProfile: enumSchema(
      'complianceProfile',
      COMPLIANCE_PROFILES,
      'R5.5 compliance profiles',
    ).default('US'),
    /** R5.5, CUSTOM profile only: the local calling hours (else the profile's; CUSTOM starts from the US 08:00–21:00). */
    callingWindow: callingWindowSchema.optional(),
    /**
     * R5.5, CUSTOM profile only: the abandon cap and its window, the repeat-call block after an
     * abandon, the minimum ring time, the national list's age, the information message and the
     * connect rule; each left out keeps the rule CUSTOM starts from (the US profile's).
     */
    ...customComplianceRuleFields,
    /** When the campaign dials, in its time zone: daily hours, weekdays, start and end (schedule.ts). */
    schedule: campaignScheduleSchema.optional(),
    /** R5.6: the call-guide form shown to the agent during the call. */
    callGuideFormId: idSchema('callGuideFormId').optional(),
    status: campaignStatusSchema.default('draft'),
  })
  .superRefine((campaign, ctx) => {
    if (campaign.callingWindow !== undefined && campaign.complianceProfile !== 'CUSTOM')
      ctx.addIssue({
        code: 'custom',
        path: ['callingWindow'],
        message: `calling hours are set by the ${campaign.complianceProfile} profile; choose complianceProfile CUSTOM to set your own (R5.5)`,
      })
    addDuplicateIssues(ctx, campaign.teamIds ?? [], (teamId) => teamId, {
      basePath: ['teamIds'],
      keyPath: [],
      what: 'team',
      why: 'a team serves a campaign once',
    })
    for (const field of CUSTOM_COMPLIANCE_RULE_FIELDS)
      if (campaign[field] !== undefined && campaign.complianceProfile !== 'CUSTOM')
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} is set by the ${campaign.complianceProfile} profile; choose complianceProfile CUSTOM to set your own (R5.5)`,
        })
    addDuplicateIssues(ctx, campaign.dncListNames, (name) => name, {
      basePath: ['dncListNames'],
      keyPath: [],
      what: 'DNC list',
      why: 'a list is scrubbed once',
    })
  })
export type Campaign = z.infer<typeof campaignSchema>
