// A pacing scenario file (bench/scenarios/README.md): one simulated campaign day. Parsing refuses
// anything the simulator could only guess at, with a field path per error, and turns harmless
// surprises (unknown keys, fields the mode ignores) into warnings, so new files written for a newer
// simulator still run on this one.
//
// Outdial extensions, all OPTIONAL (not in the public README):
// - `customerLeftPct` (percent, default 0): share of live people who hang up before the CPA decision
//   completes (R2.1 CUSTOMER_LEFT).
// - `ivrAnswer` ({answers: [{keys, probability}], delaySec, keyGapSec}): the keys customers press
//   at IVR menus (CollectDigits); absent, nobody presses a key.
// - `previewReviewSec` (distribution, default const 5 s): how long a preview agent reads a record
//   before accepting it.
// - `agentWaves` ([{atSec, share, awaySec}], default []): at atSec, that share of the logged-in
//   agents (drawn from the seed) log out, each at the end of its next call's wrap-up, and come
//   back awaySec after atSec.
// - `compliance` (unknown, default undefined): passed through untouched; the engine validates it.
// - `campaignSchedule` (the product's campaign schedule, src/domain/campaign/schedule.ts: dailyStart,
//   dailyStop, days, startsAt, endsAt; in the campaign's zone, America/New_York): when the campaign
//   dials; absent, all the time. A run of several days with daily hours (up to
//   SCENARIO_DURATION_SEC_MAX, a month) measures a long regulatory window such as the US 30 days.
// Also lenient where the README is silent: `schedule` defaults to [], and `machineTalkSec` is
// required only when some outcome set has machine > 0 (otherwise it defaults to const 0).
// `ringLimitSec`: the product accepts 16–80 s (Appendix A `noAnswerRingLimit`); scenarios
// may use 1–600 s to explore, with a warning outside the product's range.

import { z } from 'zod'
import type { CampaignMode } from '../domain/campaign/campaign-mode.ts'
import { campaignScheduleSchema } from '../domain/campaign/schedule.ts'
import { ABANDON_WINDOW_SEC_MAX as PROFILE_ABANDON_WINDOW_SEC_MAX } from '../domain/compliance-profile.ts'
import { invariant } from '../domain/invariant.ts'
import { type AgentBehaviour, agentBehaviourShape } from '../telephony/simulated/agent-model.ts'
import {
  type CustomerModel,
  customerModelShape,
  machinesPossible,
  SCHEDULE_AT_SEC_MAX,
  scheduleEntrySchema,
} from '../telephony/simulated/customer-model.ts'
import {
  constSec,
  type Distribution,
  distributionSchema,
} from '../telephony/simulated/distributions.ts'
import { numberIn, positiveUpTo } from '../telephony/simulated/number-fields.ts'

export const AGENT_MODES = ['preview', 'progressive', 'predictive'] as const
export const IVR_MODES = ['ivr-progressive', 'ivr-predictive'] as const
export const SCENARIO_MODES = [...AGENT_MODES, ...IVR_MODES] as const
export type AgentMode = (typeof AGENT_MODES)[number]
export type ScenarioMode = (typeof SCENARIO_MODES)[number]

/** The campaign mode each file spelling stands for: the engine and the runtime know only these. */
const CAMPAIGN_MODE_OF: Record<ScenarioMode, CampaignMode> = {
  preview: 'preview_standard',
  progressive: 'progressive',
  predictive: 'predictive',
  'ivr-progressive': 'progressive_ivr',
  'ivr-predictive': 'predictive_ivr',
}

export function campaignModeOf(mode: ScenarioMode): CampaignMode {
  return CAMPAIGN_MODE_OF[mode]
}

export const AGENTS_MAX = 5000
export const IVR_PORTS_MAX = 1000
export const DIAL_RATE_MIN = 1
export const DIAL_RATE_MAX = 10
/**
 * 31 days: a campaign's month of daily hours under the US 30-day window (with `campaignSchedule`);
 * it bounds the simulator's work.
 */
