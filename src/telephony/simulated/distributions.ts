// Duration distributions of the scenario files (bench/scenarios/README.md). Every value is in
// seconds. Sampling reads only the Random stream it is given, so each concern of the customer
// model keeps its own stream and a run replays exactly from its seed.

import { z } from 'zod'
import { assertNever, invariant } from '../../domain/invariant.ts'
import type { Random } from './rng.ts'

/** Longest duration parameter accepted: a week. Anything longer is a typo in a campaign day. */
export const DISTRIBUTION_SEC_MAX = 7 * 86_400
/** Largest coefficient of variation accepted; beyond this a lognormal is all tail and no body. */
export const LOGNORMAL_CV_MAX = 10

const secondsSchema = (what: string) =>
  z
    .number({
      error: (issue) =>
        issue.input === undefined ? 'required' : `${what} must be a number of seconds`,
    })
    .refine(Number.isFinite, { error: `${what} must be finite` })
    .refine((value) => value >= 0, { error: `${what} must be ≥ 0 seconds` })
    .refine((value) => value <= DISTRIBUTION_SEC_MAX, {
      error: `${what} must be ≤ ${DISTRIBUTION_SEC_MAX} seconds (DISTRIBUTION_SEC_MAX)`,
    })

// Strict objects: a parameter of another kind (say `cv` on an exp) means the author meant a
// different distribution, which is worth an error rather than a silent drop.
const constSchema = z.strictObject({ dist: z.literal('const'), value: secondsSchema('value') })
const expSchema = z.strictObject({ dist: z.literal('exp'), mean: secondsSchema('mean') })
const lognormalSchema = z.strictObject({
  dist: z.literal('lognormal'),
  mean: secondsSchema('mean'),
  cv: z
    .number({
      error: (issue) =>
        issue.input === undefined ? 'required' : 'cv must be a number (sd / mean)',
    })
    .refine((value) => value >= 0, { error: 'cv must be ≥ 0' })
    .refine((value) => value <= LOGNORMAL_CV_MAX, {
      error: `cv must be ≤ ${LOGNORMAL_CV_MAX} (LOGNORMAL_CV_MAX)`,
    }),
})
const uniformSchema = z
  .strictObject({
    dist: z.literal('uniform'),
    min: secondsSchema('min'),
    max: secondsSchema('max'),
  })
  .refine((value) => value.min <= value.max, { error: 'min must be ≤ max', path: ['max'] })

export const DISTRIBUTION_KINDS = ['const', 'exp', 'lognormal', 'uniform'] as const

export const distributionSchema = z.discriminatedUnion(
  'dist',
  [constSchema, expSchema, lognormalSchema, uniformSchema],
  {
    error: (issue) => {
      if (issue.input === undefined) return 'required'
      if (issue.code === 'invalid_union') {
        return `unknown dist kind: expected one of ${DISTRIBUTION_KINDS.join(', ')}`
      }
      return 'a distribution must be an object like {"dist":"exp","mean":30}'
    },
  },
)

export type Distribution = z.infer<typeof distributionSchema>

export const constSec = (valueSec: number): Distribution => ({ dist: 'const', value: valueSec })

/**
 * The lognormal's underlying normal parameters from its mean m and cv c (exact moment matching):
 * sigma² = ln(1 + c²), mu = ln(m) − sigma²/2, so that E[X] = exp(mu + sigma²/2) = m and
 * sd(X)/E[X] = sqrt(exp(sigma²) − 1) = c.
 */
export function lognormalParams(meanSec: number, cv: number): { mu: number; sigma: number } {
  invariant(meanSec > 0, 'lognormal mean must be > 0 to have a log')
  invariant(cv >= 0, 'lognormal cv must be ≥ 0')
  const sigmaSquared = Math.log1p(cv * cv)
  return { mu: Math.log(meanSec) - sigmaSquared / 2, sigma: Math.sqrt(sigmaSquared) }
}

/**
 * A standard normal draw by Box–Muller. Uses two uniforms and discards the paired sine value, so
 * every call consumes exactly two draws: no cached state that could leak between consumers.
 */
export function sampleStandardNormal(random: Random): number {
  const u1 = 1 - random.next() // (0, 1]: keeps the log finite
  const u2 = random.next()
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
}

type Lognormal = Extract<Distribution, { dist: 'lognormal' }>

/**
 * Each lognormal's parameters, kept per distribution object (configuration, never written): a
 * simulated dial draws one or two durations, and the logarithms were taken again on every draw
 * (issue 15, engine speed).
 */
const lognormalCache = new WeakMap<Lognormal, { mu: number; sigma: number }>()

function lognormalParamsOf(dist: Lognormal): { mu: number; sigma: number } {
  let params = lognormalCache.get(dist)
  if (params === undefined) {
    params = lognormalParams(dist.mean, dist.cv)
    lognormalCache.set(dist, params)
  }
  return params
}

/** One duration, in seconds, drawn from `dist` with `random`. Always finite and ≥ 0. */
export function sampleSec(dist: Distribution, random: Random): number {
  switch (dist.dist) {
    case 'const':
      return dist.value
    case 'exp':
      // Inverse CDF; 1 − next() is in (0, 1], so the log is finite.
      return -dist.mean * Math.log(1 - random.next())
    case 'lognormal': {
      // A zero mean is a point mass at zero (the schema allows values ≥ 0); keep the stream
      // consumption identical anyway so changing a mean never shifts later draws.
      const normal = sampleStandardNormal(random)
      if (dist.mean === 0) return 0
      const { mu, sigma } = lognormalParamsOf(dist)
      return Math.exp(mu + sigma * normal)
    }
    case 'uniform':
      return dist.min + (dist.max - dist.min) * random.next()
    default:
      return assertNever(dist, 'distribution')
  }
}

export function meanSec(dist: Distribution): number {
  switch (dist.dist) {
    case 'const':
      return dist.value
    case 'exp':
    case 'lognormal':
      return dist.mean
    case 'uniform':
      return (dist.min + dist.max) / 2
    default:
      return assertNever(dist, 'distribution')
  }
}
