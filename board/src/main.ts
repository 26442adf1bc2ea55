// The display board's entry: bundled fonts (nothing from the network), the root element.
import '@fontsource/titillium-web/400.css';
import '@fontsource/titillium-web/600.css';
import '@fontsource/titillium-web/700.css';
import './app/board-app.ts';
