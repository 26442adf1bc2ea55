// Compiles the station agent to JavaScript for stations: `node station-agent/scripts/build.mjs` (plain JS, so it
// needs no TypeScript loader). Writes station-agent/dist/cli.js (the agent, with the workspace packages such
// as @sportello/protocol inside it: they are TypeScript) and dist/pkcs11-worker.js (the PKCS#11 signature's
// worker thread). npm packages stay in node_modules: native bindings and optional ones load from there.
// Types are not checked here: `npm run typecheck` does that.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const agentDir = fileURLToPath(new URL('..', import.meta.url));
export const AGENT_DIST = path.join(agentDir, 'dist');

/**
 * How a station runs the compiled agent (deploy/sportello-agent.service, `npm start` and the bench alike):
 * `MALLOC_ARENA_MAX=2 node --max-semi-space-size=2 station-agent/dist/cli.js <command>` from the
 * installation's root. A young generation of 2 MB instead of V8's 16: the agent allocates little once
 * started, and the bigger one, grown while it loads, would stay in its memory for good.
 */
export const AGENT_NODE_FLAGS = ['--max-semi-space-size=2'];
/** glibc's malloc gives each thread that allocates its own arena; two are plenty for the agent's few threads. */
export const AGENT_ENV = { MALLOC_ARENA_MAX: '2' };
export const AGENT_CLI = path.join(AGENT_DIST, 'cli.js');

/**
 * Every bare import is an npm package left to node_modules, except our own workspace packages. Those are
 * bundled and marked free of side effects (their modules only declare schemas, types and functions), so a
 * module of theirs the agent does not use is left out with what it imports: protocol's phone numbers,
 * for one, would load libphonenumber's metadata at every start.
 */
const workspacePackagesOnly = {
  name: 'workspace-packages-only',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@sportello/') ? undefined : { path: args.path, external: true },
    );
    // The index re-exports the phone rules, which the agent loads on its own (import('@sportello/protocol/phone'))
    // at the first number typed: through the index they would land in a chunk every start loads. Through the
    // index they are an empty module here; a named import of them from the index fails the build.
    build.onResolve({ filter: /^\.\/phone\.ts$/ }, (args) =>
      args.importer.endsWith(path.join('protocol', 'src', 'index.ts'))
        ? { path: args.path, namespace: 'left-out' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: '', loader: 'js' }));
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolving: true },
      });
      if (resolved.errors.length > 0 || resolved.path.startsWith(agentDir)) return resolved;
      return { ...resolved, sideEffects: false };
    });
  },
};

export async function buildAgent({ outdir = AGENT_DIST } = {}) {
  await rm(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: agentDir,
    entryPoints: { cli: 'src/cli.ts', 'pkcs11-worker': 'src/devices/card/pkcs11-worker.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Modules the agent imports only when needed (the simulator's virtual cards) stay in their own files.
    splitting: true,
    target: 'node20',
    // Stack traces in the logs map back to the .ts files with `node --enable-source-maps`.
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [workspacePackagesOnly],
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = performance.now();
  await buildAgent();
  console.log(`station agent compiled to ${AGENT_DIST} in ${Math.round(performance.now() - started)} ms`);
}
