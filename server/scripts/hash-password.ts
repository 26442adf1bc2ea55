// Prints the scrypt hash of a password, for the passwordHash field of config/staff.json.
// Usage: tsx server/scripts/hash-password.ts 'the password'
//    or: printf '%s' 'the password' | tsx server/scripts/hash-password.ts
// (Reading stdin keeps the password out of the shell history.)
import { hashPassword } from '../src/auth/password.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  // Drop one trailing newline (from `echo` or pressing Enter), keep everything else as typed.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  let password = process.argv[2];
  if (password === undefined) {
    if (process.stdin.isTTY) process.stderr.write('Password (then Enter, Ctrl-D): ');
    password = await readStdin();
  }
  if (password.length === 0) {
    process.stderr.write('hash-password: empty password; pass it as an argument or on stdin\n');
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${await hashPassword(password)}\n`);
}

await main();
