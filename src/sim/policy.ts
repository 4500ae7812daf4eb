// The `--policy` and `--mode` overrides of `outdial sim` (issue 3): which pacing runs the day.
import { FIXED_RATIO_MAX } from '../pacing/fixed.ts'
import type { ScenarioMode } from './scenario.ts'
import { SCENARIO_MODES } from './scenario.ts'

export type SimPolicy =
  | { kind: 'scenario' }
  | { kind: 'progressive'; linesPerServer: number }
  | { kind: 'fixed'; ratio: number }
  | { kind: 'predictive' }
  | { kind: 'adaptive-reference' }
  /** The benchmark's ceiling (sim/oracle.ts): agent days only, not offered by `outdial sim`. */
  | { kind: 'oracle'; ratio: number; horizonSec: number }

export const PROGRESSIVE_LINES_MAX = 10

export type ParsedOption<T> = { ok: true; value: T } | { ok: false; message: string }

export function parsePolicy(text: string | undefined): ParsedOption<SimPolicy> {
  if (text === undefined) return { ok: true, value: { kind: 'scenario' } }
  if (text === 'predictive' || text === 'adaptive-reference') {
    return { ok: true, value: { kind: text } }
  }
  const [name, arg] = text.split(':', 2)
  if (name === 'progressive') {
    const lines = arg === undefined ? 1 : Number(arg)
    if (!Number.isInteger(lines) || lines < 1 || lines > PROGRESSIVE_LINES_MAX) {
      return {
        ok: false,
        message: `--policy progressive:<n> needs an integer n in 1..${PROGRESSIVE_LINES_MAX}`,
      }
    }
    return { ok: true, value: { kind: 'progressive', linesPerServer: lines } }
  }
  if (name === 'fixed') {
    const ratio = Number(arg)
    if (arg === undefined || !Number.isFinite(ratio) || ratio <= 0 || ratio > FIXED_RATIO_MAX) {
      return {
        ok: false,
        message: `--policy fixed:<ratio> needs a ratio in (0, ${FIXED_RATIO_MAX}]`,
      }
    }
    return { ok: true, value: { kind: 'fixed', ratio } }
  }
  return {
    ok: false,
    message: `unknown --policy "${text}": use predictive, progressive[:n], fixed:<ratio> or adaptive-reference`,
  }
}

export function policyLabel(policy: SimPolicy): string {
  switch (policy.kind) {
    case 'scenario':
      return 'scenario'
    case 'progressive':
      return policy.linesPerServer === 1 ? 'progressive' : `progressive:${policy.linesPerServer}`
    case 'fixed':
      return `fixed:${policy.ratio}`
    case 'oracle':
      return `oracle:${policy.ratio}:${policy.horizonSec}`
    default:
      return policy.kind
  }
}

export function parseMode(text: string | undefined): ParsedOption<ScenarioMode | undefined> {
  if (text === undefined) return { ok: true, value: undefined }
  if ((SCENARIO_MODES as readonly string[]).includes(text)) {
    return { ok: true, value: text as ScenarioMode }
  }
  return { ok: false, message: `unknown --mode "${text}": use ${SCENARIO_MODES.join(', ')}` }
}
