// The citizen's booking page's entry (/p/…, built beside the web-meeting page): bundled fonts (nothing from
// the network) and the root element; no schema library and no WebRTC, so that the page stays light.
import '@fontsource/titillium-web/400.css';
import '@fontsource/titillium-web/600.css';
import '@fontsource/titillium-web/700.css';
import './app/booking-app.ts';
