// The server's configuration (issue 5 contract): every option from a flag or the environment,
// flags winning, validated once at start with an error that names the option and the reason.
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { formatPath } from '../api/errors.ts'
import { SESSION_TTL_SEC, TOKEN_TTL_SEC_DEFAULT, TOKEN_TTL_SEC_MAX } from '../api/routes/auth.ts'
import { CLOCK_SPEED_MAX } from '../runtime/real-clock.ts'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export const TELEPHONY_KINDS = ['sim', 'sip'] as const
/** Issue 14: the SIP endpoint's UDP port, and the RTP port range of its calls (even ports). */
export const SIP_PORT_DEFAULT = 5060
export const RTP_PORT_MIN_DEFAULT = 20_000
export const RTP_PORT_MAX_DEFAULT = 29_999
/** RTP ports below this are refused (system and well-known ports). */
const RTP_PORT_FLOOR = 1024
/** Bounds of the token and session lifetimes an operator may configure. */
const LIFETIME_SEC_MIN = 60
const LIFETIME_SEC_MAX = 365 * 86_400

const lifetimeSec = (fallback: number) =>
  z.coerce.number().int().min(LIFETIME_SEC_MIN).max(LIFETIME_SEC_MAX).default(fallback)

const serverOptionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  adminPassword: z
    .string()
    .min(8, 'the admin password needs at least 8 characters')
    .max(256)
    .optional(),
  demoAgentPassword: z
    .string()
    .min(8, "the demo agents' password needs at least 8 characters")
    .max(256)
    .optional(),
  secretKey: z
    .string()
    .min(
      16,
      'OUTDIAL_SECRET_KEY needs at least 16 characters (32 random bytes in hex or base64 is best)',
    )
    .optional(),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  telephony: z.enum(TELEPHONY_KINDS).default('sim'),
  sipHost: z.ipv4({ error: 'the SIP address must be an IPv4 address' }).default('127.0.0.1'),
  sipPort: z.coerce.number().int().min(0).max(65_535).default(SIP_PORT_DEFAULT),
  rtpPortMin: z.coerce.number().int().min(RTP_PORT_FLOOR).max(65_534).default(RTP_PORT_MIN_DEFAULT),
  rtpPortMax: z.coerce.number().int().min(RTP_PORT_FLOOR).max(65_535).default(RTP_PORT_MAX_DEFAULT),
  /** WAV prompts for SIP calls (`<promptId>.wav`); `<dataDir>/prompts` when absent. */
  promptsDir: z.string().min(1).optional(),
  speed: z.coerce.number().positive().max(CLOCK_SPEED_MAX).default(1),
  demo: z.boolean().default(true),
  trustProxy: z
    .string()
    .regex(
      /^(true|[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*)$/,
      'OUTDIAL_TRUST_PROXY is `true` or a comma-separated list of proxy addresses or CIDRs',
    )
    .optional(),
  tokenTtlSec: lifetimeSec(TOKEN_TTL_SEC_DEFAULT),
  tokenTtlMaxSec: lifetimeSec(TOKEN_TTL_SEC_MAX),
  sessionTtlSec: lifetimeSec(SESSION_TTL_SEC),
})

export const serverConfigSchema = serverOptionsSchema
  .refine((config) => config.tokenTtlSec <= config.tokenTtlMaxSec, {
    path: ['tokenTtlSec'],
    error: 'the default token lifetime cannot exceed the longest one (token-ttl-max)',
  })
  .refine((config) => config.rtpPortMin < config.rtpPortMax, {
    path: ['rtpPortMin'],
    error: 'the RTP port range is empty: rtp-port-min must be below rtp-port-max',
  })
  .refine((config) => config.telephony !== 'sip' || config.speed === 1, {
    path: ['speed'],
    error: 'real calls run on real time: --telephony sip needs speed 1',
  })
export type ServerConfig = z.infer<typeof serverConfigSchema>

