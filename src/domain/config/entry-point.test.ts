// Goal: entry points follow Appendix A (name ≤ 80 of [A-Za-z0-9&_\- ]) and R4.5 / R4.6 (an outdial
// entry point names an OUTBOUND, campaign-enabled queue; an inbound one queues in its flow).
import { describe, expect, it } from 'vitest'
import { checkOutdialEntryPointQueue, entryPointSchema } from './entry-point.ts'
import { messageAt } from './issues.testkit.ts'
import { queueSchema } from './queue.ts'

const outdialEntryPoint = {
  id: 'ep-sales',
  name: 'Sales & Retention - EU_1',
  type: 'OUTBOUND',
  queueId: 'q-outdial',
  flowId: 'flow-sales',
}
const inboundEntryPoint = { id: 'ep-in', name: 'Support', type: 'INBOUND', flowId: 'flow-in' }

const outdialQueue = queueSchema.parse({
  id: 'q-outdial',
  name: 'Outdial',
  type: 'OUTBOUND',
  outboundCampaignEnabled: true,
  routingType: 'LONGEST_AVAILABLE_AGENT',
  callDistributionGroups: [{ teamIds: ['team-a'] }],
})

describe('entryPointSchema', () => {
  it('accepts good outdial and inbound entry points', () => {
    expect(entryPointSchema.parse(outdialEntryPoint)).toEqual(outdialEntryPoint)
    expect(entryPointSchema.parse(inboundEntryPoint)).toEqual(inboundEntryPoint)
  })

  it('refuses a name with other characters', () => {
    const result = entryPointSchema.safeParse({ ...outdialEntryPoint, name: 'Sales/EU' })
    expect(messageAt(result, ['name'])).toMatch(/letters, digits, space, &, _ and - \(Appendix A\)/)
  })

  it('refuses a name over 80 characters', () => {
    const result = entryPointSchema.safeParse({ ...outdialEntryPoint, name: 'a'.repeat(81) })
    expect(messageAt(result, ['name'])).toMatch(/longer than 80/)
  })

  it('refuses an OUTBOUND entry point without its outdial queue', () => {
    const { queueId: _queueId, ...noQueue } = outdialEntryPoint
    const result = entryPointSchema.safeParse(noQueue)
    expect(messageAt(result, ['queueId'])).toMatch(/needs its outdial queueId.*R4\.5/)
  })

  it('refuses a queueId on an INBOUND entry point', () => {
    const result = entryPointSchema.safeParse({ ...inboundEntryPoint, queueId: 'q' })
    expect(messageAt(result, ['queueId'])).toMatch(/its flow queues the call \(R4\.6/)
  })

  it('refuses a flowId of the wrong type', () => {
    const result = entryPointSchema.safeParse({ ...outdialEntryPoint, flowId: 7 })
    expect(messageAt(result, ['flowId'])).toMatch(/must be a string/)
  })
})

describe('checkOutdialEntryPointQueue (R4.5)', () => {
  const entryPoint = entryPointSchema.parse(outdialEntryPoint)

  it('passes for an existing campaign-enabled outdial queue', () => {
    expect(checkOutdialEntryPointQueue(entryPoint, [outdialQueue])).toEqual({ kind: 'ok' })
  })

  it('names each way it can fail', () => {
    expect(checkOutdialEntryPointQueue(entryPoint, [])).toEqual({
      kind: 'unknownQueue',
      queueId: 'q-outdial',
    })
    const disabled = { ...outdialQueue, outboundCampaignEnabled: false }
    expect(checkOutdialEntryPointQueue(entryPoint, [disabled])).toEqual({
      kind: 'queueCampaignsDisabled',
      queueId: 'q-outdial',
    })
    const inboundQueue = { ...outdialQueue, type: 'INBOUND' as const }
    expect(checkOutdialEntryPointQueue(entryPoint, [inboundQueue])).toEqual({
      kind: 'queueNotOutbound',
      queueId: 'q-outdial',
    })
    const inbound = entryPointSchema.parse(inboundEntryPoint)
    expect(checkOutdialEntryPointQueue(inbound, [outdialQueue])).toEqual({
      kind: 'notOutbound',
      entryPointId: 'ep-in',
    })
  })
})
