// Builds the web-meeting page the server serves at /meeting/ and the phone pages it serves at /t/ and /p/; in
// development, proxies to a running server.
import path from 'node:path';
import { pageHead } from '../web-common/src/vite/page-head.ts';
import { precompress } from '../web-common/src/vite/precompress.ts';
import { defineConfig } from 'vite';

const server = process.env.SPORTELLO_SERVER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [pageHead(), precompress()],
  base: '/meeting/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: 0,
    // Three pages: the web meeting (/meeting/…), the phone pages (/t/…, served as ticket.html) and the
    // citizen's booking page (/p/…, served as booking.html).
    rolldownOptions: {
      input: {
        meeting: path.join(import.meta.dirname, 'index.html'),
        ticket: path.join(import.meta.dirname, 'ticket.html'),
        booking: path.join(import.meta.dirname, 'booking.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': server,
      '/ws': { target: server.replace(/^http/, 'ws'), ws: true },
    },
  },
});
