// The kiosk's entry: bundled fonts (nothing from the network) and the root element.
import '@sportello/web-common/fonts';
import './app/kiosk-app.ts';
import { reportPageHealth } from './data/page-health.ts';

// The technicians' fleet view shows whether this page loaded and the script errors it met.
reportPageHealth();
