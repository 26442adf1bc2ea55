// Helpers shared by the kiosk's browser tests: screenshots kept as artefacts, axe checks, the page's clock.
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };

/** Saves the screen for people to look at (test-results/screens/<name>.png). */
export async function keepScreen(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150);
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

/**
 * axe-core as @axe-core/playwright ships it, put into the page once and run there. The kiosk has no frames,
 * so this is AxeBuilder's check at a tenth of the cost (AxeBuilder injects axe and opens a page on every run).
 */
const axeSource = (() => {
  const require = createRequire(import.meta.url);
  return (createRequire(require.resolve('@axe-core/playwright'))('axe-core') as { source: string }).source;
})();

interface AxeViolation {
  id: string;
  nodes: { target: unknown[] }[];
}

/**
 * Zero WCAG 2.1 AA violations on what is on screen now; with `enhancedContrast`, also the 7:1 contrast
 * rule (AAA), which the kiosk's high-contrast mode promises.
 */
export async function expectAccessible(
  page: Page,
  where: string,
  options: { enhancedContrast?: boolean } = {},
): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const problems = await page.evaluate(async (enhanced) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }).axe;
    const run = async (runOnly: object) =>
      ((await axe.run(document, { runOnly })) as { violations: AxeViolation[] }).violations;
    const violations = [
      ...(await run({ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })),
      ...(enhanced ? await run({ type: 'rule', values: ['color-contrast-enhanced'] }) : []),
    ];
    const results = { violations };
    // A target inside shadow roots is the list of hosts down to the element.
    const path = (target: unknown) => (Array.isArray(target) ? target.join(' >>> ') : String(target));
    return results.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.map(path).join(' ')).join(', ')}`,
    );
  }, options.enhancedContrast ?? false);
  expect(problems, where).toEqual([]);
}

/** The kiosk's main heading, through its shadow roots. */
export const heading = (page: Page) => page.locator('main h1');

/** Numbered screenshots of one flow: `<flow>-<orientation>-<nn>-<screen>.png`, in the order they are taken. */
export function screenSeries(page: Page, flow: string, orientation: 'portrait' | 'landscape') {
  let n = 0;
  return (screen: string) =>
    keepScreen(page, `${flow}-${orientation}-${String(++n).padStart(2, '0')}-${screen}`);
}
