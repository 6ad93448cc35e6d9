import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
/** Where `npm run dev` / `npm start` listens; override with LIANXIN_API. */
const api = process.env.LIANXIN_API ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`;

/**
 * The web app: resident H5 pages and the staff console, built into web/dist,
 * which the Fastify server serves at `/`. `npx vite web` runs the dev server
 * with /api proxied to a running Lianxin server.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        // Shared libraries in their own long-cached chunks; the console's pages
        // stay in lazy chunks that a resident's phone never downloads.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react';
          if (/node_modules\/(i18next|react-i18next)\//.test(id)) return 'i18n';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false, ws: false },
      '/healthz': { target: api },
    },
  },
  preview: {
    proxy: { '/api': { target: api } },
  },
});
