// The web-meeting page's entry: bundled fonts (nothing from the network), the WebRTC shims once, the root.
import '@fontsource/titillium-web/400.css';
import '@fontsource/titillium-web/600.css';
import '@fontsource/titillium-web/700.css';
import 'webrtc-adapter';
import { z } from 'zod';
import './app/meeting-app.ts';

// The page's Content-Security-Policy forbids eval; zod would otherwise probe for it at the first parse.
z.config({ jitless: true });
