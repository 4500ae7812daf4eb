// Which dialer processes have certainly ended (issue 16): a process that starts closes the open
// attempts, contact leases and imports of a dead predecessor at once instead of waiting for their
// leases to run out. A process whose fate is unknown (another host, a lock that cannot be probed)
// is never reported dead: its leases still expire, the slow and safe way.

export interface ProcessLiveness {
  /** This process's lease owner id (the one its contact, attempt and import leases carry). */
  readonly self: string
  /** Of these lease owners, the ones whose process has certainly ended (never `self`). */
  deadAmong(owners: readonly string[]): Promise<ReadonlySet<string>>
}
