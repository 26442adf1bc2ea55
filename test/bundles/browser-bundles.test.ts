// What the citizen's browsers load first: the kiosk and the web-meeting page are built as they ship (in
// memory) and their chunks read. zod stays on the server, the phone rules on the station agent; the WebRTC
// shims come only with the screens that use them.
import path from 'node:path';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function chunksOf(app: 'kiosk' | 'meeting'): Promise<Rollup.OutputChunk[]> {
  const result = await build({
    configFile: path.join(ROOT, app, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false, sourcemap: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  return outputs.flatMap((output) => output.output.filter((item) => item.type === 'chunk'));
}

/** The entry chunks and everything they import statically: what loads before the first screen shows. */
function firstLoad(chunks: Rollup.OutputChunk[], entry: string): Rollup.OutputChunk[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<Rollup.OutputChunk>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (seen.has(chunk)) return;
    seen.add(chunk);
    for (const name of chunk.imports) visit(byName.get(name)!);
  };
  for (const chunk of chunks) if (chunk.isEntry && chunk.name === entry) visit(chunk);
  expect(seen.size, `the entry ${entry}`).toBeGreaterThan(0);
  return [...seen];
}

const packagesIn = (chunks: Rollup.OutputChunk[]) =>
  new Set(
    chunks.flatMap((chunk) =>
      chunk.moduleIds.flatMap((id) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1] ?? []),
    ),
  );

// Two production builds: more than the default timeout on a busy machine.
describe('the browsers’ bundles', { timeout: 90_000 }, () => {
  it('the kiosk ships no zod and no phone rules (the agent checks numbers), and the WebRTC shims only when needed', async () => {
    const chunks = await chunksOf('kiosk');
    expect(packagesIn(chunks)).not.toContain('zod');
    expect(packagesIn(chunks)).not.toContain('libphonenumber-js');
    expect(chunks.flatMap((chunk) => chunk.moduleIds).filter((id) => id.includes('phone-metadata'))).toEqual(
      [],
    );
    const first = packagesIn(firstLoad(chunks, 'index'));
    expect(first).toContain('lit-html');
    expect(first).not.toContain('webrtc-adapter');
    expect(packagesIn(chunks)).toContain('webrtc-adapter');
  });

  it('the web-meeting and phone pages ship no zod, and the meeting page no WebRTC shims before the camera', async () => {
    const chunks = await chunksOf('meeting');
    expect(packagesIn(chunks)).not.toContain('zod');
    expect(packagesIn(chunks)).not.toContain('libphonenumber-js');
    for (const page of ['meeting', 'ticket', 'booking'])
      expect(packagesIn(firstLoad(chunks, page))).not.toContain('webrtc-adapter');
  });
});
