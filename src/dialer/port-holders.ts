// The IVR ports a campaign's calls hold, kept as calls take and release them (issue 15, engine
// speed): pacing reads the busy ports at each decision without walking every open attempt.
// Ports are kept in the order their calls were dialled (not connected), the order the earlier
// rebuild over the campaign's attempts produced, so the forecast sums the same numbers in the same
// order. Sorted parallel arrays: insertion and removal move at most a thousand numbers, and a
// decision allocates nothing.

import { invariant } from '../domain/invariant.ts'
import type { BusyServer } from '../pacing/model.ts'

export class PortHolders {
  /** Dial sequence of each holder's call, ascending. */
  private readonly dialSeqs: number[] = []
  private readonly sinceMs: number[] = []
  /** One reused record per holder: a snapshot's busy list is valid for the decision that reads it. */
  private readonly servers: BusyServer[] = []

  /** The call dialled `dialSeq`-th took a port at `atMs`. */
  take(dialSeq: number, atMs: number): void {
    const at = this.indexOf(dialSeq)
    invariant(this.dialSeqs[at] !== dialSeq, `port taken twice by call ${dialSeq}`)
    this.dialSeqs.splice(at, 0, dialSeq)
    this.sinceMs.splice(at, 0, atMs)
    this.servers.splice(at, 0, { phase: 'talking', elapsedSec: 0 })
  }

  release(dialSeq: number): void {
    const at = this.indexOf(dialSeq)
    invariant(this.dialSeqs[at] === dialSeq, `port released by call ${dialSeq} that holds none`)
    this.dialSeqs.splice(at, 1)
    this.sinceMs.splice(at, 1)
    this.servers.splice(at, 1)
  }

  /**
   * The busy ports at `nowMs`, in dial order of their calls. The list and its records are reused by
   * the next call: a snapshot's busy ports are valid for the decision that reads them.
   */
  busyAt(nowMs: number): BusyServer[] {
    const servers = this.servers
    for (let i = 0; i < servers.length; i++) {
      servers[i]!.elapsedSec = (nowMs - this.sinceMs[i]!) / 1000
    }
    return servers
  }

  /** First index whose sequence is ≥ `dialSeq`. */
  private indexOf(dialSeq: number): number {
    let low = 0
    let high = this.dialSeqs.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (this.dialSeqs[middle]! < dialSeq) low = middle + 1
      else high = middle
    }
    return low
  }
}