export const SCENARIO_DURATION_SEC_MAX = 31 * 86_400
/** The compliance profile's own bound: a window longer than the run measures the whole run. */
export const ABANDON_WINDOW_SEC_MAX = PROFILE_ABANDON_WINDOW_SEC_MAX
export const RING_LIMIT_SEC_MIN = 1
export const RING_LIMIT_SEC_MAX = 600
export const PRODUCT_RING_LIMIT_SEC_MIN = 16
export const PRODUCT_RING_LIMIT_SEC_MAX = 80
export const INBOUND_ARRIVALS_PER_HOUR_MAX = 100_000
export const NAME_LENGTH_MAX = 200
// A schedule entry of any valid day (atSec < durationSec) is within the customer model's bound.
invariant(SCENARIO_DURATION_SEC_MAX <= SCHEDULE_AT_SEC_MAX, 'a day outlasts its schedule bound')

const integerIn = (minIncl: number, maxIncl: number, requiredMessage: string) =>
  z
    .number({
      error: (issue) => (issue.input === undefined ? requiredMessage : 'must be a number'),
    })
    .int({ error: 'must be an integer' })
    .min(minIncl, { error: `must be ≥ ${minIncl}` })
    .max(maxIncl, { error: `must be ≤ ${maxIncl}` })

const inboundSchema = z.object({
  arrivalsPerHour: numberIn(0, INBOUND_ARRIVALS_PER_HOUR_MAX, ' calls per hour'),
  talkSec: distributionSchema,
  wrapSec: distributionSchema,
  /** A waiting inbound caller hangs up after this long. */
  patienceSec: positiveUpTo(SCENARIO_DURATION_SEC_MAX, ' s'),
  ranking: z.enum(['inbound-first', 'campaign-first']).default('inbound-first'),
})

const commonShape = {
  name: z.string().min(1, { error: 'must not be empty' }).max(NAME_LENGTH_MAX),
  /** Root seed of the run; the benchmark also runs seed + 1 … seed + 4. */
  seed: z.number().int({ error: 'must be an integer' }).refine(Number.isSafeInteger, {
    error: 'must be a safe integer',
  }),
  durationSec: positiveUpTo(SCENARIO_DURATION_SEC_MAX, ' s'),
  /** Progressive: lines per agent or port; predictive: the maximum dial rate. */
  dialRate: numberIn(DIAL_RATE_MIN, DIAL_RATE_MAX, ''),
  abandonTargetPct: positiveUpTo(100, ' %'),
  abandonWindowSec: positiveUpTo(ABANDON_WINDOW_SEC_MAX, ' s'),
  /** Accepts 1–600 s for exploration; the product's own range is 16–80 s. */
  ringLimitSec: numberIn(RING_LIMIT_SEC_MIN, RING_LIMIT_SEC_MAX, ' s'),
  // The simulated network's customers (telephony/simulated/customer-model.ts).
  ...customerModelShape,
  previewReviewSec: agentBehaviourShape.previewReviewSec,
  /** Outdial extension: compliance settings, validated by the engine, not here. */
  compliance: z.unknown().optional(),
  /** Outdial extension: when the campaign dials (the product's schedule, in SIM_ZONE). */
  campaignSchedule: campaignScheduleSchema.optional(),
}

const agentScenarioSchema = z.object({
  ...commonShape,
  mode: z.enum(AGENT_MODES),
  agents: integerIn(1, AGENTS_MAX, 'required in agent modes (preview, progressive, predictive)'),
  talkSec: distributionSchema,
  wrapSec: agentBehaviourShape.wrapSec,
  agentWaves: agentBehaviourShape.agentWaves,
  inbound: inboundSchema.optional(),
})

const ivrScenarioSchema = z.object({
  ...commonShape,
  mode: z.enum(IVR_MODES),
  ivrPorts: integerIn(1, IVR_PORTS_MAX, 'required in IVR modes (ivr-progressive, ivr-predictive)'),
  /** How long a port is held by a live customer after answer. */
  messageSec: distributionSchema,
  inbound: z
    .never({ error: 'inbound blending needs agents (R8.1): not allowed in IVR modes' })
    .optional(),
})

