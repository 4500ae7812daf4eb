// The busy agents of a campaign's pool, kept as agents change state (issue 15, engine speed): per
// phase, counts per instant the agent entered it, so pacing reads them as groups of the same
// whole seconds in the phase (oldest first) without walking every agent at each decision. An agent
// counts for the campaign whose pool it last served (`poolCampaignId`) while it reserves for it
// unconnected, talks on one of its calls or wraps up (agents.ts keeps them in step).
import { InvariantError } from '../domain/invariant.ts'
import type { BusyServer, BusyServerGroup } from '../pacing/model.ts'
import { SecondGroups } from './timed-runs.ts'

export type Phase = BusyServer['phase']
const PHASES: readonly Phase[] = ['reserving', 'talking', 'wrapUp']

/** Entry instants a phase's rows start with room for (they double when full). */
const ENTRY_ROWS_START = 64

/**
 * One phase's entry instants, ascending, each with the number of agents that entered at it: only
 * instants with agents, side by side in typed rows, so the walk at each decision reads them in
 * order with no gap to step over (a pool has a few hundred busy agents: an agent leaving closes its
 * instant's gap with one shift).
 */
class EntryInstants {
  atMs = new Float64Array(ENTRY_ROWS_START)
  counts = new Float64Array(ENTRY_ROWS_START)
  length = 0

  /** An agent entered at `atMs` (never earlier than the last entry). */
  add(atMs: number): void {
    const last = this.length - 1
    if (last >= 0 && this.atMs[last] === atMs) {
      this.counts[last]! += 1
      return
    }
    if (last >= 0 && this.atMs[last]! > atMs)
      throw new InvariantError(`entry at ${atMs} before the last one (${this.atMs[last]})`)
    if (this.length === this.atMs.length) this.grow()
    this.atMs[this.length] = atMs
    this.counts[this.length] = 1
    this.length += 1
  }

  /** An agent that entered at `atMs` left. */
  remove(atMs: number): void {
    let low = 0
    let high = this.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (this.atMs[middle]! < atMs) low = middle + 1
      else high = middle
    }
    if (!(low < this.length && this.atMs[low] === atMs))
      throw new InvariantError(`no agent entered at ${atMs}`)
    this.counts[low]! -= 1
    if (this.counts[low] === 0) {
      this.atMs.copyWithin(low, low + 1, this.length)
      this.counts.copyWithin(low, low + 1, this.length)
      this.length -= 1
    }
  }

  private grow(): void {
    const atMs = new Float64Array(2 * this.atMs.length)
    const counts = new Float64Array(2 * this.counts.length)
    atMs.set(this.atMs)
    counts.set(this.counts)
    this.atMs = atMs
    this.counts = counts
  }
}

export class BusyAgents {
  private readonly phases = PHASES.map(() => new EntryInstants())
  /** Agent → the phase and the entry instant it is counted under. */
  private readonly entries = new Map<string, { phase: Phase; sinceMs: number }>()
  private readonly groups: BusyServerGroup[] = []
  private readonly seconds = new SecondGroups()
  /** Changes so far, and the instant and change count `groups` was built at. */
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
    this.phases[PHASES.indexOf(phase)]!.add(sinceMs)
    this.entries.set(agentId, { phase, sinceMs })
    this.changes += 1
  }

  remove(agentId: string): void {
    const entry = this.entries.get(agentId)
    if (entry === undefined) return
    this.phases[PHASES.indexOf(entry.phase)]!.remove(entry.sinceMs)
    this.entries.delete(agentId)
    this.changes += 1
  }

  /**
   * The busy agents at `nowMs`: how many are each whole second (⌊(now − entry) / 1000⌋) into their
   * phase, phase by phase, oldest first. The list and its records are reused by the next call (the
   * same list, unread again, at the same instant with no change between).
   */
  groupsAt(nowMs: number): readonly BusyServerGroup[] {
    const groups = this.groups
    if (nowMs === this.groupsAtMs && this.changes === this.groupsChanges) return groups
    this.groupsAtMs = nowMs
    this.groupsChanges = this.changes
    let used = 0
    for (let p = 0; p < PHASES.length; p++) {
      const phase = PHASES[p]!
      const { atMs, counts, length } = this.phases[p]!
      let current: BusyServerGroup | null = null
      const seconds = this.seconds
      seconds.restart()
      for (let i = 0; i < length; i++) {
        const count = counts[i]!
        const elapsedSec = seconds.startsGroup(nowMs - atMs[i]!)
        if (elapsedSec === null) {
          current!.count += count
          continue
        }
        current = groups[used] ?? { phase, elapsedSec, count }
        current.phase = phase
        current.elapsedSec = elapsedSec
        current.count = count
        groups[used++] = current
      }
    }
    groups.length = used
    return groups
  }
}
