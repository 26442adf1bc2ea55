// Builds the kiosk bundle the station agent serves; in development, proxies to a running agent.
import { pageHead } from '../web-common/src/vite/page-head.ts';
import { precompress } from '../web-common/src/vite/precompress.ts';
import { defineConfig } from 'vite';

const agent = process.env.SPORTELLO_AGENT_URL ?? 'http://127.0.0.1:7300';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [pageHead(), precompress()],
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true, assetsInlineLimit: 0 },
  server: {
    proxy: {
      '/api': agent,
      '/agent/ws': { target: agent.replace(/^http/, 'ws'), ws: true },
      '/agent': agent,
      '/ws': { target: agent.replace(/^http/, 'ws'), ws: true },
    },
  },
});
