// Builds the bench page that holds one side of a video call (the bench passes the output folder).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/bench/video-call/',
  logLevel: 'error',
  build: { emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
});