/** Flag name, environment variable, and the help line of each option. */
export const SERVER_OPTIONS = [
  ['port', 'PORT', 'HTTP port (default 8080)'],
  ['host', 'OUTDIAL_HOST', 'address to listen on (default 127.0.0.1; 0.0.0.0 for all)'],
  ['data-dir', 'OUTDIAL_DATA_DIR', 'directory of the embedded SQLite database (default ./data)'],
  ['database-url', 'DATABASE_URL', 'PostgreSQL URL; when set, PostgreSQL replaces SQLite'],
  [
    'admin-password',
    'OUTDIAL_ADMIN_PASSWORD',
    'password of the user admin on first start (else one is generated and printed once)',
  ],
  [
    'demo-agent-password',
    'OUTDIAL_DEMO_AGENT_PASSWORD',
    "password of the demo agents' users on first start (else one is generated and printed once)",
  ],
  ['secret-key', 'OUTDIAL_SECRET_KEY', 'key that encrypts connector secrets at rest'],
  ['log-level', 'OUTDIAL_LOG_LEVEL', `log level: ${LOG_LEVELS.join(', ')} (default info)`],
  [
    'telephony',
    'OUTDIAL_TELEPHONY',
    "telephony network: sim, the built-in simulator (default); sip, each tenant's SIP trunk",
  ],
  [
    'sip-host',
    'OUTDIAL_SIP_HOST',
    'IPv4 address of the SIP endpoint and its RTP (default 127.0.0.1)',
  ],
  [
    'sip-port',
    'OUTDIAL_SIP_PORT',
    `UDP and TCP port of the SIP endpoint (default ${SIP_PORT_DEFAULT})`,
  ],
  ['rtp-port-min', 'OUTDIAL_RTP_PORT_MIN', `lowest RTP port (default ${RTP_PORT_MIN_DEFAULT})`],
  ['rtp-port-max', 'OUTDIAL_RTP_PORT_MAX', `highest RTP port (default ${RTP_PORT_MAX_DEFAULT})`],
  [
    'prompts-dir',
    'OUTDIAL_PROMPTS_DIR',
    'WAV prompts for SIP calls, <promptId>.wav (default <data-dir>/prompts)',
  ],
  [
    'speed',
    'OUTDIAL_CLOCK_SPEED',
    `clock speed-up of the simulated network, 1–${CLOCK_SPEED_MAX} (default 1)`,
  ],
  [
    'trust-proxy',
    'OUTDIAL_TRUST_PROXY',
    'proxies whose X-Forwarded-For names the client: true, or addresses/CIDRs, comma-separated',
  ],
  [
    'token-ttl',
    'OUTDIAL_TOKEN_TTL_SEC',
    `lifetime of an API token that asks for none, seconds (default ${TOKEN_TTL_SEC_DEFAULT})`,
  ],
  [
    'token-ttl-max',
    'OUTDIAL_TOKEN_TTL_MAX_SEC',
    `longest lifetime a token may ask for, seconds (default ${TOKEN_TTL_SEC_MAX})`,
  ],
  [
    'session-ttl',
    'OUTDIAL_SESSION_TTL_SEC',
    `lifetime of a browser session, seconds (default ${SESSION_TTL_SEC})`,
  ],
] as const

const KEY_OF_FLAG: Record<string, keyof ServerConfig> = {
  port: 'port',
  host: 'host',
  'data-dir': 'dataDir',
  'database-url': 'databaseUrl',
  'admin-password': 'adminPassword',
  'demo-agent-password': 'demoAgentPassword',
  'secret-key': 'secretKey',
  'log-level': 'logLevel',
  telephony: 'telephony',
  'sip-host': 'sipHost',
  'sip-port': 'sipPort',
  'rtp-port-min': 'rtpPortMin',
  'rtp-port-max': 'rtpPortMax',
  'prompts-dir': 'promptsDir',
  speed: 'speed',
  'trust-proxy': 'trustProxy',
  'token-ttl': 'tokenTtlSec',
  'token-ttl-max': 'tokenTtlMaxSec',
  'session-ttl': 'sessionTtlSec',
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; message: string }

export function loadServerConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ConfigResult {
  let values: Record<string, string | boolean | undefined>
  try {
    const options = Object.fromEntries(
      SERVER_OPTIONS.map(([flag]) => [flag, { type: 'string' as const }]),
    )
    values = parseArgs({
      args: [...argv],
      options: { ...options, 'no-demo': { type: 'boolean' } },
      strict: true,
    }).values
  } catch (error) {
    return { ok: false, message: (error as Error).message }
  }
  const raw: Record<string, unknown> = {}
  for (const [flag, envName] of SERVER_OPTIONS) {
    const value = values[flag] ?? env[envName]
    if (value !== undefined && value !== '') raw[KEY_OF_FLAG[flag]!] = value
  }
  if (values['no-demo'] === true || env.OUTDIAL_DEMO === '0') raw.demo = false
  const parsed = serverConfigSchema.safeParse(raw)
  if (!parsed.success) {
    const flagOf = (key: string) => Object.entries(KEY_OF_FLAG).find(([, k]) => k === key)?.[0]
    const message = parsed.error.issues
      .map((issue) => {
        const key = formatPath(issue.path)
        const flag = flagOf(key)
        const envName = SERVER_OPTIONS.find(([f]) => f === flag)?.[1]
        return `--${flag ?? key}${envName ? ` (${envName})` : ''}: ${issue.message}`
      })
      .join('\n')
    return { ok: false, message }
  }
  return { ok: true, config: parsed.data }
}

export function serverOptionsHelp(): string {
  const width = Math.max(...SERVER_OPTIONS.map(([flag]) => flag.length)) + 6
  return SERVER_OPTIONS.map(
    ([flag, envName, help]) => `      --${flag} <v>`.padEnd(width + 8) + `${help} [${envName}]`,
  ).join('\n')
}
