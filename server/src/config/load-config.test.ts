import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, defaultConfigDir, findJsonErrorOffset, formatPath, loadConfig } from './load-config.ts';

const shipped = defaultConfigDir();

async function errorOf(promise: Promise<unknown>): Promise<ConfigError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

describe('the shipped demo configuration', () => {
  it('loads and is consistent', async () => {
    const config = await loadConfig(shipped);
    expect(config.dir).toBe(path.resolve(shipped));
    expect(config.server.publicUrl).toBe('http://127.0.0.1:8080');
    expect(config.sedi.map((s) => s.id)).toEqual(['rovigo', 'napoli']);
    expect(config.sectors.map((s) => s.id)).toEqual([
      'prestazioni',
      'assicurato-pensionato',
      'invalidita-civile',
    ]);
    expect(config.services.length).toBeGreaterThanOrEqual(14);
    expect(config.stations.filter((s) => s.kind === 'municipal')).toHaveLength(2);
    expect(config.staff.map((s) => s.username).sort()).toEqual(
      [
        'admin',
        'contactcenter',
        'direttore.rovigo',
        'funzionario.napoli',
        'funzionario.rovigo',
        'sportello.rovigo',
        'sportello2.rovigo',
        'tecnico',
      ].sort(),
    );
    for (const sede of config.sedi) {
      expect(config.officials.filter((o) => o.sede === sede.id).length).toBeGreaterThanOrEqual(4);
    }
    // First-level slots are 10 minutes; second-level ones 20-30 and never a ticket.
    for (const service of config.services) {
      const { ticket, ...timed } = service.channels;
      const minutes = Object.values(timed).map((c) => c.minutes);
      if (service.level === 'primo') {
        expect(ticket, service.id).toBeDefined();
        expect(
          minutes.every((m) => m === 10),
          service.id,
        ).toBe(true);
      } else {
        expect(ticket, service.id).toBeUndefined();
        expect(
          minutes.every((m) => m >= 20 && m <= 30),
          service.id,
        ).toBe(true);
      }
    }
  });

  it('is the default directory, unless SPORTELLO_CONFIG_DIR says otherwise', () => {
    expect(shipped.replace(/[\\/]$/, '').endsWith(`${path.sep}config`)).toBe(true);
    vi.stubEnv('SPORTELLO_CONFIG_DIR', 'some/where');
    try {
      expect(defaultConfigDir()).toBe(path.resolve('some/where'));
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('a broken configuration', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  const readJson = async (name: string) => JSON.parse(await readFile(file(name), 'utf8'));
  const writeJson = (name: string, value: unknown) => writeFile(file(name), JSON.stringify(value, null, 2));

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sportello-config-'));
    await cp(shipped, dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the file and the place of a bad time', async () => {
    const sedi = await readJson('sedi.json');
    sedi[1].appointmentHours.mon[0].to = '08:00';
    sedi[0].publicHours.tue[0].from = '8:30';
    await writeJson('sedi.json', sedi);
    const err = await errorOf(loadConfig(dir));
    expect(err.problems).toEqual([
      `${file('sedi.json')}: [0].publicHours.tue[0].from: expected a time as HH:MM, e.g. 08:30`,
      `${file('sedi.json')}: [1].appointmentHours.mon[0].to: "from" must be before "to"`,
    ]);
    expect(err.message).toBe(err.problems.join('\n'));
  });

  it('refuses a privacy notice version that has no text', async () => {
    const server = await readJson('server.json');
    server.privacyNoticeVersion = '2031-07';
    await writeJson('server.json', server);
    const err = await errorOf(loadConfig(dir));
    expect(err.problems).toEqual([
      `${file('server.json')}: privacyNoticeVersion: no privacy notice text "2031-07" (protocol/src/privacy-notice has: 2026-01)`,
    ]);
  });

  it('reports an unknown sector in a service', async () => {
    const services = await readJson('services.json');
    services[2].sector = 'pensioni';
    await writeJson('services.json', services);
    const err = await errorOf(loadConfig(dir));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(
      `${file('services.json')}: [2].sector: unknown sector "pensioni" (sectors.json has: prestazioni, `,
    );
  });

  it('gives line and column of invalid JSON', async () => {
    const text = await readFile(file('stations.json'), 'utf8');
    // A trailing comma after the last station.
    await writeFile(file('stations.json'), text.replace(/\}\s*\]\s*$/, '},\n]\n'));
    const lines = (await readFile(file('stations.json'), 'utf8')).split('\n');
    const err = await errorOf(loadConfig(dir));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(
      new RegExp(`^${escape(file('stations.json'))}: invalid JSON at line ${lines.length - 1}, column 1: `),
    );
  });

  it('places JSON errors whose message has no position', async () => {
    await writeFile(file('sectors.json'), '[\n  { "id": x }\n]\n');
    const err = await errorOf(loadConfig(dir));
    expect(err.problems[0]).toBe(
      `${file('sectors.json')}: invalid JSON at line 2, column 11: Unexpected token 'x'`,
    );
  });

  it('reports duplicate ids', async () => {
    const officials = await readJson('officials.json');
    officials[3].id = officials[1].id;
    await writeJson('officials.json', officials);
    const err = await errorOf(loadConfig(dir));
    expect(err.problems).toEqual([
      `${file('officials.json')}: [3].id: duplicate id "${officials[1].id}" (also at [1])`,
    ]);
  });

  it('reports a missing file, and still checks the others', async () => {
    await rm(file('sectors.json'));
    const staff = await readJson('staff.json');
    staff[0].official = 'nobody';
    await writeJson('staff.json', staff);
    const err = await errorOf(loadConfig(dir));
    expect(err.problems).toEqual([
      `${file('sectors.json')}: cannot read the file: file not found`,
      expect.stringMatching(`^${escape(file('staff.json'))}: \\[0\\]\\.official: unknown official "nobody"`),
    ]);
  });

  it('collects every problem of a file, with readable wording', async () => {
    const services = await readJson('services.json');
    delete services[0].topic;
    services[1].level = 'terzo';
    services[2].channels = {};
    services[3].name = { it: 'Solo italiano' };
    services[4].strongAuthRequred = true;
    await writeJson('services.json', services);
    const err = await errorOf(loadConfig(dir));
    const f = file('services.json');
    expect(err.problems).toEqual([
      `${f}: [0].topic: missing (expected a string)`,
      `${f}: [1].level: Invalid option: expected one of "primo"|"secondo"`,
      `${f}: [2].channels: a service needs at least one channel`,
      `${f}: [3].name.en: missing (expected a string)`,
    ]);
    // Once those are fixed, the misspelt key that zod would silently drop is reported too.
    await writeJson('services.json', (await readJson('services.json')).slice(4));
    const again = await errorOf(loadConfig(dir));
    expect(again.problems).toEqual([`${f}: [0]: unknown key "strongAuthRequred" (a typo?)`]);
  });

  it('checks cross-references, prefixes, closures and overlapping hours', async () => {
    const services = await readJson('services.json');
    services[2].channels.ticket.prefix = services[0].channels.ticket.prefix;
    await writeJson('services.json', services);
    const sedi = await readJson('sedi.json');
    sedi[0].closures[0] = { from: '2026-05-02', to: '2026-05-01', reason: 'x' };
    sedi[0].counters[1].sectors = ['prestazioni', 'ricette'];
    sedi[1].publicHours.wed.push({ from: '12:00', to: '13:00' });
    await writeJson('sedi.json', sedi);
    const stations = await readJson('stations.json');
    stations[0].sede = 'padova';
    await writeJson('stations.json', stations);
    const server = await readJson('server.json');
    server.port = '8080';
    await writeJson('server.json', server);
    const err = await errorOf(loadConfig(dir));
    expect(err.problems).toEqual([
      `${file('server.json')}: port: expected a number, got the string "8080"`,
      `${file('sedi.json')}: [0].closures[0].to: "to" (2026-05-01) is before "from" (2026-05-02)`,
      `${file('sedi.json')}: [0].counters[1].sectors[1]: unknown sector "ricette" (sectors.json has: prestazioni, assicurato-pensionato, invalidita-civile)`,
      `${file('sedi.json')}: [1].publicHours.wed[1]: 12:00-13:00 overlaps wed[0]`,
      `${file('stations.json')}: [0].sede: unknown sede "padova" (sedi.json has: rovigo, napoli)`,
      `${file('services.json')}: [2].channels.ticket.prefix: ticket prefix "${services[0].channels.ticket.prefix}" is already used by [0]`,
    ]);
  });

  it('shows paths relative to the working directory when inside it', async () => {
    await rm(file('server.json'));
    const cwd = vi.spyOn(process, 'cwd').mockReturnValue(dir);
    try {
      const err = await errorOf(loadConfig(dir));
      expect(err.problems).toEqual(['server.json: cannot read the file: file not found']);
    } finally {
      cwd.mockRestore();
    }
  });
});

describe('helpers', () => {
  it('formats paths like JavaScript', () => {
    expect(formatPath([1, 'appointmentHours', 'mon', 0, 'to'])).toBe('[1].appointmentHours.mon[0].to');
    expect(formatPath(['publicUrl'])).toBe('publicUrl');
    expect(formatPath([0, 'odd key'])).toBe('[0]["odd key"]');
  });

  it('finds the offset of a JSON syntax error', () => {
    expect(findJsonErrorOffset('{"a": [1, 2, {"b": null}], "c": "\\u00e9"}')).toBeUndefined();
    expect(findJsonErrorOffset('{"a": tru }')).toBe(9);
    expect(findJsonErrorOffset('[1, 2')).toBe(5);
    expect(findJsonErrorOffset('[1,]')).toBe(3);
    expect(findJsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(findJsonErrorOffset('"a\nb"')).toBe(2);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
