import { describe, expect, it } from 'vitest'
import { outcomeGroupSchema } from './outcome-group.ts'

describe('business outcome groups (R5.2)', () => {
  it('accepts codes with defaults: final, not a success', () => {
    const group = outcomeGroupSchema.parse({
      id: 'sales',
      name: 'Sales outcomes',
      outcomes: [
        { code: 'SALE', name: 'Sale', success: true },
        { code: 'CALLBACK', name: 'Call back later', final: false },
      ],
    })
    expect(group.outcomes[0]).toMatchObject({ final: true, success: true })
    expect(group.outcomes[1]).toMatchObject({ final: false, success: false })
  })

  it('refuses a repeated code and a bad code, naming the item', () => {
    const result = outcomeGroupSchema.safeParse({
      id: 'x',
      name: 'x',
      outcomes: [
        { code: 'SALE', name: 'Sale' },
        { code: 'SALE', name: 'Again' },
        { code: 'no way', name: 'Bad' },
      ],
    })
    const paths = result.error?.issues.map((i) => i.path.join('.'))
    expect(paths).toContain('outcomes.1.code')
    expect(paths).toContain('outcomes.2.code')
  })
})
