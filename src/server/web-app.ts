// The web app (issue 12): the server serves the built app (`web/dist`, built by `npm ci` through
// the `prepare` script, or `npm run build:web`) at `/`. Only the app's own paths are routes — its
// pages (WEB_APP_PAGES, all answered with index.html) and its files (`/assets/…`, read once at
// start) — so nothing shadows `/v1`, `/openapi.json`, `/docs`, `/healthz` or `/metrics`, and an
// unknown path still answers the API's 404.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'

/** The client-side pages of the web app (web/src/routes.ts names the same paths). */
export const WEB_APP_PAGES = [
  '/',
  '/login',
  '/desk',
  '/supervisor',
  '/admin',
  '/admin/:kind',
  '/admin/:kind/:id',
  '/portal',
  '/portal/:section',
  '/portal/:section/:id',
  '/portal/:section/:id/:tab',
  '/reports',
  '/reports/agents',
  '/reports/campaigns/:id',
  '/reports/campaigns/:id/agents',
  '/reports/campaigns/:id/agents/:agentId',
] as const

/**
 * Where the web build lands, relative to this module: two levels below the package root both in
 * src/server/ and, bundled, in dist/chunks/ (scripts/build.mjs puts every chunk there).
 */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url))

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

interface WebFile {
  body: Buffer
  type: string
}

export interface WebApp {
  built: boolean
  index: Buffer | null
  /** URL path (`/assets/x.js`) → file. */
  files: Map<string, WebFile>
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Reads the built app once; `built: false` when it has not been built. */
export function loadWebApp(distDir: string = WEB_DIST_DIR): WebApp {
  const indexPath = join(distDir, 'index.html')
  if (!existsSync(indexPath)) return { built: false, index: null, files: new Map() }
  const files = new Map<string, WebFile>()
  for (const path of filesUnder(distDir)) {
    const url = `/${relative(distDir, path).split(sep).join('/')}`
    if (url === '/index.html') continue
    files.set(url, {
      body: readFileSync(path),
      type: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    })
  }
  return { built: true, index: readFileSync(indexPath), files }
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outdial</title></head>
<body><h1>Outdial</h1><p>The web app is not built. Run <code>npm run build:web</code> (or
<code>npm ci</code>, which builds it) and restart the server. The API is at
<a href="/docs">/docs</a>.</p></body></html>`

export function registerWebApp(app: FastifyInstance, web: WebApp): void {
  const page = { config: { public: true }, schema: { hide: true } }
  for (const path of WEB_APP_PAGES)
    app.get(path, page, async (_request, reply) => {
      if (!web.index) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE)
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(web.index)
    })
  for (const [path, file] of web.files)
    app.get(path, page, async (_request, reply) =>
      reply
        .type(file.type)
        // Vite names assets by content hash: a changed file has a new name.
        .header(
          'cache-control',
          path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
        .send(file.body),
    )
}
