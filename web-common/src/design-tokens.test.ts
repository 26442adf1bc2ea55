// Every custom property a front end reads without a fallback is one that a stylesheet or script of ours sets: a
// misspelt or retired token name reads as nothing, so a colour or a size silently becomes the browser's default.
// (A read with a fallback, `var(--qr-size, 22vmin)`, is a component's optional setting.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { palette } from './palette.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const folders = ['kiosk/src', 'console/src', 'meeting/src', 'board/src', 'web-common/src'];

function sources(folder: string): string[] {
  return readdirSync(path.join(repo, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('i18n/generated'))
    .map((file) => path.join(folder, file));
}

const files = folders
  .flatMap(sources)
  .map((file) => ({ file, text: readFileSync(path.join(repo, file), 'utf8') }));
const names = (text: string, pattern: RegExp) =>
  [...text.matchAll(pattern)].map((match) => match[1] as string);

describe('design tokens', () => {
  it('every var(--…) read without a fallback in the front ends is set somewhere', () => {
    const defined = new Set(
      files.flatMap(({ text }) => [
        ...names(text, /(--[a-z][a-z0-9-]*)\s*:/g),
        ...names(text, /setProperty\(\s*['"`](--[a-z][a-z0-9-]*)/g),
      ]),
    );
    const unknown = files.flatMap(({ file, text }) =>
      names(text, /var\(\s*(--[a-z][a-z0-9-]*)\s*\)/g)
        .filter((name) => !defined.has(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(unknown).toEqual([]);
    // Read from hundreds of places: the scan itself must see them.
    expect(defined.has('--sp-primary')).toBe(true);
  });

  it('the palette is written as colours CSS takes', () => {
    for (const colour of Object.values(palette)) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
  });
});
