// The lines a pooled campaign has in flight, kept as they are dialled and resolved (issue 15,
// engine speed): pacing reads their ages at each decision without walking every open attempt.
// Lines are kept in dial order (a Map keeps insertion order, and dials only ever append), which is
// the order the earlier rebuild over the campaign's attempts produced: the forecast sums the same
// numbers in the same order, to the last bit.

export class LinesInFlight {
  /** Attempt id → when it was dialled, oldest first. */
  private readonly dialedAtMs = new Map<string, number>()
  private readonly ages: number[] = []

  /** A line was dialled now (`atMs` never decreases from one call to the next). */
  add(attemptId: string, atMs: number): void {
    this.dialedAtMs.set(attemptId, atMs)
  }

  /** The line resolved (live, or not); a line not in flight is ignored. */
  remove(attemptId: string): void {
    this.dialedAtMs.delete(attemptId)
  }

  /**
   * Each line's age in seconds at `nowMs`, oldest line first. The list is reused by the next call:
   * a snapshot's ages are valid for the decision that reads them.
   */
  agesSec(nowMs: number): number[] {
    const ages = this.ages
    ages.length = this.dialedAtMs.size
    let index = 0
    for (const atMs of this.dialedAtMs.values()) ages[index++] = (nowMs - atMs) / 1000
    return ages
  }
}
