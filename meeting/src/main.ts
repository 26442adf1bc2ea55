// The web-meeting page's entry: bundled fonts (nothing from the network) and the root element (the WebRTC
// shims load with the camera, in media/local-media.ts).
import '@sportello/web-common/fonts';
import './app/meeting-app.ts';
