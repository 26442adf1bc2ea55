// The station's credential on disk: readable by the agent's user only (mode 0600), never sent to the page.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const StationCredential = z.object({
  serverUrl: z.url(),
  station: z.string().min(1),
  token: z.string().min(20),
  enrolledAt: z.string(),
});
export type StationCredential = z.infer<typeof StationCredential>;

export async function readCredential(file: string): Promise<StationCredential | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = StationCredential.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}: not a station credential; enrol the station again`);
  return parsed.data;
}

export async function writeCredential(file: string, credential: StationCredential): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.tmp`;
  await writeFile(temporary, JSON.stringify(credential, null, 2) + '\n', { mode: 0o600 });
  // writeFile's mode applies only to new files; make sure a leftover file is tightened too.
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
