// Limits of the contact-center configuration (R3.4, R4.3, R4.4, R4.5, R8.2, Appendix A), each named
// with its unit, and the relations between them asserted when the module loads.
import { invariant } from '../invariant.ts'

/** Identifiers of configuration objects: the dialer API's longest id (campaign id) is 64 chars. */
export const CONFIG_ID_LENGTH_MAX = 64
/** Display names of teams, queues, agents and auxiliary codes. */
export const CONFIG_NAME_LENGTH_MAX = 80

/** R4.3: an outdial queue serves at most 500 agents. */
export const QUEUE_AGENTS_MAX = 500
/** R4.3: how long a reservation request may wait in a queue, seconds. */
export const MAX_TIME_IN_QUEUE_SEC_MIN = 1
export const MAX_TIME_IN_QUEUE_SEC_MAX = 86_400
/** R4.3: the form recommends 3600 s so reservation requests are not churned. */
export const MAX_TIME_IN_QUEUE_SEC_RECOMMENDED = 3_600
/** The default is the recommendation. @alias */
export const MAX_TIME_IN_QUEUE_SEC_DEFAULT = MAX_TIME_IN_QUEUE_SEC_RECOMMENDED
/** Outdial's own bound on the call distribution groups of an inbound queue. */
export const CALL_DISTRIBUTION_GROUPS_MAX = 10
/** Outdial's own bound on the teams of one call distribution group. */
export const CALL_DISTRIBUTION_GROUP_TEAMS_MAX = 50
/** R4.3: an outdial (OUTBOUND) queue has exactly one call distribution group. */
export const OUTBOUND_CALL_DISTRIBUTION_GROUPS = 1

/** R8.2: rank of a queue on a team, 1 = served first. */
export const QUEUE_RANK_MIN = 1
export const QUEUE_RANK_MAX = 100
/** One ranking per queue, so a team ranks at most as many queues as there are ranks. @alias */
export const TEAM_QUEUE_RANKINGS_MAX = QUEUE_RANK_MAX
/** A team larger than a queue's whole capacity could never be placed in an outdial queue. @alias */
export const TEAM_AGENTS_MAX = QUEUE_AGENTS_MAX
/** Outdial's own bound on how many teams one agent belongs to. */
export const AGENT_TEAMS_MAX = 50

/** Appendix A: entry point name ≤ 80 of `[A-Za-z0-9&_\- ]`. */
export const ENTRY_POINT_NAME_LENGTH_MAX = 80

/** Appendix A: global variable name ≤ 80 of `[A-Za-z0-9_]`, default value ≤ 256 chars. */
export const GLOBAL_VARIABLE_NAME_LENGTH_MAX = 80
export const GLOBAL_VARIABLE_DEFAULT_LENGTH_MAX = 256
/** The desktop's display label of a global variable (R3.4), in characters. */
export const GLOBAL_VARIABLE_LABEL_LENGTH_MAX = 80
/** R4.4: at most 28 String global variables carry imported customer data. */
export const GLOBAL_VARIABLES_CAMPAIGN_MAX = 28

/** R3.4: ordered interaction-panel variables. */
export const PANEL_VARIABLES_MAX = 30
/** R3.4 / R7.4: incoming-popover variables, `campaignId` included and counted. */
export const POPOVER_FIELDS_MAX = 6

/** Outdial's own bound on the auxiliary codes of a tenant (idle + wrap-up). */
export const AUX_CODES_MAX = 200

invariant(MAX_TIME_IN_QUEUE_SEC_MIN <= MAX_TIME_IN_QUEUE_SEC_DEFAULT, 'queue time default < min')
invariant(MAX_TIME_IN_QUEUE_SEC_DEFAULT <= MAX_TIME_IN_QUEUE_SEC_MAX, 'queue time default > max')
invariant(QUEUE_RANK_MIN <= QUEUE_RANK_MAX, 'queue rank min > max')
invariant(TEAM_AGENTS_MAX <= QUEUE_AGENTS_MAX, 'a team cannot exceed a queue')
invariant(OUTBOUND_CALL_DISTRIBUTION_GROUPS <= CALL_DISTRIBUTION_GROUPS_MAX, 'groups max < 1')
// The popover is a glance at the panel: it can never hold more than the panel does.
invariant(POPOVER_FIELDS_MAX <= PANEL_VARIABLES_MAX, 'popover larger than panel')
// Every customer-data variable plus `campaignId` must fit in the interaction panel.
invariant(GLOBAL_VARIABLES_CAMPAIGN_MAX + 1 <= PANEL_VARIABLES_MAX, 'campaign data overflows panel')

/** Skills (Appendix A, SKILLS_BASED routing): a level from 1 (novice) to 10 (expert). */
export const SKILL_LEVEL_MIN = 1
export const SKILL_LEVEL_MAX = 10
/** Skills one agent's skill profile lists at most. */
export const AGENT_SKILLS_MAX = 50
/** Skills one SKILLS_BASED queue requires at most. */
export const QUEUE_SKILL_REQUIREMENTS_MAX = 20
