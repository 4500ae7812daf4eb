// The Ids port: the core never calls randomUUID; ids come from here.

export interface Ids {
  next(prefix: string): string
}

/** Deterministic ids for the simulator and tests: `prefix-1`, `prefix-2`, … per prefix. */
export function sequentialIds(): Ids {
  const counters = new Map<string, number>()
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1
      counters.set(prefix, n)
      return `${prefix}-${n}`
    },
  }
}
