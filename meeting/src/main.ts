// The web-meeting page's entry: zod without eval, bundled fonts (nothing from the network), the WebRTC
// shims once, the root element.
import './zod-jitless.ts';
import '@fontsource/titillium-web/400.css';
import '@fontsource/titillium-web/600.css';
import '@fontsource/titillium-web/700.css';
import 'webrtc-adapter';
import './app/meeting-app.ts';
