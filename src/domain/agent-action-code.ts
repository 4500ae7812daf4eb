// The code an agent's action carries (R5.2, R7.5): the idle reason (an auxiliary code's id) with
// `idle`, or the business outcome code with `endWrapUp`. Shared by the agent desktop API
// (src/api/routes/agent-desk.ts) and the web app's idle and wrap-up forms, so both refuse alike.
import { z } from 'zod'

/** An idle reason's or an outcome code's length, in characters (the ids of the configuration). */
export const AGENT_ACTION_CODE_LENGTH_MAX = 64

export const agentActionCodeSchema = z
  .string({ error: 'code must be a string: an idle code id or an outcome code' })
  .min(1, 'code must not be empty: choose an idle code or an outcome code')
  .max(
    AGENT_ACTION_CODE_LENGTH_MAX,
    `code is longer than ${AGENT_ACTION_CODE_LENGTH_MAX} characters: no idle or outcome code is`,
  )
