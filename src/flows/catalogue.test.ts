import { describe, expect, it } from 'vitest'
import { activityCatalogue, issueLocation } from './catalogue.ts'

describe('activity catalogue', () => {
  const catalogue = activityCatalogue()
  const entry = (kind: string) => catalogue.find((e) => e.kind === kind)!

  it('lists every activity kind with a JSON Schema naming its fields', () => {
    expect(catalogue.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['SetCallerID', 'CollectDigits']),
    )
    expect(catalogue).toHaveLength(10)
    const schema = entry('QueueContact').schema as { properties: Record<string, unknown> }
    expect(Object.keys(schema.properties)).toEqual(['kind', 'queueId'])
    expect(entry('QueueContact').allowedIn).toEqual(['inbound'])
  })

  it('reads exits from the schema: next, defaultNext and the Case branches', () => {
    expect(entry('Case').exits).toEqual([
      { field: 'branches', shape: 'branches', required: true },
      { field: 'defaultNext', shape: 'single', required: false },
    ])
    expect(entry('PlayMessage').exits).toEqual([
      { field: 'next', shape: 'single', required: false },
    ])
    expect(entry('DisconnectContact').exits).toEqual([])
  })

  it('locates an error path on its handler and activity', () => {
    expect(issueLocation('handlers.PreDial.activities.a1.callerId')).toEqual({
      event: 'PreDial',
      activityId: 'a1',
    })
    expect(issueLocation('handlers.PreDial.start')).toEqual({ event: 'PreDial' })
    expect(issueLocation('variables.0.name')).toEqual({})
  })
})
