// Seeded randomness for the simulator, split into named streams (after Temporal's
// random-streams): every consumer draws from its own stream, whose state is derived from the root
// seed and the stream's name alone. Adding a consumer, or changing how many numbers one consumer
// draws, therefore never shifts the numbers any other consumer sees, so a seed replays a run exactly.
//
// Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counter, 128-bit state, passes PractRand),
// chosen because it runs on 32-bit integer ops that V8 keeps unboxed. Its four state words are
// filled by splitmix32 from a hash of (seed, name), then the first outputs are discarded so that
// seeds differing in one bit are decorrelated before the first draw.

import { invariant } from '../../domain/invariant.ts'

/** A stream of uniform draws. All methods consume from the same underlying sequence. */
export interface Random {
  /** A uniform float in [0, 1), with 2^-32 resolution. */
  next(): number
  /** A uniform integer in [minIncl, maxIncl]. */
  int(minIncl: number, maxIncl: number): number
  /** True with probability `p` (p in [0, 1]). */
  bernoulli(p: number): boolean
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T
}

export interface Rng {
  /** The stream called `name`; the same name returns the same (shared, advancing) stream. */
  stream(name: string): Random
}

/** Discarded outputs after seeding: sfc32's reference seeding warms up with 12 or more rounds. */
const WARMUP_ROUNDS = 15
/** Widest integer range `int` accepts: one 32-bit draw must cover it. */
export const INT_RANGE_MAX = 2 ** 32
/** Guards against a runaway consumer that invents stream names (a bug, not a use). */
export const STREAMS_MAX = 10_000
const TWO_POW_32 = 2 ** 32

const FNV_OFFSET_BASIS = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** FNV-1a over UTF-16 code units: stable, and the name is short, so speed does not matter. */
function hashName32(name: string, basis: number): number {
  let hash = basis | 0
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index)
    hash = Math.imul(hash, FNV_PRIME)
  }
  return hash >>> 0
}

/** murmur3's 32-bit finaliser: full avalanche, so nearby inputs give unrelated outputs. */
function mix32(value: number): number {
  let z = value | 0
  z ^= z >>> 16
  z = Math.imul(z, 0x85ebca6b)
  z ^= z >>> 13
  z = Math.imul(z, 0xc2b2ae35)
  z ^= z >>> 16
  return z >>> 0
}

function createSplitMix32(seed: number): () => number {
  let state = seed | 0
  return () => {
    state = (state + 0x9e3779b9) | 0
    let z = state
    z ^= z >>> 16
    z = Math.imul(z, 0x21f0aab5)
    z ^= z >>> 15
    z = Math.imul(z, 0x735a2d97)
    z ^= z >>> 15
    return z >>> 0
  }
}

class Sfc32Random implements Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(words: readonly [number, number, number, number]) {
    ;[this.a, this.b, this.c, this.d] = words
    for (let round = 0; round < WARMUP_ROUNDS; round++) this.nextUint32()
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  next(): number {
    return this.nextUint32() / TWO_POW_32
  }

  int(minIncl: number, maxIncl: number): number {
    invariant(Number.isSafeInteger(minIncl), 'int: minIncl must be a safe integer')
    invariant(Number.isSafeInteger(maxIncl), 'int: maxIncl must be a safe integer')
    invariant(minIncl <= maxIncl, 'int: minIncl > maxIncl')
    const span = maxIncl - minIncl + 1
    invariant(span <= INT_RANGE_MAX, 'int: range wider than INT_RANGE_MAX')
    // Multiply-and-floor: the bias is below span / 2^32, far under any simulation's noise.
    return minIncl + Math.floor(this.next() * span)
  }

  bernoulli(p: number): boolean {
    invariant(p >= 0, 'bernoulli: p < 0')
    invariant(p <= 1, 'bernoulli: p > 1')
    // next() < 1 always, so p = 1 is always true and p = 0 always false.
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    invariant(items.length > 0, 'pick: empty array')
    return items[this.int(0, items.length - 1)] as T
  }
}

/** The four sfc32 state words for stream `name` under root `seed`. */
export function deriveStreamState(
  seed: number,
  name: string,
): readonly [number, number, number, number] {
  invariant(Number.isSafeInteger(seed), 'seed must be a safe integer')
  // Seeds above 2^32 are legal (the benchmark runs seed + 1 … seed + 4): fold both halves in.
  const seedLow = seed >>> 0
  const seedHigh = Math.floor(seed / TWO_POW_32) | 0
  const nameHashA = hashName32(name, FNV_OFFSET_BASIS)
  const nameHashB = hashName32(name, mix32(FNV_OFFSET_BASIS ^ seedHigh))
  const next = createSplitMix32(mix32(seedLow ^ nameHashA) ^ mix32(seedHigh + nameHashB))
  const words: [number, number, number, number] = [next(), next(), next(), next()]
  // sfc32 must not start from an all-zero state; the counter word d guarantees progress anyway.
  words[3] = (words[3] | 1) >>> 0
  return words
}

/** A fresh stream not shared with anyone: for tests and one-off tools. */
export function createStream(seed: number, name: string): Random {
  return new Sfc32Random(deriveStreamState(seed, name))
}

export function createRng(seed: number): Rng {
  invariant(Number.isSafeInteger(seed), 'seed must be a safe integer')
  const streams = new Map<string, Random>()
  return {
    stream(name: string): Random {
      const existing = streams.get(name)
      if (existing !== undefined) return existing
      invariant(streams.size < STREAMS_MAX, 'too many random streams (STREAMS_MAX)')
      const created = createStream(seed, name)
      streams.set(name, created)
      return created
    },
  }
}
