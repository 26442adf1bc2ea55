// Buttons for a desk: the shared buttons, large enough for a quick click, high contrast, a visible focus ring.
export { buttonStyles } from '@sportello/web-common/base-styles';
