// The flow editor's model (web/src/flow-editor/model.ts) on the real activity catalogue the API
// serves (src/flows/catalogue.ts) and the demo's outdial flow: layout, exits, issues per activity.
import { describe, expect, it } from 'vitest'
import { activityCatalogue } from '../../src/flows/catalogue.ts'
import { outdialFlow } from '../../src/flows/defaultFlows.ts'
import {
  type Catalogue,
  type Handler,
  layout,
  placeIssues,
  unreachable,
  withExit,
  withoutActivity,
} from '../../web/src/flow-editor/model.ts'

const catalogue = activityCatalogue() as Catalogue
const flow = outdialFlow({
  id: 'f',
  callerId: '+15550100000',
  onAmd: { play: 'vm' },
  onAbandoned: { play: 'sorry' },
})
const handler = flow.handlers.OutboundCampaignCallResult as unknown as Handler

describe('flow editor model', () => {
  it('lays out deterministically: each activity below every one that leads to it', () => {
    const positions = layout(handler, catalogue)
    expect(positions).toEqual(layout(structuredClone(handler), catalogue))
    expect(positions.cpaCase!.y).toBe(0)
    expect(positions.onAMD!.y).toBeGreaterThan(0)
    // disconnect follows the plays, though the Case's default also leads to it directly.
    expect(positions.disconnect!.y).toBeGreaterThan(positions.onAMD!.y)
    expect(unreachable(handler, catalogue)).toEqual([])
  })

  it('deleting an activity clears the exits that led to it, and leaves the rest reachable or not', () => {
    const without = withoutActivity(handler, 'onAMD', catalogue)
    expect(Object.keys(without.activities)).not.toContain('onAMD')
    expect(without.activities.cpaCase!.branches).toEqual({ ABANDONED: 'onABANDONED' })
    const cut = { ...handler, activities: { ...handler.activities } }
    cut.activities.cpaCase = withExit(cut.activities.cpaCase!, 'branches.AMD', undefined)
    expect(cut.activities.cpaCase!.branches).toMatchObject({ AMD: '' })
    expect(unreachable(cut, catalogue)).toEqual(['onAMD'])
  })

  it("places the API's issues on the activity and field they name", () => {
    const { byActivity, other } = placeIssues(
      [
        { path: 'handlers.OutboundCampaignCallResult.activities.onAMD.promptId', message: 'm1' },
        { path: 'handlers.OutboundCampaignCallResult.activities.cpaCase', message: 'm2' },
        { path: 'handlers.PreDial.activities.setCallerId.callerId', message: 'm3' },
        { path: 'variables', message: 'm4' },
      ],
      'OutboundCampaignCallResult',
    )
    expect(byActivity).toEqual({
      onAMD: [{ field: 'promptId', message: 'm1' }],
      cpaCase: [{ field: '', message: 'm2' }],
    })
    expect(other.map((e) => e.message)).toEqual(['m3', 'm4'])
  })
})
