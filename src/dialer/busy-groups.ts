// Busy agents grouped for the pacing snapshot: how many are in each phase for the same whole
// seconds (issue 15, engine speed). The forecast then works once per group, not once per agent.
// The map and the records are reused from one snapshot to the next: a decision allocates nothing
// once the groups it needs have been seen.
import type { BusyServer, BusyServerGroup } from '../pacing/model.ts'

const PHASE_INDEX: Record<BusyServer['phase'], number> = { reserving: 0, talking: 1, wrapUp: 2 }
const PHASES = 3

export class BusyGroups {
  /** (whole seconds × PHASES + phase) → index of its group in this snapshot. */
  private readonly indexOf = new Map<number, number>()
  private readonly groups: BusyServerGroup[] = []
  private used = 0

  /** Starts a new snapshot (the previous one's list is no longer valid). */
  begin(): void {
    this.indexOf.clear()
    this.used = 0
  }

  add(phase: BusyServer['phase'], elapsedSec: number): void {
    const whole = Math.floor(elapsedSec)
    const key = whole * PHASES + PHASE_INDEX[phase]
    const at = this.indexOf.get(key)
    if (at !== undefined) {
      this.groups[at]!.count += 1
      return
    }
    const group = this.groups[this.used]
    if (group === undefined) this.groups.push({ phase, elapsedSec: whole, count: 1 })
    else {
      group.phase = phase
      group.elapsedSec = whole
      group.count = 1
    }
    this.indexOf.set(key, this.used++)
  }

  /** The groups in the order their first agent was added. */
  list(): readonly BusyServerGroup[] {
    this.groups.length = this.used
    return this.groups
  }
}
