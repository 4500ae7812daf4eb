// The agent resource with its softphone password sealed (issue 14): `sipPassword` is accepted on
// write, stored sealed like the connector's password, kept when an update leaves it out, and
// never returned (the view says `sipPasswordSet`).
import type { z } from 'zod'
import type { agentSchema } from '../../domain/config/agent.ts'
import { unprocessable } from '../errors.ts'
import type { ConfigResourceSpec } from './config-resource.ts'
import type { SecretSealer } from './connector-kind.ts'

type AgentBody = z.output<typeof agentSchema>
type StoredAgent = Omit<AgentBody, 'sipPassword'> & { sipPasswordSealed?: string }

/** The agent kind: with a sealer the password is sealed; without one it is refused, never kept
 * in clear. */
export function withSealedPhonePassword(
  spec: ConfigResourceSpec<typeof agentSchema>,
  box: SecretSealer | undefined,
): ConfigResourceSpec<typeof agentSchema> {
  if (!box)
    return {
      ...spec,
      beforeSave: async (agent) => {
        if (agent.sipPassword !== undefined)
          throw unprocessable('this server keeps no secrets: sipPassword cannot be stored', [
            { path: 'sipPassword', message: 'needs the server secret key' },
          ])
        return agent
      },
    }
  return {
    ...spec,
    beforeSave: async (agent, previous) => {
      const { sipPassword, ...rest } = agent
      const kept = (previous?.body as StoredAgent | undefined)?.sipPasswordSealed
      const sealed = sipPassword !== undefined ? box.seal(sipPassword) : kept
      const stored: StoredAgent = {
        ...rest,
        ...(sealed !== undefined ? { sipPasswordSealed: sealed } : {}),
      }
      return stored
    },
    view: (_body, stored) => {
      const { sipPasswordSealed, ...rest } = stored.body as StoredAgent
      return { ...rest, sipPasswordSet: sipPasswordSealed !== undefined }
    },
  }
}
