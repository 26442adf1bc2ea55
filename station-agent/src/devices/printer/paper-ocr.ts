// Test support: reads a picture of printed paper with Debian's tesseract (scripts/test-prerequisites.sh
// installs it with its Arabic and Ukrainian data), as a citizen reading the ticket would.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The words tesseract finds on the PNG, spaces collapsed; `lang` is tesseract's: 'ara', 'ukr', 'ita'. */
export async function readPaper(png: Buffer, lang: 'ara' | 'ukr' | 'ita'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-ocr-'));
  try {
    const file = path.join(dir, 'paper.png');
    await writeFile(file, png);
    // The printer's 203 dpi; psm 4: one column of lines of different sizes.
    const { stdout } = await run('tesseract', [file, 'stdout', '-l', lang, '--dpi', '203', '--psm', '4']);
    return stdout.replace(/\s+/g, ' ');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
