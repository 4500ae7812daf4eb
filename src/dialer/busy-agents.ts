// The busy agents of a campaign's pool, kept as agents change state (issue 15, engine speed): per
// phase, counts per instant the agent entered it, so pacing reads them as groups of the same
// whole seconds in the phase (oldest first) without walking every agent at each decision. An agent
// counts for the campaign whose pool it last served (`poolCampaignId`) while it reserves for it
// unconnected, talks on one of its calls or wraps up (agents.ts keeps them in step).
import { InvariantError } from '../domain/invariant.ts'
import type { BusyServer, BusyServerGroup } from '../pacing/model.ts'
import { TimedRuns } from './timed-runs.ts'

export type Phase = BusyServer['phase']
const PHASES: readonly Phase[] = ['reserving', 'talking', 'wrapUp']

export class BusyAgents {
  private readonly runs = new Map<Phase, TimedRuns>(PHASES.map((phase) => [phase, new TimedRuns()]))
  /** Agent → the phase and the entry instant it is counted under, with its run in that phase. */
  private readonly entries = new Map<string, { phase: Phase; sinceMs: number; run: number }>()
  private readonly groups: BusyServerGroup[] = []
  /** Changes so far, and the instant and change count `groups` was built at (as in TimedRuns). */
  private changes = 0
  private groupsAtMs = Number.NaN
  private groupsChanges = -1

  get size(): number {
    return this.entries.size
  }

  /** Whether the agent is counted in `phase` since `sinceMs`. */
  holds(agentId: string, phase: Phase, sinceMs: number): boolean {
    const entry = this.entries.get(agentId)
    return entry !== undefined && entry.phase === phase && entry.sinceMs === sinceMs
  }

  /** The agent entered `phase` at `sinceMs` (never earlier than the last entry). */
  add(agentId: string, phase: Phase, sinceMs: number): void {
    if (this.entries.get(agentId)?.phase === phase)
      throw new InvariantError(`${agentId} counted twice in ${phase}`)
    const run = this.runs.get(phase)!.add(sinceMs)
    this.entries.set(agentId, { phase, sinceMs, run })
    this.changes += 1
  }

  remove(agentId: string): void {
    const entry = this.entries.get(agentId)
    if (entry === undefined) return
    this.runs.get(entry.phase)!.remove(entry.run)
    this.entries.delete(agentId)
    this.changes += 1
  }

  /**
   * The busy agents at `nowMs`: how many are each whole second into their phase, phase by phase,
   * oldest first. The list and its records are reused by the next call (the same list, unread
   * again, at the same instant with no change between).
   */
  groupsAt(nowMs: number): readonly BusyServerGroup[] {
    const groups = this.groups
    if (nowMs === this.groupsAtMs && this.changes === this.groupsChanges) return groups
    this.groupsAtMs = nowMs
    this.groupsChanges = this.changes
    let used = 0
    for (const phase of PHASES) {
      for (const { ageSec, count } of this.runs.get(phase)!.groupsAt(nowMs)) {
        const group = groups[used]
        if (group === undefined) groups[used] = { phase, elapsedSec: ageSec, count }
        else {
          group.phase = phase
          group.elapsedSec = ageSec
          group.count = count
        }
        used++
      }
    }
    groups.length = used
    return groups
  }
}
