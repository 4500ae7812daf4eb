// The demo tenant is valid configuration: every object passes its API schema, refers only to
// objects seeded before it, and the cross-object rules (R4.3, R4.4) hold.
import { describe, expect, it } from 'vitest'
import { CONFIG_KINDS } from '../../api/resources/config-kinds.ts'
import type { ConfigDocument } from '../../store/ports/documents.ts'
import { demoContactsCsv, demoTenantObjects } from './demo-tenant.ts'

describe('demo tenant seed', () => {
  it('passes every schema, reference and tenant rule in seeding order', async () => {
    const seeded = new Map<string, ConfigDocument[]>()
    const tenant = { all: async (kind: string) => seeded.get(kind) ?? [] }
    for (const object of demoTenantObjects()) {
      const spec = CONFIG_KINDS.find((k) => k.kind === object.kind)
      expect(spec, object.kind).toBeDefined()
      const parsed = spec!.schema.safeParse(object.body)
      expect(
        parsed.error?.issues ?? [],
        `${object.kind} ${JSON.stringify(object.body).slice(0, 60)}`,
      ).toEqual([])
      const id = String(spec!.idOf ? spec!.idOf(object.body) : object.body.id)
      for (const ref of spec!.references?.(parsed.data) ?? [])
        expect(
          (seeded.get(ref.kind) ?? []).some((d) => d.id === ref.id),
          `${object.kind} ${id}: ${ref.path} → ${ref.kind} ${ref.id}`,
        ).toBe(true)
      expect(await spec!.check?.(parsed.data, tenant, id)).toEqual(spec!.check ? [] : undefined)
      const list = seeded.get(object.kind) ?? []
      list.push({ id, name: id, body: parsed.data, version: 1, createdAtMs: 0, updatedAtMs: 0 })
      seeded.set(object.kind, list)
    }
    expect(seeded.get('campaign')?.map((c) => c.id)).toEqual(['renewals', 'winback', 'preview'])
  })

  it('generates distinct E.164 numbers per campaign', () => {
    const rows = [0, 1, 2].flatMap((c) => demoContactsCsv(c, 100).trim().split('\n').slice(1))
    const phones = rows.map((r) => r.split(',')[1])
    expect(new Set(phones).size).toBe(300)
    for (const phone of phones) expect(phone).toMatch(/^\+1212\d{7}$/)
  })
})
