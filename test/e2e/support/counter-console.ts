// The counter clerk's side of a browser test: the real console signed in as a clerk at a counter of the
// sede, and tickets issued as the reception station issues them.
import { expect, type Browser, type Page } from '@playwright/test';
import type { TestServer } from '../../../server/src/testing/test-server.ts';

/** A desk screen, the size the counter screen must fit without scrolling. */
export const DESK = { width: 1366, height: 768 };

/** Signs in at /console/ as a counter clerk: the section opens on the choice of counter. */
export async function signInClerk(page: Page, server: TestServer, username: string): Promise<void> {
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(`demo-${username}`);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scegli lo sportello');
}

/** Picks the counter named `name` and opens it: the clerk is ready to call. */
export async function openCounter(page: Page, name: string): Promise<void> {
  await page.getByRole('list', { name: 'Sportelli della sede' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await page.getByRole('button', { name: 'Apri', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Apri', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
}

/** A clerk in a browser context of their own (their own session cookie), at a desk-sized screen. */
export async function clerkPage(browser: Browser, server: TestServer, username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: DESK })).newPage();
  await signInClerk(page, server, username);
  return page;
}

export interface IssuedTicket {
  id: string;
  number: string;
}

/** A ticket issued at the Rovigo reception station, as its kiosk does. */
export async function issueTicket(
  server: TestServer,
  stationToken: string,
  body: { service: string; priority?: string; codiceFiscale?: string },
): Promise<IssuedTicket> {
  const issued = await server.call('POST', '/api/v1/tickets', {
    token: stationToken,
    body: { sede: 'rovigo', ...body },
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  return { id: issued.body.ticket.id as string, number: issued.body.ticket.number as string };
}

/** The ticket at the counter: its number, the screen's largest text. */
export const currentNumber = (page: Page) => page.locator('counter-ticket .number');
