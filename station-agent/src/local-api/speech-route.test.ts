// The kiosk's speech through the agent's loopback API: real espeak-ng audio in the six languages, then a
// stand-in engine to see what espeak-ng alone cannot show (the voice chosen, the cache), and bad requests.
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languages, maxSpokenLine } from '@sportello/protocol';
import type { SpeechSynthesizer } from '@sportello/speech';
import { wavLevels } from '@sportello/speech';
import { pcmWav, sineSamples } from '@sportello/speech/testing';
import type { StationDevices } from '../devices/station-devices.ts';
import { startLocalApi, type LocalApi } from './local-api.ts';
import { stationSynthesizer } from './speech-route.ts';

const log = pino({ level: 'silent' });
const apis: LocalApi[] = [];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sportello-agent-speech-'));
});
afterAll(async () => {
  await Promise.all(apis.map((api) => api.close()));
});

async function agentWith(speech?: SpeechSynthesizer): Promise<LocalApi> {
  const api = await startLocalApi({
    port: 0,
    kioskDir: path.join(dir, 'no-kiosk'),
    credential: null,
    devices: {} as StationDevices,
    log,
    agentVersion: 'test',
    kiosk: { idleWarnSeconds: 60, idleEndSeconds: 90 },
    ...(speech && { speech }),
  });
  apis.push(api);
  return api;
}

function speak(api: LocalApi, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${api.url}/agent/speech`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An engine that writes its voice (-v) to a log, reads the text, and prints a known clip. */
async function standIn(): Promise<{ speech: SpeechSynthesizer; runs: () => Promise<string[]> }> {
  const clip = path.join(dir, 'clip.wav');
  await writeFile(clip, pcmWav(sineSamples(0.2, 0.5)));
  const runLog = path.join(dir, `runs-${apis.length}.log`);
  await writeFile(runLog, '');
  const binary = path.join(dir, `espeak-${apis.length}`);
  await writeFile(binary, `#!/bin/sh\necho "$2" >> "${runLog}"\ncat > /dev/null\ncat "${clip}"\n`);
  await chmod(binary, 0o755);
  const runs = async () => (await readFile(runLog, 'utf8')).split('\n').filter(Boolean);
  return { speech: stationSynthesizer({ binary }), runs };
}

const lines = {
  it: 'Benvenuto allo sportello INPS',
  en: 'Welcome to the INPS service point',
  fr: 'Bienvenue au guichet INPS',
  ar: 'مرحبا بكم في شباك المعهد',
  ro: 'Bine ați venit la ghișeul INPS',
  uk: 'Ласкаво просимо до віконця INPS',
};

describe('speech on the agent, with espeak-ng', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await agentWith();
  });

  it.each(languages)('speaks a line in %s: a WAV of real, non-silent speech', async (lang) => {
    const response = await speak(api, { text: lines[lang], lang });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const levels = wavLevels(Buffer.from(await response.arrayBuffer()));
    expect(levels.durationSeconds).toBeGreaterThan(1);
    expect(levels.rms).toBeGreaterThan(0.03);
    expect(levels.activeShare).toBeGreaterThan(0.4);
  });

  it('answers only the kiosk’s own origin', async () => {
    const response = await speak(api, { text: 'ciao', lang: 'it' }, { origin: 'http://evil.example' });
    expect(response.status).toBe(403);
  });
});

describe('speech on the agent, seen through a stand-in engine', () => {
  it('picks the espeak-ng voice of each language', async () => {
    const { speech, runs } = await standIn();
    const api = await agentWith(speech);
    for (const lang of languages) expect((await speak(api, { text: 'Sportello', lang })).status).toBe(200);
    expect(await runs()).toEqual(['it', 'en-gb', 'fr-fr', 'ar', 'ro', 'uk']);
  });

  it('keeps what it said: the same line again does not run the engine again', async () => {
    const { speech, runs } = await standIn();
    const api = await agentWith(speech);
    const first = await (await speak(api, { text: 'Di cosa hai bisogno?', lang: 'it' })).arrayBuffer();
    const again = await (await speak(api, { text: '  Di cosa hai bisogno? ', lang: 'it' })).arrayBuffer();
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(await runs()).toEqual(['it']);
    await speak(api, { text: 'Di cosa hai bisogno?', lang: 'ro' });
    expect(await runs()).toEqual(['it', 'ro']);
  });

  it.each([
    [{ lang: 'it' }, 'text'],
    [{ text: '   ', lang: 'it' }, 'text'],
    [{ text: 'a'.repeat(maxSpokenLine + 1), lang: 'it' }, 'text'],
    [{ text: 42, lang: 'it' }, 'text'],
    [{ text: 'Hallo' }, 'lang'],
    [{ text: 'Hallo', lang: 'de' }, 'lang'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const { speech, runs } = await standIn();
    const api = await agentWith(speech);
    const response = await speak(api, body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((f) => f.path)).toEqual([field]);
    expect(await runs()).toEqual([]);
  });

  it('says that speech is unavailable when espeak-ng is missing (the kiosk then uses the browser’s)', async () => {
    const api = await agentWith(stationSynthesizer({ binary: path.join(dir, 'no-such-espeak') }));
    const response = await speak(api, { text: 'Leggi', lang: 'it' });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('speech_unavailable');
    const status = await fetch(`${api.url}/agent/speech`, { headers: { origin: api.url } });
    expect(await status.json()).toEqual({ available: false });
  });

  it('says that it can speak when espeak-ng is installed, so the kiosk offers «Leggi»', async () => {
    const api = await agentWith(stationSynthesizer());
    const status = await fetch(`${api.url}/agent/speech`, { headers: { origin: api.url } });
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual({ available: true });
  });
});
