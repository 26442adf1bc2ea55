// scripts/test-prerequisites.sh, which `npm test` runs first: run for real against a made-up file system root,
// with apt-get, sudo, id and the service managers replaced by fakes that record what they were asked.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/test-prerequisites.sh', import.meta.url));
const files = {
  chromium: '/usr/bin/chromium',
  softhsm2: '/usr/lib/softhsm/libsofthsm2.so',
  coturn: '/usr/bin/turnserver',
  'espeak-ng': '/usr/bin/espeak-ng',
  prometheus: '/usr/bin/promtool',
  'tesseract-ocr': '/usr/bin/tesseract',
  'tesseract-ocr-ara': '/usr/share/tesseract-ocr/5/tessdata/ara.traineddata',
  'tesseract-ocr-ukr': '/usr/share/tesseract-ocr/5/tessdata/ukr.traineddata',
  'fonts-noto-core': '/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf',
};
type Package = keyof typeof files;
/** What the print tests use: OCR with its Arabic and Ukrainian data, and the fonts tickets are drawn with. */
const printing: Package[] = ['tesseract-ocr', 'tesseract-ocr-ara', 'tesseract-ocr-ukr', 'fonts-noto-core'];

/** Appends a call to the log, marked when it came through sudo and when apt-get was told not to ask. */
const log = (name: string) =>
  `echo "\${FAKE_VIA:+sudo }\${DEBIAN_FRONTEND:+DEBIAN_FRONTEND=$DEBIAN_FRONTEND }${name} $*" >> "$FAKE_LOG"`;

/** The fakes on PATH; the fake apt-get installs into the made-up root. */
const fakes: Record<string, string> = {
  id: 'echo "$FAKE_UID"',
  sudo: [
    '[ "$FAKE_SUDO" = works ] || { echo "sudo: a password is required" >&2; exit 1; }',
    '[ "$1" = -n ] || exit 2',
    'shift',
    'FAKE_VIA=sudo exec "$@"',
  ].join('\n'),
  'apt-get': [
    log('apt-get'),
    '[ "$FAKE_APT" = broken ] && exit 0',
    'for p in "$@"; do case "$p" in',
    ...Object.entries(files).map(
      ([name, file]) =>
        `  ${name}) mkdir -p "$SPORTELLO_PREREQUISITES_ROOT${path.dirname(file)}" && touch "$SPORTELLO_PREREQUISITES_ROOT${file}";;`,
    ),
    'esac; done',
  ].join('\n'),
  systemctl: log('systemctl'),
  service: log('service'),
  'update-rc.d': log('update-rc.d'),
};

interface Machine {
  installed: Package[];
  uid?: number;
  sudo?: 'works' | 'asks for a password';
  systemd?: boolean;
  /** The contents of /etc/default/coturn, if any. */
  coturnDefaults?: string;
  /** Whether /etc/init.d/prometheus is there (as the package leaves it). */
  prometheusInitScript?: boolean;
  apt?: 'broken';
}

async function run(machine: Machine) {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-prerequisites-'));
  const root = path.join(dir, 'root');
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'log');
  await mkdir(bin, { recursive: true });
  await writeFile(log, '');
  for (const [name, body] of Object.entries(fakes)) {
    await writeFile(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    await chmod(path.join(bin, name), 0o755);
  }
  for (const name of machine.installed) {
    await mkdir(path.join(root, path.dirname(files[name])), { recursive: true });
    await writeFile(path.join(root, files[name]), '');
  }
  if (machine.systemd) await mkdir(path.join(root, 'run/systemd/system'), { recursive: true });
  if (machine.prometheusInitScript) {
    await mkdir(path.join(root, 'etc/init.d'), { recursive: true });
    await writeFile(path.join(root, 'etc/init.d/prometheus'), '');
  }
  if (machine.coturnDefaults !== undefined) {
    await mkdir(path.join(root, 'etc/default'), { recursive: true });
    await writeFile(path.join(root, 'etc/default/coturn'), machine.coturnDefaults);
  }
  const env = {
    PATH: `${bin}:/usr/bin:/bin`,
    SPORTELLO_PREREQUISITES_ROOT: root,
    FAKE_LOG: log,
    FAKE_UID: String(machine.uid ?? 1000),
    FAKE_SUDO: machine.sudo ?? 'asks for a password',
    FAKE_APT: machine.apt ?? '',
  };
  const started = Date.now();
  const result = await new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile('sh', [script], { env }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    ),
  );
  const calls = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { ...result, calls, milliseconds: Date.now() - started };
}

