// Pushed settings survive an agent restart; an unreadable file is ignored, not fatal.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings, settingsFileOf, writeSettings } from './settings-file.ts';

describe('the settings file', () => {
  it('keeps the last settings beside the credential, and ignores a file it cannot read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sportello-settings-'));
    const file = settingsFileOf(path.join(dir, 'credential.json'));
    expect(file).toBe(path.join(dir, 'station-settings.json'));
    expect(await readSettings(file)).toBeUndefined();
    await writeSettings(file, { idleSeconds: 30, outOfService: 'Chiuso per manutenzione.' });
    expect(await readSettings(file)).toEqual({ idleSeconds: 30, outOfService: 'Chiuso per manutenzione.' });
    await writeFile(file, '{"idleSeconds": 3}');
    expect(await readSettings(file)).toBeUndefined();
    await writeFile(file, 'not json');
    expect(await readSettings(file)).toBeUndefined();
  });
});
