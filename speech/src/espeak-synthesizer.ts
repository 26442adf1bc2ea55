// Text to a WAV with espeak-ng (Debian's package, offline), run without a shell, the text on stdin.
// A few at a time, since boards of one office ask together; each result kept in memory, since calls and
// a kiosk's screens repeat.
import { execFile, spawn } from 'node:child_process';
import { languages, type Language } from '@sportello/protocol';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import { SpeechError } from './speech-error.ts';
import { parseWav, WavFormatError, withTrueSizes } from './wav-header.ts';

export interface SpeechSynthesizer {
  /**
   * The text spoken in the language, as a WAV (16-bit PCM). A repeated request gets the same Buffer:
   * callers must not modify it. Rejects with a SpeechError only.
   */
  synthesize(text: string, language: Language): Promise<Buffer>;
  /** Whether the engine runs on this machine; never rejects. */
  available(): Promise<boolean>;
}

export interface EspeakOptions {
  /** The espeak-ng executable: a path, or a name looked up on PATH. */
  binary?: string;
  /** A voice per language instead of the default, e.g. an mbrola voice where one is installed. */
  voices?: Partial<Record<Language, string>>;
  /** Speaking speed; espeak-ng's own default (175) is hurried for a waiting room. */
  wordsPerMinute?: number;
  /** espeak-ng processes running at once. */
  maxConcurrent?: number;
  /** Memory the kept WAVs may take. */
  cacheBytes?: number;
  /** A run that takes longer is killed and fails. */
  timeoutMs?: number;
  /** Longer texts are refused (default maxTextLength). */
  maxTextLength?: number;
}

/** Debian's espeak-ng voices for the six languages (no mbrola voice is in Debian main). */
export const defaultVoices: Readonly<Record<Language, string>> = {
  it: 'it',
  en: 'en-gb',
  fr: 'fr-fr',
  ar: 'ar',
  ro: 'ro',
  uk: 'uk',
};

/** Longer texts are refused by default: a call is one short sentence, and the engine's time grows with the text. */
export const maxTextLength = 300;

const maxStderrBytes = 2000;

export function createEspeakSynthesizer(options: EspeakOptions = {}): SpeechSynthesizer {
  const binary = options.binary ?? 'espeak-ng';
  const wordsPerMinute = options.wordsPerMinute ?? 140;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const longest = options.maxTextLength ?? maxTextLength;
  const limit = pLimit(options.maxConcurrent ?? 2);
  const cache = new LRUCache<string, Buffer>({
    maxSize: options.cacheBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (wav) => wav.length,
  });
  // The same call asked by several boards at once runs the engine once.
  const running = new Map<string, Promise<Buffer>>();
  let availability: Promise<boolean> | undefined;

  function run(text: string, voice: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        binary,
        ['-v', voice, '-s', String(wordsPerMinute), '-b', '1', '--stdin', '--stdout'],
        {
          stdio: ['pipe', 'pipe', 'pipe'],
          timeout: timeoutMs,
        },
      );
      const out: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < maxStderrBytes) stderr += chunk.toString('utf8');
      });
      // A binary that never started, or died early, closes its stdin under us: the exit tells why.
      child.stdin.on('error', () => {});
      child.on('error', (error: NodeJS.ErrnoException) => {
        const missing = error.code === 'ENOENT' || error.code === 'EACCES';
        reject(
          new SpeechError(
            missing ? 'unavailable' : 'synthesis_failed',
            missing
              ? `espeak-ng cannot be run (${binary}: ${error.code}); install Debian's espeak-ng package`
              : `espeak-ng failed: ${error.message}`,
          ),
        );
      });
      child.on('close', (code, signal) => {
        if (code !== 0) {
          const why = signal ? `was stopped by ${signal}` : `exited with ${code}`;
          reject(new SpeechError('synthesis_failed', `espeak-ng ${why}: ${stderr.trim().slice(0, 300)}`));
          return;
        }
        try {
          const wav = withTrueSizes(Buffer.concat(out));
          if (parseWav(wav).dataLength === 0) throw new WavFormatError('no samples');
          resolve(wav);
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          reject(new SpeechError('synthesis_failed', `espeak-ng gave no usable WAV: ${why}`));
        }
      });
      child.stdin.end(text, 'utf8');
    });
  }

  return {
    async synthesize(text, language) {
      if (!(languages as readonly string[]).includes(language)) {
        throw new SpeechError('unsupported_language', `no voice for language "${String(language)}"`);
      }
      const words = text.trim();
      if (!words) throw new SpeechError('bad_text', 'nothing to say');
      if (words.length > longest) {
        throw new SpeechError('bad_text', `text longer than ${longest} characters`);
      }
      const voice = options.voices?.[language] ?? defaultVoices[language];
      const key = `${voice}\n${words}`;
      const kept = cache.get(key);
      if (kept) return kept;
      let pending = running.get(key);
      if (!pending) {
        pending = limit(() => run(words, voice)).finally(() => running.delete(key));
        running.set(key, pending);
      }
      const wav = await pending;
      cache.set(key, wav);
      return wav;
    },

    available() {
      availability ??= new Promise((resolve) =>
        execFile(binary, ['--version'], { timeout: timeoutMs }, (error, stdout) =>
          resolve(!error && stdout.includes('eSpeak')),
        ),
      );
      return availability;
    },
  };
}
