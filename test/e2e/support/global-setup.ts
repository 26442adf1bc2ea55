// Builds the kiosk, console, web-meeting and display-board bundles once before the browser tests: they run
// the real things the agent and the server serve.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function globalSetup(): void {
  for (const app of ['kiosk', 'console', 'meeting', 'board']) {
    const cwd = fileURLToPath(new URL(`../../../${app}/`, import.meta.url));
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd, stdio: 'inherit' });
  }
}
