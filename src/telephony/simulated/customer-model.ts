// The customer model of the simulated network (docs/benchmarks.md "Method: customer model"): the shares of dialled numbers that
// answer as people or machines, ring busy, SIT or not at all, how long each takes, how AMD
// classifies the answers, and how the shares change through the day. Scenario files
// (sim/scenario.ts) and the server's demo network (demo-network.ts) embed these fields;
// SimTelephony draws every call from them.

import { z } from 'zod'
import { constSec, type Distribution, distributionSchema } from './distributions.ts'
import { numberIn, probabilitySchema } from './number-fields.ts'

export const OUTCOME_SUM_TOLERANCE = 1e-6
export const SCHEDULE_ENTRIES_MAX = 10_000
/** Latest start of a schedule entry: 31 days, the longest run the simulator models. */
export const SCHEDULE_AT_SEC_MAX = 31 * 86_400
const RESERVATION_ANSWER_SEC_DEFAULT = 0
const CUSTOMER_LEFT_PCT_DEFAULT = 0

export const outcomesSchema = z
  .strictObject({
    live: probabilitySchema,
    machine: probabilitySchema,
    busy: probabilitySchema,
    sit: probabilitySchema,
    noAnswer: probabilitySchema,
  })
  .refine(
    (o) => Math.abs(o.live + o.machine + o.busy + o.sit + o.noAnswer - 1) <= OUTCOME_SUM_TOLERANCE,
    { error: 'live + machine + busy + sit + noAnswer must sum to 1 (within 1e-6)' },
  )
export type Outcomes = z.infer<typeof outcomesSchema>

export const amdSchema = z.discriminatedUnion(
  'enabled',
  [
    z.object({ enabled: z.literal(false) }),
    z.object({
      enabled: z.literal(true),
      /** Time from answer to the AMD verdict. */
      decisionSec: distributionSchema,
      /** Share of live people classified as machines (hung up on: abandons under the UK rule). */
      humanAsMachine: probabilitySchema,
      /** Share of machines classified as live (they reach an agent or port). */
      machineAsHuman: probabilitySchema,
    }),
  ],
  { error: (issue) => (issue.input === undefined ? 'required' : 'enabled must be true or false') },
)
export type AmdSettings = z.infer<typeof amdSchema>

/** Keys one simulated answer to an IVR menu holds at most, and answers one model lists. */
export const IVR_ANSWER_KEYS_MAX = 20
export const IVR_ANSWERS_MAX = 50

/**
 * How simulated customers answer IVR menus (CollectDigits): which keys they press, with what
 * probability ('' presses nothing), how long after the menu prompt starts, and the gap between
 * two keys. Absent: customers never press a key.
 */
export const ivrAnswerSchema = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        keys: z
          .string()
          .regex(/^[0-9*#]*$/, { error: 'keys hold only 0-9, * and #' })
          .max(IVR_ANSWER_KEYS_MAX, { error: `keys are more than ${IVR_ANSWER_KEYS_MAX} keys` }),
        probability: probabilitySchema,
      }),
    )
    .min(1)
    .max(IVR_ANSWERS_MAX, { error: `more than ${IVR_ANSWERS_MAX} answers` })
    .refine(
      (answers) =>
        Math.abs(answers.reduce((sum, a) => sum + a.probability, 0) - 1) <= OUTCOME_SUM_TOLERANCE,
      { error: 'the answers’ probabilities must sum to 1 (within 1e-6)' },
    ),
  /** From the start of the menu prompt to the first key. */
  delaySec: distributionSchema,
  /** Between two keys of one answer. */
  keyGapSec: distributionSchema.default(constSec(0.5)),
})

export const scheduleEntrySchema = z.object({
  atSec: numberIn(0, SCHEDULE_AT_SEC_MAX, ' s'),
  outcomes: outcomesSchema,
})

/** The customer model's fields, in the order scenario files list them. */
export const customerModelShape = {
  outcomes: outcomesSchema,
  answerSec: distributionSchema,
  busySec: distributionSchema,
  sitSec: distributionSchema,
  amd: amdSchema,
  /** How long a machine wrongly passed to an agent (or port) holds it. */
  machineTalkSec: distributionSchema.optional(),
  /** New outcome shares from `atSec` into the run on. */
  schedule: z.array(scheduleEntrySchema).max(SCHEDULE_ENTRIES_MAX).default([]),
  /** Time for an agent to answer the reservation call (R7.2). */
  reservationAnswerSec: distributionSchema.default(constSec(RESERVATION_ANSWER_SEC_DEFAULT)),
  /** Outdial extension: % of live people who hang up before the CPA decision completes. */
  customerLeftPct: numberIn(0, 100, ' %').default(CUSTOMER_LEFT_PCT_DEFAULT),
  /** Outdial extension: how customers answer IVR menus; absent, they press no key. */
  ivrAnswer: ivrAnswerSchema.optional(),
}

/** The customer fields as parsed: machineTalkSec may be absent where no machine can answer. */
type CustomerFields = z.output<z.ZodObject<typeof customerModelShape>>

/** What SimTelephony draws calls from. */
export interface CustomerModel extends Omit<CustomerFields, 'machineTalkSec'> {
  machineTalkSec: Distribution
  /** How long a live person stays once connected: the talk with an agent, or the IVR message. */
  liveSec: Distribution
}

type OutcomeTimeline = Pick<CustomerFields, 'outcomes' | 'schedule'>

/** True when some outcome set of the run lets a machine answer. */
export function machinesPossible(timeline: OutcomeTimeline): boolean {
  return [timeline.outcomes, ...timeline.schedule.map((e) => e.outcomes)].some(
    (outcomes) => outcomes.machine > 0,
  )
}

/** The outcome probabilities in force at `atSec` into the run (the last schedule entry ≤ atSec). */
export function outcomesAtSec(timeline: OutcomeTimeline, atSec: number): Outcomes {
  let current = timeline.outcomes
  for (const entry of timeline.schedule) {
    if (entry.atSec > atSec) break
    current = entry.outcomes
  }
  return current
}
