// The privacy notice a citizen opens from the SMS on a phone: no sideways scrolling from 320 px up in any
// language, axe clean, Titillium Web loaded under the page's strict CSP, Arabic right to left.
import { languages } from '@sportello/protocol';
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { expectAccessible, keepScreen } from './support/screens.ts';

const PHONE = { width: 360, height: 740 };
const NARROWEST = { width: 320, height: 640 };

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer('2026-11-30T09:00:00+01:00');
});
test.afterAll(() => server.stop());

/** Console errors (a CSP refusal is one) and requests to anywhere but this server. */
function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url)) problems.push(`request to ${request.url()}`);
  });
  return { problems };
}

const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('the notice fits a phone in every language, passes axe, and Arabic reads right to left', async ({
  page,
}) => {
  const { problems } = watch(page);
  for (const size of [PHONE, NARROWEST]) {
    await page.setViewportSize(size);
    for (const language of languages) {
      await page.goto(`${server.url}/privacy/2026-01?lang=${language}`);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(language === 'ar' ? 'rtl' : 'ltr');
      expect(await sidewaysScroll(page), `${language} at ${size.width} px`).toBe(0);
      if (size === PHONE) await expectAccessible(page, `privacy notice (${language})`);
    }
  }
  await page.setViewportSize(PHONE);
  for (const language of ['it', 'ar']) {
    await page.goto(`${server.url}/privacy/2026-01?lang=${language}`);
    await keepScreen(page, `privacy-phone-${language}`);
    await page.screenshot({
      path: `test-results/screens/privacy-phone-${language}-full.png`,
      fullPage: true,
    });
  }
  expect(problems).toEqual([]);
});

test('the page is set in Titillium Web, served by this server', async ({ page }) => {
  const { problems } = watch(page);
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/privacy/2026-01?lang=it`);
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('700 16px "Titillium Web"', 'Informativa'))).toBe(
    true,
  );
  expect(
    await page.evaluate(() =>
      [...document.fonts].some((font) => font.family.includes('Titillium Web') && font.status === 'loaded'),
    ),
  ).toBe(true);
  expect(problems).toEqual([]);
});

test('the language links switch the page, and an unknown version leads to the current one', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/privacy/2026-01?lang=it`);
  await page.getByRole('navigation', { name: 'Lingua' }).getByRole('link', { name: 'Română' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Informații despre confidențialitate');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('ro');

  const missing = await page.goto(`${server.url}/privacy/2019-01?lang=en`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version not found');
  await expectAccessible(page, 'unknown version (en)');
  expect(await sidewaysScroll(page)).toBe(0);
  await keepScreen(page, 'privacy-phone-missing-en');
  await page.getByRole('link', { name: 'Read the current privacy notice' }).click();
  await expect(page).toHaveURL(/\/privacy\/2026-01\?lang=en$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice');
});
