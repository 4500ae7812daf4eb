// Goal (issue 14): an agent's softphone password is sealed before it is stored, kept when an
// update leaves it out, never shown (only sipPasswordSet), and refused outright when the server
// has no secret key — never stored in clear.
import { describe, expect, it } from 'vitest'
import { agentSchema } from '../../domain/config/agent.ts'
import type { ConfigDocument } from '../../store/ports/documents.ts'
import { withSealedPhonePassword } from './agent-phone-secret.ts'
import { CONFIG_KINDS } from './config-kinds.ts'

const spec = CONFIG_KINDS.find((k) => k.kind === 'agent')!
const box = {
  seal: (plain: string) => `sealed:${[...plain].reverse().join('')}`,
  open: (s: string) => s,
}
const agent = agentSchema.parse({
  id: 'agent-1',
  name: 'Ada',
  profile: { outboundCampaignsAllowed: true },
  sipPassword: 'phone-pass-1',
})

const doc = (body: unknown): ConfigDocument =>
  ({
    id: 'agent-1',
    kind: 'agent',
    version: 1,
    body,
    createdAtMs: 0,
    updatedAtMs: 0,
  }) as unknown as ConfigDocument

describe('agent softphone password', () => {
  it('is sealed, kept on an update without it, and never shown', async () => {
    const sealed = withSealedPhonePassword(spec, box)
    const stored = (await sealed.beforeSave!(agent, null)) as Record<string, unknown>
    expect(stored.sipPassword).toBeUndefined()
    expect(stored.sipPasswordSealed).toBe('sealed:1-ssap-enohp')
    const { sipPassword: _p, ...without } = agent
    const kept = (await sealed.beforeSave!(without, doc(stored))) as Record<string, unknown>
    expect(kept.sipPasswordSealed).toBe(stored.sipPasswordSealed)
    const view = sealed.view!(without, doc(kept)) as Record<string, unknown>
    expect(view.sipPasswordSet).toBe(true)
    expect(JSON.stringify(view)).not.toContain('sealed:')
  })

  it('is refused when the server keeps no secrets', async () => {
    const plain = withSealedPhonePassword(spec, undefined)
    await expect(plain.beforeSave!(agent, null)).rejects.toThrow(/sipPassword/)
    const { sipPassword: _p, ...without } = agent
    expect(await plain.beforeSave!(without, null)).toEqual(without)
  })
})
