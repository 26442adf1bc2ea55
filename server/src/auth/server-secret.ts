// The server's secret key (HMAC of admission codes): from SPORTELLO_SECRET, else a 0600 file made once
// (one instance on lowdb only).
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** `shared`: several instances must check what each other signed, so a file of one's own will not do. */
export async function loadServerSecret(dataDir: string, shared = false): Promise<Buffer> {
  const fromEnv = process.env.SPORTELLO_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('SPORTELLO_SECRET must be at least 32 characters');
    return Buffer.from(fromEnv);
  }
  if (shared)
    throw new Error(
      'SPORTELLO_SECRET must be set (at least 32 characters, the same on every instance) with the PostgreSQL store',
    );
  const file = path.join(dataDir, 'secret.key');
  try {
    return Buffer.from(await readFile(file, 'utf8'), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const secret = randomBytes(32);
    await writeFile(file, secret.toString('base64'), { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
