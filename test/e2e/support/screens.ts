// Helpers shared by the kiosk's browser tests: screenshots kept as artefacts, axe checks, the page's clock.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };

/** Saves the screen for people to look at (test-results/screens/<name>.png). */
export async function keepScreen(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150);
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

/** Zero WCAG 2.1 AA violations on what is on screen now. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const problems = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(problems, where).toEqual([]);
}

/** The kiosk's main heading, through its shadow roots. */
export const heading = (page: Page) => page.locator('main h1');