const scenarioSchema = z.discriminatedUnion('mode', [agentScenarioSchema, ivrScenarioSchema], {
  error: (issue) =>
    issue.input === undefined ? 'required' : `must be one of ${SCENARIO_MODES.join(', ')}`,
})

type ParsedScenario = z.output<typeof scenarioSchema>
/** A validated scenario with every default applied. */
export type Scenario = ParsedScenario & { machineTalkSec: Distribution }
export type AgentScenario = Extract<Scenario, { mode: AgentMode }>

export interface ScenarioError {
  /** Dotted/indexed field path such as `outcomes.live` or `schedule[1].atSec`; '' for the file. */
  path: string
  message: string
}
export type ParseScenarioResult =
  | { ok: true; scenario: Scenario; warnings: string[] }
  | { ok: false; errors: ScenarioError[] }

export function isAgentMode(mode: ScenarioMode): mode is AgentMode {
  return (AGENT_MODES as readonly string[]).includes(mode)
}

export function isAgentScenario(scenario: Scenario): scenario is AgentScenario {
  return isAgentMode(scenario.mode)
}

/** The customers of the scenario's simulated network. */
export function customerModelOf(scenario: Scenario): CustomerModel {
  return {
    outcomes: scenario.outcomes,
    schedule: scenario.schedule,
    answerSec: scenario.answerSec,
    busySec: scenario.busySec,
    sitSec: scenario.sitSec,
    amd: scenario.amd,
    machineTalkSec: scenario.machineTalkSec,
    reservationAnswerSec: scenario.reservationAnswerSec,
    customerLeftPct: scenario.customerLeftPct,
    ...(scenario.ivrAnswer !== undefined ? { ivrAnswer: scenario.ivrAnswer } : {}),
    liveSec: isAgentScenario(scenario) ? scenario.talkSec : scenario.messageSec,
  }
}

/** How the scenario's simulated agents work. */
export function agentBehaviourOf(scenario: AgentScenario): AgentBehaviour {
  return {
    wrapSec: scenario.wrapSec,
    previewReviewSec: scenario.previewReviewSec,
    agentWaves: scenario.agentWaves,
    ...(scenario.inbound ? { inboundWrapSec: scenario.inbound.wrapSec } : {}),
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else text += text === '' ? String(segment) : `.${String(segment)}`
  }
  return text
}

// Fields a schema does not declare are dropped by z.object; these lists let us warn about them.
const COMMON_KEYS = Object.keys(commonShape).concat('mode')
const AGENT_ONLY_KEYS = ['agents', 'talkSec', 'wrapSec', 'agentWaves', 'inbound']
const IVR_ONLY_KEYS = ['ivrPorts', 'messageSec']
const NESTED_KEYS: Record<string, readonly string[]> = {
  amd: ['enabled', 'decisionSec', 'humanAsMachine', 'machineAsHuman'],
  inbound: Object.keys(inboundSchema.shape),
  schedule: Object.keys(scheduleEntrySchema.shape),
}

function unknownKeys(value: unknown, allowed: readonly string[]): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return []
  return Object.keys(value).filter((key) => !allowed.includes(key))
}

