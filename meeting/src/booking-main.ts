// The citizen's booking page's entry (/p/…, built beside the web-meeting page): bundled fonts (nothing from
// the network) and the root element; no schema library and no WebRTC, so that the page stays light.
import '@sportello/web-common/fonts';
import './app/booking-app.ts';
