// Builds the display board the server serves at /board/; in development, proxies to a running server.
import { pageHead } from '../web-common/src/vite/page-head.ts';
import { precompress } from '../web-common/src/vite/precompress.ts';
import { defineConfig } from 'vite';

const server = process.env.SPORTELLO_SERVER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [pageHead(), precompress()],
  base: '/board/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true, assetsInlineLimit: 0 },
  server: { proxy: { '/api': server } },
});
