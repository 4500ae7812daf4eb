// Goal (issue 12): the web app's API types (web/src/api-schema.d.ts, used by web/src/api.ts) are
// exactly what the current server's /openapi.json generates; a route or schema changed without
// `npm run gen:api` fails here.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { API_TYPES_FILE, apiTypes } from '../support/api-types.ts'

describe('the web app API types', () => {
  it('match what the served OpenAPI document generates (npm run gen:api)', async () => {
    const generated = await apiTypes()
    expect(generated).toContain('"/v1/agents/{id}/desk"')
    expect(readFileSync(API_TYPES_FILE, 'utf8') === generated, 'run `npm run gen:api`').toBe(true)
  }, 60_000)
})
