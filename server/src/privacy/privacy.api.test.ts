// The privacy notice page the SMS links to: every version in every language, the language chosen by the
// link, the browser or Italian, a version that never existed, and the link of a real booking's SMS.
import { languages, privacyNotices, type Language } from '@sportello/protocol';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';
import { privacyRouter } from './privacy-router.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const WEDNESDAY = '2026-12-02';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(MONDAY_EARLY);
});
afterAll(() => server.stop());

async function page(urlPath: string, acceptLanguage?: string, base = server.url) {
  const response = await fetch(base + urlPath, {
    headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The `<html lang dir>` of a page. */
const root = (html: string) => /<html lang="([a-z]+)" dir="(ltr|rtl)">/.exec(html)?.slice(1);

describe('GET /privacy/:version', () => {
  it('renders every version in every language, Arabic right to left, as a page without script', async () => {
    for (const [version, notice] of Object.entries(privacyNotices))
      for (const language of languages) {
        const { status, headers, html } = await page(`/privacy/${version}?lang=${language}`);
        expect(status, `${version} ${language}`).toBe(200);
        expect(headers.get('content-type')).toMatch(/^text\/html/);
        expect(headers.get('content-language')).toBe(language);
        expect(headers.get('content-security-policy')).toContain("default-src 'none'");
        expect(root(html)).toEqual([language, language === 'ar' ? 'rtl' : 'ltr']);
        const text = notice[language];
        for (const line of [
          text.title,
          text.videoTitle,
          ...[...text.booking, ...text.video].map((s) => s.text),
        ])
          expect(html, `${version} ${language}`).toContain(line);
        expect(html).not.toContain('<script');
      }
  });

  it('speaks the language the link asks for, else the browser’s, else Italian', async () => {
    const lang = async (urlPath: string, acceptLanguage?: string) =>
      root((await page(urlPath, acceptLanguage)).html)?.[0];
    expect(await lang('/privacy/2026-01?lang=uk', 'fr-FR,fr;q=0.9')).toBe('uk');
    expect(await lang('/privacy/2026-01', 'ro-RO,ro;q=0.9,it;q=0.5')).toBe('ro');
    expect(await lang('/privacy/2026-01?lang=de', 'de-DE,en;q=0.8')).toBe('en');
    expect(await lang('/privacy/2026-01', 'de-DE')).toBe('it');
    expect(await lang('/privacy/2026-01')).toBe('it');
  });

  it('links every language from each page, the current one marked', async () => {
    const { html } = await page('/privacy/2026-01?lang=fr');
    for (const language of languages)
      expect(html).toContain(`href="/privacy/2026-01?lang=${language}" hreflang="${language}"`);
    expect(html).toMatch(/hreflang="fr" lang="fr" aria-current="page">Français</);
  });

  it('shows the version in force at /privacy', async () => {
    const current = server.ctx.config.server.privacyNoticeVersion;
    expect(Object.keys(privacyNotices)).toContain(current);
    const { status, html } = await page('/privacy?lang=en');
    expect(status).toBe(200);
    expect(html).toContain(`Version <span dir="ltr">${current}</span>`);
    expect(html).toContain(privacyNotices[current]!.en.title);
  });

  it('answers a version that never existed with a 404 page in the reader’s language, linking the current one', async () => {
    const { status, headers, html } = await page('/privacy/2019-01', 'ar');
    expect(status).toBe(404);
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(root(html)).toEqual(['ar', 'rtl']);
    expect(html).toContain('الإصدار غير موجود');
    expect(html).toContain('href="/privacy/2026-01?lang=ar"');
    // Left to right inside the Arabic text, or the version would read 01-2026.
    expect(html).toContain('الإصدار <span dir="ltr">2026-01</span>');
  });

  it('never echoes markup from the address', async () => {
    const { status, html } = await page('/privacy/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(status).toBe(404);
    expect(html).not.toContain('<script');
  });

  it('keeps serving an older version once a newer one is in force, pointing to the newer one', async () => {
    const app = express().use('/privacy', privacyRouter('2027-01'));
    const listening = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
      const { status, html } = await page('/privacy/2026-01?lang=it', undefined, base);
      expect(status).toBe(200);
      expect(html).toContain('Versione <span dir="ltr">2026-01</span>');
      expect(html).toContain('href="/privacy/2027-01?lang=it">Versione <span dir="ltr">2027-01</span></a>');
    } finally {
      listening.close();
    }
  });

  it('serves its stylesheet and the Titillium Web font from this server', async () => {
    const css = await page('/privacy/assets/privacy-page.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    for (const font of css.html.matchAll(/url\((fonts\/[^)]+)\)/g)) {
      const file = await fetch(`${server.url}/privacy/assets/${font[1]}`);
      expect(file.status, font[1]).toBe(200);
    }
  });
});

describe('the privacy link in a booking’s SMS', () => {
  it('opens the notice the citizen accepted, in the citizen’s language', async () => {
    const station = await server.stationToken('adria-municipio');
    const availability = await server.call(
      'GET',
      `/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=${WEDNESDAY}&to=${WEDNESDAY}`,
    );
    const links: Partial<Record<Language, string>> = {};
    for (const [n, language] of (['uk', 'ar', 'ro'] as const).entries()) {
      const booked = await server.call('POST', '/api/v1/bookings', {
        token: station,
        body: {
          sede: 'rovigo',
          service: 'naspi-consulenza',
          mode: 'inPerson',
          start: availability.body.days[0].slots[n].start,
          citizen: { ...citizen(n), language },
          authMethod: 'typed',
          privacyNoticeVersion: '2026-01',
        },
      });
      expect(booked.status).toBe(201);
      const [sms] = await server.ctx.store.read((r) =>
        r
          .outboxMessages({ status: 'pending', limit: 100 })
          .then((all) =>
            all.filter((m) => m.bookingCode === booked.body.booking.code && m.kind === 'confirmation'),
          ),
      );
      links[language] = /(\S+\/privacy\/\S+)$/.exec(sms!.text)![1];
    }
    for (const [language, link] of Object.entries(links)) {
      const publicUrl = server.ctx.config.server.publicUrl;
      expect(link.startsWith(`${publicUrl}/privacy/2026-01`)).toBe(true);
      const { status, headers, html } = await page(link.slice(publicUrl.length), 'it-IT');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/^text\/html/);
      expect(root(html)?.[0]).toBe(language);
    }
  });
});
