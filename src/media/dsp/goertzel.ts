// The Goertzel algorithm: the power of one frequency over a block of samples, in O(n) with two
// multiplies a sample, for tone detection (fax, modem, SIT, answering-machine beeps). The frequency
// need not fall on a DFT bin; the result is the squared magnitude of the block's DTFT there.

/** The recurrence coefficient 2·cos(2πf/fs) for `frequencyHz` at `sampleRate`. */
export function goertzelCoefficient(frequencyHz: number, sampleRate: number): number {
  return 2 * Math.cos((2 * Math.PI * frequencyHz) / sampleRate)
}

/** |X(f)|² of `block` (any numeric samples) for a precomputed coefficient. */
export function goertzelPowerAt(block: ArrayLike<number>, coefficient: number): number {
  let s1 = 0
  let s2 = 0
  for (let i = 0; i < block.length; i++) {
    const s0 = block[i]! + coefficient * s1 - s2
    s2 = s1
    s1 = s0
  }
  return s1 * s1 + s2 * s2 - coefficient * s1 * s2
}

/** |X(f)|² of `block` at `frequencyHz`. */
export function goertzelPower(
  block: ArrayLike<number>,
  frequencyHz: number,
  sampleRate: number,
): number {
  return goertzelPowerAt(block, goertzelCoefficient(frequencyHz, sampleRate))
}

/** Σx² over the block. */
export function blockEnergy(block: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < block.length; i++) sum += block[i]! * block[i]!
  return sum
}

/**
 * The share of the block's energy that sits at `frequencyHz`, from 0 to about 1: a pure sinusoid on
 * the frequency gives 1 (2|X|² / (N·Σx²)); silence gives 0. Leakage makes off-frequency tones small.
 */
export function toneShare(
  block: ArrayLike<number>,
  frequencyHz: number,
  sampleRate: number,
  energy = blockEnergy(block),
): number {
  if (energy <= 0 || block.length === 0) return 0
  return (2 * goertzelPower(block, frequencyHz, sampleRate)) / (block.length * energy)
}
