// The kiosk's entry: bundled fonts (nothing from the network) and the root element.
import '@sportello/web-common/fonts';
import './app/kiosk-app.ts';
import { warmUp } from './app/warm-up.ts';
import { reportPageHealth } from './data/page-health.ts';
import { warmRomeClock } from './i18n/locale.ts';

// The screens of the first steps are ready before the first tap (their styles built, their code compiled),
// and so is the clock the channel and ticket screens read.
warmUp(
  [
    'kiosk-identify-screen',
    'kiosk-services-screen',
    'kiosk-channel-screen',
    'kiosk-ticket-screen',
    'kiosk-ticket',
  ],
  warmRomeClock,
);

// The technicians' fleet view shows whether this page loaded and the script errors it met.
reportPageHealth();

// Every weight the screens use, latin and latin-ext, is loaded while the welcome screen waits: the first screen
// with a semibold or bold word would otherwise lay out twice around the font's arrival (≈30 ms at 4× throttle).
void Promise.all(
  ['400', '600', '700'].map((weight) => document.fonts.load(`${weight} 1em "Titillium Web"`, 'aă')),
);
