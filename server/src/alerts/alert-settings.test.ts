// server.alerts in config/server.json: the defaults, the SMTP settings' mistakes named by field, and a
// password read from an environment variable that is not set stopping the server.
import { AlertMailSettings, ServerSettings } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfigDir, loadConfig } from '../config/load-config.ts';
import { configWithAlertMail } from './smtp-test-server.ts';

const base = { from: 'Sportello <avvisi@example.it>', to: ['tecnici@example.it'] };
const problems = (input: unknown) =>
  AlertMailSettings.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('alert settings', () => {
  it('default to alerts after 10 minutes offline, a look every 30 s, and no mail', () => {
    const server = ServerSettings.parse({
      publicUrl: 'https://sportello.example.it',
      privacyNoticeVersion: 'v',
    });
    expect(server.alerts).toEqual({ offlineMinutes: 10, checkSeconds: 30 });
  });

  it('name each SMTP mistake by its field', () => {
    expect(problems({ ...base, url: 'smtp://mail.example.it:587' })).toEqual([]);
    expect(problems({ ...base, host: 'mail.example.it', port: 465, secure: true })).toEqual([]);
    expect(problems({ ...base })).toEqual(['url: give either "url" or "host", not both']);
    expect(problems({ ...base, url: 'smtp://a:25', host: 'b' })).toEqual([
      'url: give either "url" or "host", not both',
    ]);
    expect(problems({ ...base, url: 'smtp://a:25', port: 25 })).toEqual(['port: the port goes in "url"']);
    expect(problems({ ...base, url: 'http://a' })).toEqual([
      'url: expected smtp://host:port or smtps://host:port',
    ]);
    expect(problems({ ...base, url: 'smtp://a:25', to: [] })[0]).toMatch(/^to: /);
    expect(problems({ ...base, url: 'smtp://a:25', to: ['not an address'] })[0]).toMatch(/^to\.0: /);
    expect(problems({ ...base, url: 'smtp://a:25', retrySeconds: 60, maxRetrySeconds: 30 })).toEqual([
      'maxRetrySeconds: must not be below retrySeconds (60)',
    ]);
  });

  it('stop the server when the SMTP password names an environment variable that is not set', async () => {
    const dir = await configWithAlertMail(defaultConfigDir(), 'smtp://127.0.0.1:2525', {
      mail: { auth: { user: 'sportello', pass: '${env:SPORTELLO_TEST_SMTP_PASSWORD_UNSET}' } },
    });
    const error = await loadConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(
        /server\.json: alerts\.mail\.auth\.pass: environment variable SPORTELLO_TEST_SMTP_PASSWORD_UNSET is not set$/,
      ),
    ]);
  });
});
