// Goal: the code of an agent's idle or endWrapUp action is refused when empty or longer than the
// configuration's ids, with a message naming why — the same schema the API and the web forms use.
import { describe, expect, it } from 'vitest'
import { AGENT_ACTION_CODE_LENGTH_MAX, agentActionCodeSchema } from './agent-action-code.ts'

describe('agent action code (R5.2, R7.5)', () => {
  it('takes an idle code id or an outcome code', () => {
    expect(agentActionCodeSchema.parse('idle-break')).toBe('idle-break')
    expect(agentActionCodeSchema.parse('SALE')).toBe('SALE')
  })

  it('refuses an empty or overlong code, saying why', () => {
    expect(agentActionCodeSchema.safeParse('').error?.issues[0]?.message).toMatch(
      /must not be empty/,
    )
    const long = 'X'.repeat(AGENT_ACTION_CODE_LENGTH_MAX + 1)
    expect(agentActionCodeSchema.safeParse(long).error?.issues[0]?.message).toMatch(
      /longer than 64 characters/,
    )
  })
})
