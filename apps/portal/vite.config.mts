/**
 * The portal's Vite configuration.
 * - `vite build` writes the static site to dist/apps/portal (git-ignored); the API serves
 *   it in production (apps/api/src/portal).
 * - `vite` (dev) proxies /api and /socket.io (WebSocket included) to the API, at
 *   SOCKLAB_API_URL or http://127.0.0.1:3000.
 * Workspace libraries resolve to their sources; only browser-safe entries are aliased.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const workspace = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
const apiUrl = process.env['SOCKLAB_API_URL'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@socklab\/contracts$/, replacement: workspace('libs/contracts/src/index.ts') },
      { find: /^@socklab\/exercise\/schema$/, replacement: workspace('libs/exercise/src/schema/index.ts') },
    ],
  },
  build: {
    outDir: workspace('dist/apps/portal'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    host: '127.0.0.1',
    port: 4200,
    proxy: {
      '/api': { target: apiUrl, changeOrigin: true },
      '/socket.io': { target: apiUrl, changeOrigin: true, ws: true },
    },
  },
  preview: { host: '127.0.0.1', port: 4300 },
});
