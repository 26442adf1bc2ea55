// Makes the demo's two TEST certification authorities (CNS and CIE) in config/demo-ca. Run once; the
// result is committed so the demo server can trust what the simulated cards sign. Never trust them in production.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_CA_DIR, TestCa } from '../src/devices/card/test-ca.ts';

await mkdir(DEMO_CA_DIR, { recursive: true });
for (const [kind, name] of [
  ['cns', 'Sportello TEST CA CNS'],
  ['cie', 'Sportello TEST CA CIE'],
] as const) {
  const ca = await TestCa.create(name, {
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2046-01-01T00:00:00Z'),
  });
  await writeFile(path.join(DEMO_CA_DIR, `${kind}-ca.pem`), ca.pem + '\n');
  await writeFile(path.join(DEMO_CA_DIR, `${kind}-ca.key.pem`), await ca.privateKeyPem(), { mode: 0o600 });
  console.log(`wrote ${kind}-ca.pem and ${kind}-ca.key.pem in ${DEMO_CA_DIR}`);
}
