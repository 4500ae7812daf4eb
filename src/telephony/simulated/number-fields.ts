// Bounded numbers of the simulated network's settings (and of the scenario files that embed
// them): each bound is named in the message, with its unit, so an error says what to write.
import { z } from 'zod'

/** A number in [minIncl, maxIncl]; `unit` is appended to the bound in messages (e.g. ' s'). */
export const numberIn = (minIncl: number, maxIncl: number, unit: string) =>
  z
    .number()
    .min(minIncl, { error: `must be ≥ ${minIncl}${unit}` })
    .max(maxIncl, { error: `must be ≤ ${maxIncl}${unit}` })

/** A number in (0, maxIncl]. */
export const positiveUpTo = (maxIncl: number, unit: string) =>
  z
    .number()
    .positive({ error: `must be > 0${unit}` })
    .max(maxIncl, { error: `must be ≤ ${maxIncl}${unit}` })

export const probabilitySchema = numberIn(0, 1, ' (a probability)')
