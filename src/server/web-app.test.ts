// Goal (issue 12): the server serves the built web app's pages and files only, and says how to
// build it when it is not built.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { afterAll, describe, expect, it } from 'vitest'
import { loadWebApp, registerWebApp } from './web-app.ts'

const dist = mkdtempSync(join(tmpdir(), 'outdial-web-dist-'))
mkdirSync(join(dist, 'assets'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>')
writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)')
afterAll(() => rmSync(dist, { recursive: true, force: true }))

async function appWith(distDir: string) {
  const app = Fastify()
  registerWebApp(app, loadWebApp(distDir))
  await app.ready()
  return app
}

describe('web app serving (issues 12, 13)', () => {
  it('answers every page with index.html and the files with their type, caching hashed assets', async () => {
    const app = await appWith(dist)
    for (const page of [
      '/',
      '/login',
      '/desk',
      '/supervisor',
      '/admin',
      '/admin/teams',
      '/admin/teams/team-care',
    ]) {
      const response = await app.inject(page)
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toMatch(/^text\/html/)
      expect(response.body).toContain('<div id="root">')
    }
    const asset = await app.inject('/assets/index-abc.js')
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/)
    expect(asset.headers['cache-control']).toContain('immutable')
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404)
    expect((await app.inject('/v1/anything')).statusCode).toBe(404)
    expect((await app.inject('/admin/teams/team-care/more')).statusCode).toBe(404)
    await app.close()
  })

  it('says how to build the app when web/dist is missing (503)', async () => {
    const app = await appWith(join(dist, 'nothing-here'))
    const response = await app.inject('/')
    expect(response.statusCode).toBe(503)
    expect(response.body).toContain('npm run build:web')
    await app.close()
  })
})
