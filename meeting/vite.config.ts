// Builds the web-meeting page the server serves at /meeting/ and the phone pages it serves at /t/; in
// development, proxies to a running server.
import path from 'node:path';
import { defineConfig } from 'vite';

const server = process.env.SPORTELLO_SERVER_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  base: '/meeting/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: 0,
    // Two pages: the web meeting (/meeting/…) and the phone pages (/t/…, served as ticket.html).
    rolldownOptions: {
      input: {
        meeting: path.join(import.meta.dirname, 'index.html'),
        ticket: path.join(import.meta.dirname, 'ticket.html'),
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
