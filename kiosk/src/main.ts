// The kiosk's entry: bundled fonts (nothing from the network), the WebRTC shims, and the root element.
import '@sportello/web-common/fonts';
import 'webrtc-adapter';
import { z } from 'zod';
import './app/kiosk-app.ts';
import { reportPageHealth } from './data/page-health.ts';

// The kiosk's Content-Security-Policy forbids eval; zod would otherwise probe for it at the first parse.
z.config({ jitless: true });

// The technicians' fleet view shows whether this page loaded and the script errors it met.
reportPageHealth();
