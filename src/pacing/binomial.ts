// Binomial tail arithmetic for pacing: how many live connects n lines produce, and the expected
// excess over the servers that will be free to take them.

export const BINOMIAL_TRIALS_MAX = 5000
/** Mass beyond this many standard deviations from the mean is below 1e-20: not computed. */
const TAIL_SD = 10

export interface PmfRange {
  /** Value of the first entry of `mass`. */
  from: number
  mass: Float64Array
}

/** Probability mass of Binomial(n, p) where it is not negligible, by the stable recurrence. */
export function binomialPmf(n: number, p: number): PmfRange {
  if (p <= 0 || n === 0) return { from: 0, mass: Float64Array.of(1) }
  if (p >= 1) return { from: n, mass: Float64Array.of(1) }
  const mean = n * p
  const spread = TAIL_SD * Math.sqrt(n * p * (1 - p)) + 1
  const from = Math.max(0, Math.floor(mean - spread))
  const to = Math.min(n, Math.ceil(mean + spread))
  const mass = new Float64Array(to - from + 1)
  // Start at the mode in log space to avoid underflow for large n, then walk both ways.
  const mode = Math.min(to, Math.max(from, Math.floor((n + 1) * p)))
  const logAtMode = logChoose(n, mode) + mode * Math.log(p) + (n - mode) * Math.log1p(-p)
  mass[mode - from] = Math.exp(logAtMode)
  const ratio = p / (1 - p)
  for (let k = mode + 1; k <= to; k++) {
    mass[k - from] = mass[k - 1 - from]! * ((n - k + 1) / k) * ratio
  }
  for (let k = mode - 1; k >= from; k--) {
    mass[k - from] = (mass[k + 1 - from]! * ((k + 1) / (n - k))) / ratio
  }
  return { from, mass }
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k)
}

const logFactorials: number[] = [0]
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++)
    logFactorials.push(logFactorials[i - 1]! + Math.log(i))
  return logFactorials[n]!
}

/** E[(L − free)+] and E[min(L, free)] for L ~ Binomial(n, p): over-connects and served connects. */
export function expectedExcess(
  n: number,
  p: number,
  free: number,
): { excess: number; served: number } {
  const { from, mass } = binomialPmf(n, p)
  let excess = 0
  let served = 0
  for (let i = 0; i < mass.length; i++) {
    const k = from + i
    const m = mass[i]!
    if (k > free) excess += m * (k - free)
    served += m * Math.min(k, free)
  }
  return { excess, served }
}