describe('test prerequisites', () => {
  it('does nothing, at once, when every package is there', async () => {
    const result = await run({
      installed: ['chromium', 'softhsm2', 'coturn', 'espeak-ng', 'prometheus', ...printing],
    });
    expect(result).toMatchObject({ code: 0, stderr: '', calls: [] });
    expect(result.milliseconds).toBeLessThan(1000);
  });

  it('without root or sudo, stops at once naming the command to run', async () => {
    const result = await run({ installed: [] });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      '  sudo apt-get install -y chromium softhsm2 coturn espeak-ng prometheus tesseract-ocr tesseract-ocr-ara tesseract-ocr-ukr fonts-noto-core\n',
    );
    expect(result.calls).toEqual([]);
    expect(result.milliseconds).toBeLessThan(1000);

    const one = await run({ installed: ['chromium', 'coturn', 'espeak-ng', 'prometheus', ...printing] });
    expect(one.code).not.toBe(0);
    expect(one.stderr).toContain('  sudo apt-get install -y softhsm2\n');
  });

  it('installs what is missing through sudo -n when that works', async () => {
    const result = await run({
      installed: ['chromium', 'coturn', 'espeak-ng', 'prometheus', ...printing],
      sudo: 'works',
      systemd: true,
    });
    expect(result.code).toBe(0);
    expect(result.calls).toEqual([
      'sudo apt-get update -qq',
      'sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq softhsm2',
    ]);
  });

  it('as root installs directly, and stops and disables the coturn service systemd started', async () => {
    const result = await run({
      installed: ['softhsm2', 'espeak-ng', 'prometheus', ...printing],
      uid: 0,
      systemd: true,
    });
    expect(result.code).toBe(0);
    expect(result.calls).toEqual([
      'apt-get update -qq',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium coturn',
      'systemctl disable --now coturn.service',
    ]);
  });

  it('without systemd leaves coturn alone unless /etc/default/coturn enables it', async () => {
    const packaged =
      '#\n# Uncomment it if you want to have the turnserver running as\n#TURNSERVER_ENABLED=1\n';
    const quiet = await run({
      installed: ['chromium', 'softhsm2', 'espeak-ng', 'prometheus', ...printing],
      uid: 0,
      coturnDefaults: packaged,
    });
    expect(quiet.code).toBe(0);
    expect(quiet.calls).toEqual([
      'apt-get update -qq',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq coturn',
    ]);

    const enabled = await run({
      installed: ['chromium', 'softhsm2', 'espeak-ng', 'prometheus', ...printing],
      uid: 0,
      coturnDefaults: 'TURNSERVER_ENABLED=1\n',
    });
    expect(enabled.code).toBe(0);
    expect(enabled.calls.slice(2)).toEqual(['service coturn stop', 'update-rc.d coturn disable']);
  });

  it('installs espeak-ng, which the speech tests run, when it alone is missing', async () => {
    const result = await run({
      installed: ['chromium', 'softhsm2', 'coturn', 'prometheus', ...printing],
      uid: 0,
    });
    expect(result.code).toBe(0);
    expect(result.calls).toEqual([
      'apt-get update -qq',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng',
    ]);
  });

  it('installs tesseract with its Arabic and Ukrainian data and the Noto fonts when they are missing', async () => {
    const result = await run({
      installed: ['chromium', 'softhsm2', 'coturn', 'espeak-ng', 'prometheus', 'tesseract-ocr'],
      uid: 0,
    });
    expect(result.code).toBe(0);
    expect(result.calls).toEqual([
      'apt-get update -qq',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr-ara tesseract-ocr-ukr fonts-noto-core',
    ]);
  });

  it('installs Prometheus for its promtool without the node exporter, and stops the server it started', async () => {
    const withSystemd = await run({
      installed: ['softhsm2', 'coturn', 'espeak-ng', ...printing],
      uid: 0,
      systemd: true,
    });
    expect(withSystemd.code).toBe(0);
    expect(withSystemd.calls).toEqual([
      'apt-get update -qq',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus',
      'systemctl disable --now prometheus.service',
    ]);

    const sysvinit = await run({
      installed: ['chromium', 'softhsm2', 'coturn', 'espeak-ng', ...printing],
      uid: 0,
      prometheusInitScript: true,
    });
    expect(sysvinit.code).toBe(0);
    expect(sysvinit.calls).toEqual([
      'apt-get update -qq',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus',
      'service prometheus stop',
      'update-rc.d prometheus disable',
    ]);
  });

  it('fails when apt-get ran but the files are still not there', async () => {
    const result = await run({
      installed: ['chromium', 'coturn', 'espeak-ng', 'prometheus', ...printing],
      uid: 0,
      apt: 'broken',
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('still missing for: softhsm2');
  });
});
