// Booking an appointment at the kiosk from the services screen to the confirmation, every step tapped as a
// citizen would, in any of the kiosk's languages; shared by the booking and privacy specs.
import { expect, type Page } from '@playwright/test';
import { privacyNotice } from '@sportello/protocol';
import { button, kioskText, tapKeys, type Language } from './citizen.ts';
import { heading } from './screens.ts';

export interface Appointment {
  language: Language;
  topic: string;
  service: string;
  channel: 'Appuntamento in sede' | 'Appuntamento in videochiamata';
  /** Typed when the way of identifying gave no name. */
  names?: [string, string];
  phone: string;
  /** Keeps a screenshot of each screen on the way. */
  shot?: (screen: string) => Promise<void>;
}

/** From the services screen to the confirmation, every step tapped; answers the booking code shown. */
export async function bookAppointment(page: Page, a: Appointment): Promise<string> {
  const t = (italian: string) => kioskText(a.language, italian);
  const shot = a.shot ?? (async () => undefined);
  await expect(heading(page)).toHaveText(t('Di cosa hai bisogno?'));
  await shot('services');
  await button(page, a.topic).click();
  await expect(page.getByText(t('Scegli quello che ti serve.'))).toBeVisible();
  await shot('topic');
  await button(page, a.service).click();

  await expect(heading(page)).toHaveText(t('Scegli come vuoi parlare con noi'));
  const channel = button(page, t(a.channel));
  await expect(channel).toHaveAttribute('aria-disabled', 'false');
  await shot('channel');
  await channel.click();

  await expect(heading(page)).toHaveText(t('Scegli il giorno e l’ora'));
  const firstFree = page.locator('kiosk-slot-picker .first button').first();
  await expect(firstFree).toBeVisible();
  await shot('slot');
  const chosenTime = (await firstFree.locator('.time').textContent())!.trim();
  await firstFree.click();

  if (a.names) {
    await expect(heading(page)).toHaveText(t('Come ti chiami? Scrivi il nome'));
    await tapKeys(page, a.names[0]);
    await shot('first-name');
    await page.getByRole('button', { name: t('Avanti'), exact: true }).click();
    await expect(heading(page)).toHaveText(t('Scrivi il cognome'));
    await tapKeys(page, a.names[1]);
    await page.getByRole('button', { name: t('Avanti'), exact: true }).click();
  }

  // Both channels promise SMS, so both ask for a mobile.
  await expect(heading(page)).toHaveText(t('Il tuo numero di cellulare'));
  await tapKeys(page, a.phone.slice(0, 4));
  await page.getByRole('button', { name: t('Avanti'), exact: true }).click();
  // Too short: the kiosk says so and stays on this step.
  await expect(page.locator('kiosk-keypad-field #field')).toHaveAttribute('aria-invalid', 'true');
  await tapKeys(page, a.phone.slice(4));
  await expect(page.locator('kiosk-keypad-field #field')).toHaveAttribute('aria-invalid', 'false');
  await shot('phone');
  await page.getByRole('button', { name: t('Avanti'), exact: true }).click();

  await expect(heading(page)).toHaveText(t('Leggi come usiamo i tuoi dati'));
  // Word for word the version the server requires (config/server.json), which the booking records.
  const sections = privacyNotice('2026-01')![a.language].booking;
  const notice = page.getByRole('region', { name: t('Informativa sulla privacy') });
  await expect(notice.locator('h3')).toHaveText(sections.map((s) => s.heading));
  await expect(notice.locator('h3 + p')).toHaveText(sections.map((s) => s.text));
  await shot('privacy');
  // Read to the end, as a citizen scrolls through it.
  await notice.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(notice.locator('h3').last()).toBeInViewport();
  await page.getByRole('button', { name: t('Ho letto e accetto') }).click();

  await expect(heading(page)).toHaveText(t('Controlla e conferma'));
  await expect(page.locator('kiosk-booking-summary')).toContainText(chosenTime);
  await shot('summary');
  await page.getByRole('button', { name: t('Conferma'), exact: true }).click();

  await expect(heading(page)).toHaveText(t('Prenotazione confermata'));
  const code = (await page.locator('kiosk-confirmation-screen .code').first().textContent())!.trim();
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4} [0-9A-HJKMNP-TV-Z]{4}$/);
  await expect(page.getByText(t('Prendi la ricevuta stampata.'))).toBeVisible();
  await shot('confirmation');
  return code.replace(' ', '');
}
