// Where the agent runs from. This module sits two folders below the installation's root both as a source
// file (station-agent/src, under tsx) and bundled into the compiled agent (station-agent/dist/cli.js).
import { fileURLToPath } from 'node:url';

/** The checkout the agent runs from (the repository; /opt/sportello on a station). */
export const INSTALL_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** True in the compiled agent (station-agent/dist), false when tsx runs the TypeScript sources. */
export const COMPILED = import.meta.url.endsWith('.js');
