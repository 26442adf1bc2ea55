// The console's entry: bundled fonts (nothing from the network), the WebRTC shims once for the whole app,
// then the root element.
import '@sportello/web-common/fonts';
import 'webrtc-adapter';
import { z } from 'zod';
import './app/console-app.ts';

// The console's Content-Security-Policy forbids eval; zod would otherwise probe for it at the first parse.
z.config({ jitless: true });
