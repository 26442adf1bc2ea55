// The API docs page as a developer sees it: served with no network, every operation listed.
import { expect, test } from '@playwright/test';
import { allRoutes } from '../../server/src/app.ts';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer('2026-11-30T09:00:00+01:00');
});
test.afterAll(() => server.stop());

test('the docs page lists every operation and loads nothing from the network', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:'))
      foreign.push(request.url());
  });
  await page.goto(`${server.url}/api/v1/docs/`);
  await expect(page.getByText('Sportello API').first()).toBeVisible();
  await expect(page.locator('.opblock')).toHaveCount(allRoutes(server.ctx).length);
  await page.locator('.opblock-summary-path', { hasText: /^\/api\/v1\/bookings$/ }).click();
  await expect(page.getByText('CreateBooking').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/api-docs.png', fullPage: true });
  expect(foreign).toEqual([]);
});
