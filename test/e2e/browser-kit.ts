// What every browser suite needs (issues 12, 13): Debian's Chromium driven by playwright-core
// (never a downloaded browser; off CI a missing /usr/bin/chromium skips the suite loudly, with
// CI=true it fails), a real `outdial serve` on a fresh data directory with the demo tenant (or, with
// `demo: false`, the empty tenant of `--no-demo`) and the
// web app built, pages at 1280×800, sign-in through the page, and axe-core's serious findings.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { serverConfigSchema } from '../../src/server/config.ts'
import { type RunningServer, serve } from '../../src/server/serve.ts'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
export const DEMO_ADMIN_PASSWORD = 'demo-admin-password'
export const DEMO_AGENT_PASSWORD = 'demo-agent-password'
export const SCREENSHOTS = join(import.meta.dirname, '../../docs/screenshots')

/** Whether the suite can run: false (and said loudly) off CI without Chromium; throws on CI. */
export function chromiumPresent(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: CI installs chromium`)
  console.warn(`\n*** SKIPPED ${suite}: ${CHROMIUM} is missing (apt-get install chromium) ***\n`)
  return false
}

export interface BrowserRig {
  server: RunningServer
  browser: Browser
  /** The demo admin's bearer token, for API calls beside the browser. */
  adminToken: string
  /** The demo admin's API call: the parsed JSON body (or null) and the status. */
  // biome-ignore lint/suspicious/noExplicitAny: the JSON answers of many routes, each suite reads what it needs
  adminCall(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>
  /** A fresh context's page at 1280×800, English, unless the options say otherwise. */
  newPage(options?: BrowserContextOptions): Promise<Page>
  /** Signs in through the page (a demo desk agent's password unless given). */
  signIn(page: Page, username: string, password?: string): Promise<void>
  stop(): Promise<void>
}

/** A real `outdial serve` on a fresh data directory (demo tenant, simulated network) and Chromium. */
export async function startBrowserRig(options: {
  dataDirPrefix: string
  /** The simulated network's speed-up. */
  speed?: number
  /** false: the server's no-demo option (`--no-demo`), an empty tenant with only the admin. */
  demo?: boolean
}): Promise<BrowserRig> {
  if (!existsSync(join(import.meta.dirname, '../../web/dist/index.html')))
    execFileSync('npm', ['run', 'build:web'], { stdio: 'inherit' })
  const dataDir = mkdtempSync(join(tmpdir(), options.dataDirPrefix))
  const server = await serve(
    serverConfigSchema.parse({
      port: 0,
      dataDir,
      adminPassword: DEMO_ADMIN_PASSWORD,
      demoAgentPassword: DEMO_AGENT_PASSWORD,
      speed: options.speed ?? 5,
      demo: options.demo ?? true,
      logLevel: 'silent',
    }),
    () => {},
  )
  const token = await fetch(`${server.url}/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_ADMIN_PASSWORD }),
  })
  const adminToken = ((await token.json()) as { token: string }).token
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
  })
  return {
    server,
    browser,
    adminToken,
    async adminCall(method, path, body) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      const text = await response.text()
      return { status: response.status, body: text ? JSON.parse(text) : null }
    },
    async newPage(contextOptions) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'en-US',
        ...contextOptions,
      })
      return context.newPage()
    },
    async signIn(page, username, password = DEMO_AGENT_PASSWORD) {
      await page.goto(`${server.url}/`)
      await page.getByLabel('Username').fill(username)
      await page.locator('input[autocomplete="current-password"]').fill(password)
      await page.getByRole('button', { name: 'Sign in' }).click()
    },
    async stop() {
      await browser.close()
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  const require = createRequire(import.meta.url)
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{
            violations: { id: string; impact: string | null; nodes: { html: string }[] }[]
          }>
        }
      }
    ).axe
    const result = await axe.run()
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html.slice(0, 120)) }))
  })
}
