// The display board's entry: bundled fonts (nothing from the network), the root element.
import '@sportello/web-common/fonts';
import './app/board-app.ts';
