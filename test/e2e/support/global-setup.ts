// Builds the kiosk bundle once before the browser tests: they run the real thing the agent serves.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function globalSetup(): void {
  const kiosk = fileURLToPath(new URL('../../../kiosk/', import.meta.url));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: kiosk, stdio: 'inherit' });
}
