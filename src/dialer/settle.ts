// Settling after each entry point of the engine: agents that became Available are routed and every
// campaign marked dirty is pumped, round after round, until nothing is left. Each round works on
// what was pending when it began (ids added meanwhile wait for the next round), copied into one
// array the engine keeps for its life and never shortens: nothing is allocated per event (issue 15,
// engine speed).
import { invariant } from '../domain/invariant.ts'
import type { EngineContext } from './context.ts'
import { pumpCampaign } from './pump.ts'
import { routeAgent } from './routing/router.ts'

/** Rounds of routing and pacing one entry point may take before settling (a loop bound). */
export const SETTLE_ROUNDS_MAX = 10_000

/** `ids` is the engine's scratch array (any content; only its first entries are read). */
export function settle(ctx: EngineContext, ids: string[]): void {
  for (let round = 0; ctx.dirty.size > 0 || ctx.toRoute.size > 0; round++) {
    invariant(round < SETTLE_ROUNDS_MAX, 'routing and pacing did not settle')
    const agents = ctx.toRoute.copyTo(ids)
    for (let i = 0; i < agents; i++) {
      const agentId = ids[i]!
      ctx.toRoute.delete(agentId)
      routeAgent(ctx, agentId)
    }
    const campaigns = ctx.dirty.copyTo(ids)
    for (let i = 0; i < campaigns; i++) {
      const campaignId = ids[i]!
      ctx.dirty.delete(campaignId)
      pumpCampaign(ctx, ctx.campaigns.get(campaignId)!)
    }
  }
}
