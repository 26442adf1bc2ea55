// Titillium Web, the font of every front end, bundled with the app that imports this (nothing from the
// network): the regular, semibold and bold weights the design tokens use. An app's entry imports it once.
import '@fontsource/titillium-web/400.css';
import '@fontsource/titillium-web/600.css';
import '@fontsource/titillium-web/700.css';
