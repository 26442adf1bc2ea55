// Every built script, style sheet, page and font that compresses is written beside itself as .br and .gz,
// once at build time, for the server and the station agent to send as they are (express-static-gzip).
import type { Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

export function precompress(): Plugin {
  return compression({
    algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
    // woff2 is brotli inside already; source maps are for developers, who can wait.
    exclude: [/\.(woff2|map|br|gz)$/],
    threshold: 512,
    skipIfLargerOrEqual: true,
    logLevel: 'silent',
  });
}
