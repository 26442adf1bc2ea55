// The colours of every front end, after Bootstrap Italia / Designers Italia: the values behind the design
// tokens, for code that draws outside CSS (charts, SVG, a page's colour before its app has drawn).
export const palette = {
  primary: '#0066cc',
  primaryDark: '#004080',
  onPrimary: '#ffffff',
  text: '#1a1a1a',
  muted: '#4d5e70',
  bg: '#ffffff',
  surface: '#f0f6fc',
  border: '#8a99a8',
  success: '#00704a',
  danger: '#b0202f',
  warningBg: '#fff4d6',
  focus: '#ff9900',
} as const;
