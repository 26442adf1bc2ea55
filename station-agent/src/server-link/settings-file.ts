// The settings last pushed by the server, kept beside the credential: a station restarted while the server
// cannot be reached still shows "out of service", its languages and services, until the channel is back.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StationSettings } from '@sportello/protocol';

/** Where the settings live: next to the credential file. */
export const settingsFileOf = (credentialFile: string) =>
  path.join(path.dirname(credentialFile), 'station-settings.json');

/** The saved settings; undefined when there are none, or they cannot be read (then the server's next ones win). */
export async function readSettings(file: string): Promise<StationSettings | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = StationSettings.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSettings(file: string, settings: StationSettings): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.tmp`;
  await writeFile(temporary, JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 });
  await rename(temporary, file);
}
