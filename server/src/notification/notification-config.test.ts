// config/notifications.json: defaults, and mistakes named by file, place and problem.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, defaultConfigDir, loadConfig } from '../config/load-config.ts';

let dir: string;
const file = () => path.join(dir, 'notifications.json');
const write = (value: unknown) => writeFile(file(), JSON.stringify(value));

async function problems(): Promise<string[]> {
  const error = await loadConfig(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

const gateway = {
  url: 'https://api.example-sms.it/send',
  headers: { Authorization: 'Bearer ${env:SPORTELLO_TEST_SMS_KEY}' },
  bodyTemplate: { to: '{{to}}', text: '{{text}}' },
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sportello-notifications-'));
  await cp(defaultConfigDir(), dir, { recursive: true });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('notifications.json', () => {
  it('ships the development provider, with a reminder 30 minutes before in every mode, and own-script SMS', async () => {
    const { notifications } = await loadConfig(defaultConfigDir());
    expect(notifications.provider).toBe('dev');
    expect(notifications.reminderLeadMinutes).toEqual({ inPerson: 30, callback: 30, webMeeting: 30 });
    expect(notifications.smsLanguage).toEqual({ uk: 'own', ar: 'own' });
    await write({ provider: 'dev', senderName: 'INPS', smsLanguage: { ar: 'en' } });
    expect((await loadConfig(dir)).notifications.smsLanguage).toEqual({ uk: 'own', ar: 'en' });
    await write({ provider: 'dev', senderName: 'INPS' });
    expect((await loadConfig(dir)).notifications.smsLanguage).toEqual({ uk: 'own', ar: 'own' });
    expect((await loadConfig(dir)).notifications.retry).toEqual({
      maxAttempts: 6,
      firstDelaySeconds: 30,
      maxDelaySeconds: 3600,
    });
  });

  it('names each mistake with its place', async () => {
    await write({
      provider: 'http',
      senderName: 'INPS Sportello Rovigo',
      reminderLeadMinuts: { inPerson: 30 },
    });
    expect(await problems()).toEqual([
      `${file()}: senderName: at most 11 letters, digits, spaces, . or -`,
      `${file()}: gateway: required when "provider" is "http"`,
    ]);
    await write({ provider: 'http', senderName: 'INPS', reminderLeadMinuts: { inPerson: 30 }, gateway });
    vi.stubEnv('SPORTELLO_TEST_SMS_KEY', 'k');
    expect(await problems()).toEqual([`${file()}: unknown key "reminderLeadMinuts" (a typo?)`]);
    await write({ provider: 'dev', senderName: 'INPS', smsLanguage: { uk: 'fr' } });
    expect(await problems()).toEqual([
      `${file()}: smsLanguage.uk: Invalid option: expected one of "own"|"it"|"en"`,
    ]);
  });

  it('checks the gateway: placeholders, what it must carry, time-out against lease, environment', async () => {
    await write({
      provider: 'http',
      senderName: 'INPS',
      worker: { leaseSeconds: 10 },
      gateway: { ...gateway, bodyTemplate: { to: '{{phone}}', text: 'x' }, timeoutMilliseconds: 8000 },
    });
    expect(await problems()).toEqual([
      `${file()}: gateway.bodyTemplate.to: unknown placeholder {{phone}}; use {{to}}, {{toDigits}}, {{text}}, {{sender}}, {{id}}`,
      `${file()}: gateway.bodyTemplate: the url or the body template must carry {{text}}`,
      `${file()}: gateway.bodyTemplate: the url or the body template must carry {{to}}`,
      `${file()}: worker.leaseSeconds: must be at least twice gateway.timeoutMilliseconds (8000 ms), or a slow send is taken over and sent twice`,
    ]);
    await write({ provider: 'http', senderName: 'INPS', gateway });
    vi.stubEnv('SPORTELLO_TEST_SMS_KEY', '');
    expect(await problems()).toEqual([
      `${file()}: gateway.headers.Authorization: environment variable SPORTELLO_TEST_SMS_KEY is not set`,
    ]);
  });
});
