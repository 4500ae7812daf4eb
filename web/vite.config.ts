// The web app's build (`npm run build:web` → web/dist, served by `outdial serve`) and its dev
// server with hot reload (`npm run dev:web`), which proxies the API and the live WebSocket to a
// running `outdial serve` (OUTDIAL_URL, default http://127.0.0.1:8080).
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const target = process.env.OUTDIAL_URL ?? 'http://127.0.0.1:8080'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: {
    proxy: {
      '/v1/live': { target, ws: true },
      '/v1': { target },
      '/healthz': { target },
    },
  },
})
