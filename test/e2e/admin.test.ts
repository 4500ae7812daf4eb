// Goal (issue 13, R4, R5, R4.2): the administration area works in a real browser against a real
// `outdial serve` on a fresh database — an admin lists agents, creates a team (a field error from
// the browser's schema check and one from the API shown beside their fields, then fixed), edits it
// while the API changed it meanwhile and sees the conflict with the current version, deletes a
// team still in use and sees the refusal naming what uses it, and finds those actions in the
// audit log filtered; an admin creates a supervisor and resets their password, and the supervisor
// reads the configuration without changing it; the connector's password is write-only; an agent
// opening /admin is refused and the API answers 403; the Polish texts render; axe-core finds no
// serious or critical violation. Headless Debian Chromium driven by playwright-core. Off CI, a
// missing /usr/bin/chromium skips the suite loudly; with CI=true it fails.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEMO_ADMIN_PASSWORD as ADMIN_PASSWORD,
  DEMO_AGENT_PASSWORD as AGENT_PASSWORD,
  seriousViolations as axeViolations,
  type BrowserRig,
  chromiumPresent,
  SCREENSHOTS,
  startBrowserRig,
} from './browser-kit.ts'

const haveChromium = chromiumPresent('the admin browser suite')
let rig: BrowserRig

beforeAll(async () => {
  if (haveChromium) rig = await startBrowserRig({ dataDirPrefix: 'outdial-e2e-admin-' })
}, 120_000)
afterAll(async () => {
  await rig?.stop()
}, 60_000)

const newPage = () => rig.newPage()

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await rig.signIn(page, username, password)
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `admin-${name}.png`) })