function collectWarnings(input: Record<string, unknown>, scenario: Scenario): string[] {
  const agentMode = isAgentMode(scenario.mode)
  const ignoredByMode = agentMode ? IVR_ONLY_KEYS : AGENT_ONLY_KEYS
  const warnings: string[] = []
  for (const key of unknownKeys(input, COMMON_KEYS.concat(AGENT_ONLY_KEYS, IVR_ONLY_KEYS))) {
    warnings.push(`unknown key "${key}" ignored`)
  }
  for (const key of Object.keys(input).filter((k) => ignoredByMode.includes(k))) {
    warnings.push(`"${key}" is ignored in mode ${scenario.mode}`)
  }
  for (const key of unknownKeys(input.amd, NESTED_KEYS.amd ?? [])) {
    warnings.push(`unknown key "amd.${key}" ignored`)
  }
  if (!scenario.amd.enabled && unknownKeys(input.amd, ['enabled']).length > 0) {
    warnings.push('amd settings other than "enabled" are ignored because amd.enabled is false')
  }
  for (const key of unknownKeys(input.inbound, NESTED_KEYS.inbound ?? [])) {
    warnings.push(`unknown key "inbound.${key}" ignored`)
  }
  const schedule = Array.isArray(input.schedule) ? input.schedule : []
  schedule.forEach((entry, index) => {
    for (const key of unknownKeys(entry, NESTED_KEYS.schedule ?? [])) {
      warnings.push(`unknown key "schedule[${index}].${key}" ignored`)
    }
  })
  const ringLimitSec = scenario.ringLimitSec
  if (ringLimitSec < PRODUCT_RING_LIMIT_SEC_MIN || ringLimitSec > PRODUCT_RING_LIMIT_SEC_MAX) {
    warnings.push(
      `ringLimitSec ${ringLimitSec} is outside the product's range ` +
        `${PRODUCT_RING_LIMIT_SEC_MIN}–${PRODUCT_RING_LIMIT_SEC_MAX} s (accepted for simulation)`,
    )
  }
  return warnings
}

/** Checks that span several fields; run only once every field is individually valid. */
function crossFieldErrors(parsed: ParsedScenario): ScenarioError[] {
  const errors: ScenarioError[] = []
  parsed.schedule.forEach((entry, index) => {
    const path = `schedule[${index}].atSec`
    if (entry.atSec >= parsed.durationSec) {
      errors.push({ path, message: `must be < durationSec (${parsed.durationSec} s)` })
    }
    const previous = parsed.schedule[index - 1]
    if (previous !== undefined && entry.atSec <= previous.atSec) {
      errors.push({ path, message: `schedule must be sorted by atSec with no repeats` })
    }
  })
  if (machinesPossible(parsed) && parsed.machineTalkSec === undefined) {
    errors.push({ path: 'machineTalkSec', message: 'required when any machine probability > 0' })
  }
  return errors
}

// Parse-wide message for the most common mistake, a missing field; other issues keep their own.
const requiredFieldMessage = (issue: { code?: string; input?: unknown }) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined

export function parseScenario(json: unknown): ParseScenarioResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: [{ path: '', message: 'a scenario must be a JSON object' }] }
  }
  const result = scenarioSchema.safeParse(json, { error: requiredFieldMessage })
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }))
    return { ok: false, errors }
  }
  const errors = crossFieldErrors(result.data)
  if (errors.length > 0) return { ok: false, errors }
  const scenario: Scenario = {
    ...result.data,
    machineTalkSec: result.data.machineTalkSec ?? constSec(0),
  }
  return {
    ok: true,
    scenario,
    warnings: collectWarnings(json as Record<string, unknown>, scenario),
  }
}

/** JSON.parse reports a character offset; people look for a line and column. */
function describeJsonError(text: string, message: string): string {
  const match = /at position (\d+)/.exec(message)
  if (match === null || /line \d+/.test(message)) return message
  const offset = Number(match[1])
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `${message} (line ${line}, column ${column})`
}

/** Parses the text of a scenario file; JSON syntax errors name the file and the line. */
export function loadScenarioText(text: string, fileName: string): ParseScenarioResult {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    const message = `${fileName}: invalid JSON: ${describeJsonError(text, detail)}`
    return { ok: false, errors: [{ path: '', message }] }
  }
  return parseScenario(json)
}

/** One line per error, prefixed with the file name: for the CLI and the benchmark. */
export function formatScenarioErrors(fileName: string, errors: readonly ScenarioError[]): string {
  const prefix = `${fileName}: `
  return errors
    .map((e) => {
      const located = e.path === '' ? e.message : `${e.path}: ${e.message}`
      return located.startsWith(prefix) ? located : prefix + located
    })
    .join('\n')
}
