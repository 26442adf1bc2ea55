// The web-meeting page's entry: zod without eval, bundled fonts (nothing from the network), the WebRTC
// shims once, the root element.
import './zod-jitless.ts';
import '@sportello/web-common/fonts';
import 'webrtc-adapter';
import './app/meeting-app.ts';