describe.skipIf(!haveChromium)('administration in Chromium (issue 13)', () => {
  it('R4, R5, R4.2: an admin lists, creates, edits against a stale version, is refused a delete in use, and reads the audit log', async () => {
    const page = await newPage()
    await signIn(page, 'admin', ADMIN_PASSWORD)
    await page.getByRole('button', { name: 'Administration' }).click()
    const nav = page.getByRole('navigation', { name: 'Configuration objects' })
    for (const label of [
      'Connector',
      'Agents',
      'Teams',
      'Campaigns',
      'Users and roles',
      'Audit log',
    ])
      await nav.getByRole('link', { name: label, exact: true }).waitFor()
    // The agents, searched and paged by the API.
    await nav.getByRole('link', { name: 'Agents', exact: true }).click()
    const agents = page.getByRole('table', { name: 'Agents' })
    await agents.getByRole('link', { name: 'agent-15' }).waitFor()
    await page.getByLabel('Search').fill('agent-16')
    await expect.poll(() => agents.getByRole('row').count()).toBe(2)
    await page.getByLabel('Search').fill('nobody-here')
    await page.getByText('Nothing matches “nobody-here”.').waitFor()
    await page.getByLabel('Search').fill('')
    await agents.getByRole('link', { name: 'agent-15' }).waitFor()
    await shot(page, 'list')

    // Create a team: the schema's check in the browser, then the API's reference check.
    await nav.getByRole('link', { name: 'Teams', exact: true }).click()
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByLabel('ID *').fill('team-e2e')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByText('name must be a string').waitFor()
    await page.getByLabel('Name *').fill('Night shift')
    const agentIds = page.getByRole('combobox', { name: 'Agent IDs' })
    await agentIds.fill('agent-nobody')
    await agentIds.press('Enter')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByText("no agent with id 'agent-nobody' in this tenant").waitFor()
    await shot(page, 'field-error')
    await agentIds.press('Backspace')
    await page.getByRole('button', { name: 'Create' }).click()
    await page.getByTestId('editor-version').filter({ hasText: 'Version: 1' }).waitFor()
    expect(page.url()).toMatch(/\/admin\/teams\/team-e2e$/)

    // Meanwhile the API changes it: the browser's edit of version 1 is stale.
    const changed = await fetch(`${rig.server.url}/v1/teams/team-e2e`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${rig.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'team-e2e', name: 'Night shift (API)' }),
    })
    expect(changed.status).toBe(200)
    await page.getByLabel('Name *').fill('Night shift (browser)')
    await page.getByRole('button', { name: 'Save' }).click()
    const stale = page.getByRole('alert').filter({ hasText: 'Someone else changed this object' })
    await stale.getByText('You edited version 1; the current version is 2.').waitFor()
    await shot(page, 'stale')
    await stale.getByRole('button', { name: 'Load the current version' }).click()
    await expect.poll(() => page.getByLabel('Name *').inputValue()).toBe('Night shift (API)')
    await page.getByLabel('Name *').fill('Night shift (browser)')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Saved as version 3').waitFor()

    // A team still in use is not deleted: the refusal names what uses it.
    await page.goto(`${rig.server.url}/admin/teams/team-preview`)
    await page.getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
    const refusal = page.getByRole('alert').filter({ hasText: 'Not deleted' })
    await refusal.getByText('queue/q-preview').waitFor()
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    await shot(page, 'delete-refused')

    // The audit log, filtered to team changes.
    await nav.getByRole('link', { name: 'Audit log' }).click()
    await page.getByRole('combobox', { name: 'Object kind' }).click()
    await page.getByRole('option', { name: 'team', exact: true }).click()
    await page.getByLabel('Action').fill('team.')
    await page.getByRole('button', { name: 'Apply' }).click()
    const log = page.getByRole('table', { name: 'Audit log' })
    await expect
      .poll(async () => (await log.getByRole('row').allTextContents()).slice(1))
      .toEqual([
        expect.stringMatching(/adminteam\.updateteam\/team-e2e$/),
        expect.stringMatching(/adminteam\.updateteam\/team-e2e$/),
        expect.stringMatching(/adminteam\.createteam\/team-e2e$/),
      ])
    await shot(page, 'audit')
    expect(await axeViolations(page)).toEqual([])
    await nav.getByRole('link', { name: 'Users and roles' }).click()
    await page.getByRole('table', { name: 'Users' }).getByText('agent15').waitFor()
    await shot(page, 'users')
    await page.context().close()
  })

  it('R4.2: an admin creates a supervisor (the API field error first), resets their password, and the supervisor reads the configuration without changing it', async () => {
    const page = await newPage()
    await signIn(page, 'admin', ADMIN_PASSWORD)
    await page.goto(`${rig.server.url}/admin/users`)
    const form = page.getByRole('group', { name: 'Create a user' })
    await form.getByLabel('Username').fill('super-e2e')
    await form.locator('input[autocomplete="new-password"]').fill('too-short')
    await form.getByRole('combobox', { name: 'Role' }).click()
    await page.getByRole('option', { name: 'Supervisor' }).click()
    await form.getByRole('button', { name: 'Create' }).click()
    // Beside the password field (and in the form's summary), not beside the username.
    await form
      .locator('.mantine-PasswordInput-error')
      .filter({ hasText: 'passwords have at least 12 characters' })
      .waitFor()
    expect(await form.locator('.mantine-TextInput-error').count()).toBe(0)
    await form.locator('input[autocomplete="new-password"]').fill('first-supervisor-password')
    await form.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('status').filter({ hasText: 'User super-e2e created' }).waitFor()
    await page.getByRole('button', { name: 'Reset password super-e2e' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.locator('input[autocomplete="new-password"]').fill('second-supervisor-password')
    await dialog.getByRole('button', { name: 'Reset password' }).click()
    await page.getByText('Password reset for super-e2e').waitFor()
    await page.context().close()

    const supervisor = await newPage()
    await signIn(supervisor, 'super-e2e', 'second-supervisor-password')
    await supervisor.goto(`${rig.server.url}/admin/teams/team-sales`)
    await supervisor.getByText('Read-only: only administrators change the configuration.').waitFor()
    const nav = supervisor.getByRole('navigation', { name: 'Configuration objects' })
    await nav.getByRole('link', { name: 'Teams', exact: true }).waitFor()
    for (const adminOnly of ['Connector', 'Users and roles', 'Audit log'])
      expect(await nav.getByRole('link', { name: adminOnly, exact: true }).count()).toBe(0)
    await supervisor.getByTestId('editor-version').waitFor()
    expect(await supervisor.getByLabel('Name *').isDisabled()).toBe(true)
    expect(await supervisor.getByRole('button', { name: 'Save' }).count()).toBe(0)
    const statuses = await supervisor.evaluate(async () => {
      const storage = (
        globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }
      ).sessionStorage
      const csrf = storage.getItem('outdial.csrf') ?? ''
      const put = await fetch('/v1/teams/team-sales', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ id: 'team-sales', name: 'Renamed' }),
      })
      return [put.status, (await fetch('/v1/audit')).status]
    })
    expect(statuses).toEqual([403, 403])
    await supervisor.context().close()
  })

  it('R4.1: the connector password is write-only: sent once, checked by the validation URL, never shown again', async () => {
    // The campaign manager's validation URL, on loopback: 2xx only for the right credentials.
    const expected = `Basic ${Buffer.from('cm-user:cm-secret-password').toString('base64')}`
    const seen: string[] = []
    const manager = createServer((request, response) => {
      seen.push(request.headers.authorization ?? '')
      response.statusCode = request.headers.authorization === expected ? 200 : 401
      response.end()
    })
    await new Promise<void>((resolve) => manager.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(manager.address() as AddressInfo).port}`
    try {
      const page = await newPage()
      await signIn(page, 'admin', ADMIN_PASSWORD)
      await page.goto(`${rig.server.url}/admin/connectors/new`)
      await page.getByLabel('ID *', { exact: true }).fill('cm')
      await page.getByLabel('Name *', { exact: true }).fill('Campaign manager')
      await page.getByLabel('Resource domain *').fill(origin)
      await page.getByLabel('Username *').fill('cm-user')
      await page.getByLabel('Validation URL *').fill(`${origin}/check`)
      await page.locator('input[autocomplete="new-password"]').fill('cm-secret-password')
      await page.getByRole('button', { name: 'Create' }).click()
      await page.getByTestId('editor-version').filter({ hasText: 'Version: 1' }).waitFor()
      expect(seen).toEqual([expected])
      // Never shown again: the field is empty, and saving without it keeps the stored one.
      expect(await page.locator('input[autocomplete="new-password"]').inputValue()).toBe('')
      await page.getByText('Write-only: leave empty to keep the stored one').waitFor()
      await page.getByLabel('Name *', { exact: true }).fill('Campaign manager (renamed)')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Saved as version 2').waitFor()
      expect(seen).toEqual([expected, expected])
      const read = await fetch(`${rig.server.url}/v1/connectors/cm`, {
        headers: { authorization: `Bearer ${rig.adminToken}` },
      })
      const text = await read.text()
      expect(text).not.toContain('cm-secret-password')
      expect(JSON.parse(text).body).toMatchObject({
        passwordSet: true,
        name: 'Campaign manager (renamed)',
      })
      await page.context().close()
    } finally {
      await new Promise((resolve) => manager.close(resolve))
    }
  })

  it('axe-core finds no serious or critical violation on the list and the editor', async () => {
    const page = await newPage()
    await signIn(page, 'admin', ADMIN_PASSWORD)
    await page.goto(`${rig.server.url}/admin/campaigns`)
    await page.getByRole('table', { name: 'Campaigns' }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await page.goto(`${rig.server.url}/admin/campaigns/renewals`)
    await page.getByTestId('editor-version').waitFor()
    await shot(page, 'editor')
    expect(await axeViolations(page)).toEqual([])
    await page.context().close()
  })

  it('an agent opening /admin is refused, and the API answers 403', async () => {
    const page = await newPage()
    await signIn(page, 'agent16', AGENT_PASSWORD)
    expect(await page.getByRole('button', { name: 'Administration' }).count()).toBe(0)
    await page.goto(`${rig.server.url}/admin/teams`)
    await page
      .getByRole('alert')
      .filter({ hasText: 'Administration is for administrators' })
      .waitFor()
    await shot(page, 'agent-refused')
    const statuses = await page.evaluate(async () =>
      Promise.all(
        ['/v1/teams', '/v1/users', '/v1/audit'].map(async (p) => (await fetch(p)).status),
      ),
    )
    expect(statuses).toEqual([403, 403, 403])
    await page.context().close()
  })

  it('renders the Polish texts', async () => {
    const page = await newPage()
    await signIn(page, 'admin', ADMIN_PASSWORD)
    await page.getByText('Polski').click()
    await page.goto(`${rig.server.url}/admin/teams`)
    const nav = page.getByRole('navigation', { name: 'Obiekty konfiguracji' })
    await nav.getByRole('link', { name: 'Zespoły' }).waitFor()
    await page.getByRole('heading', { name: 'Zespoły' }).waitFor()
    await page.getByLabel('Szukaj').waitFor()
    await page.getByRole('button', { name: 'Utwórz' }).waitFor()
    await shot(page, 'polish')
    await page.context().close()
  })
})
