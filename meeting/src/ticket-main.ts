// The phone pages' entry (/t/…, built beside the web-meeting page): bundled fonts (nothing from the
// network) and the root element; no schema library and no WebRTC, so that the page stays light.
import '@sportello/web-common/fonts';
import './app/phone-app.ts';
