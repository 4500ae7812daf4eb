// Goal: each scenario distribution samples with the mean (and, for lognormal, the cv) it declares,
// and the schema refuses malformed parameters with a message naming the field.
import { describe, expect, it } from 'vitest'
import {
  type Distribution,
  distributionSchema,
  lognormalParams,
  meanSec,
  sampleSec,
} from './distributions.ts'
import { createStream } from './rng.ts'

const SAMPLES = 100_000

function moments(dist: Distribution, seed: number): { mean: number; sd: number; min: number } {
  const random = createStream(seed, `dist-${dist.dist}`)
  let sum = 0
  let sumSquares = 0
  let min = Number.POSITIVE_INFINITY
  for (let index = 0; index < SAMPLES; index++) {
    const value = sampleSec(dist, random)
    sum += value
    sumSquares += value * value
    min = Math.min(min, value)
  }
  const mean = sum / SAMPLES
  return { mean, sd: Math.sqrt(sumSquares / SAMPLES - mean * mean), min }
}

describe('sampleSec', () => {
  const cases: { dist: Distribution; relTol: number }[] = [
    { dist: { dist: 'const', value: 7 }, relTol: 0 },
    { dist: { dist: 'exp', mean: 120 }, relTol: 0.01 },
    { dist: { dist: 'lognormal', mean: 9, cv: 0.4 }, relTol: 0.01 },
    { dist: { dist: 'lognormal', mean: 180, cv: 0.9 }, relTol: 0.02 },
    { dist: { dist: 'uniform', min: 2, max: 10 }, relTol: 0.01 },
  ]
  for (const { dist, relTol } of cases) {
    it(`matches meanSec for ${JSON.stringify(dist)}`, () => {
      const { mean, min } = moments(dist, 11)
      expect(min).toBeGreaterThanOrEqual(0)
      expect(Math.abs(mean - meanSec(dist))).toBeLessThanOrEqual(relTol * meanSec(dist))
    })
  }

  it('gives lognormal the declared coefficient of variation', () => {
    for (const cv of [0.3, 0.5, 0.8]) {
      const { mean, sd } = moments({ dist: 'lognormal', mean: 20, cv }, 12)
      expect(Math.abs(sd / mean - cv)).toBeLessThan(0.03 * cv)
    }
  })

  it('gives exp a cv of 1 and uniform its variance', () => {
    const exp = moments({ dist: 'exp', mean: 10 }, 13)
    expect(exp.sd / exp.mean).toBeCloseTo(1, 1)
    const uniform = moments({ dist: 'uniform', min: 2, max: 10 }, 14)
    expect(uniform.sd).toBeCloseTo(8 / Math.sqrt(12), 1)
  })

  it('converts mean and cv to mu and sigma exactly', () => {
    const { mu, sigma } = lognormalParams(9, 0.4)
    expect(sigma * sigma).toBeCloseTo(Math.log(1.16), 12)
    expect(Math.exp(mu + (sigma * sigma) / 2)).toBeCloseTo(9, 12)
  })

  it('treats zero means as a point mass at 0', () => {
    const random = createStream(1, 'zero')
    expect(sampleSec({ dist: 'lognormal', mean: 0, cv: 0.5 }, random)).toBe(0)
    expect(Math.abs(sampleSec({ dist: 'exp', mean: 0 }, random))).toBe(0)
  })
})

describe('distributionSchema', () => {
  const refuse = (input: unknown) => {
    const result = distributionSchema.safeParse(input)
    expect(result.success).toBe(false)
    return result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []
  }

  it('accepts the four kinds', () => {
    for (const input of [
      { dist: 'const', value: 0 },
      { dist: 'exp', mean: 3 },
      { dist: 'lognormal', mean: 3, cv: 0 },
      { dist: 'uniform', min: 4, max: 4 },
    ]) {
      expect(distributionSchema.safeParse(input).success).toBe(true)
    }
  })

  it('refuses bad parameters with the field named', () => {
    expect(refuse({ dist: 'exp', mean: -1 })).toEqual(['mean: mean must be ≥ 0 seconds'])
    expect(refuse({ dist: 'uniform', min: 5, max: 2 })).toEqual(['max: min must be ≤ max'])
    expect(refuse({ dist: 'gamma', mean: 2 })[0]).toMatch(/^dist: unknown dist kind/)
    expect(refuse({ dist: 'exp', mean: 2, cv: 1 })[0]).toMatch(/cv/)
    expect(refuse({ dist: 'lognormal', mean: 2 })).toEqual(['cv: required'])
    expect(refuse({ dist: 'lognormal', mean: 2, cv: 'high' })).toEqual([
      'cv: cv must be a number (sd / mean)',
    ])
    expect(refuse({ dist: 'const', value: Number.POSITIVE_INFINITY }).length).toBeGreaterThan(0)
  })
})
