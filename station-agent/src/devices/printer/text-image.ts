// Lines in a script the printer's code page lacks (Arabic, Ukrainian, …) drawn as a picture at the
// printer's dot width. Skia shapes the text with HarfBuzz: Arabic letters joined, right to left, numbers
// in bidi order. Fonts are the station's own (Debian's fonts-noto-core and fonts-dejavu-core).
import { createRequire } from 'node:module';
import type * as NapiCanvas from '@napi-rs/canvas';
import { isCp858Printable } from './cp858.ts';

export interface ImageLine {
  text: string;
  bold?: boolean;
  /** 'start' is the left edge for left-to-right text and the right edge for right-to-left text. */
  align: 'center' | 'start';
}

/** RGBA pixels, as canvas ImageData and the encoder's image() take them. */
export interface Bitmap {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

// Noto first: its Arabic and Cyrillic are the clearest on thermal paper; DejaVu covers what Noto lacks.
const FONT_FAMILIES = '"Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif';
// Font A is 24 dots tall; Arabic letters at the same size look smaller, so a little larger.
const FONT_DOTS = 28;
const LINE_DOTS = Math.round(FONT_DOTS * 1.6);
const BASELINE_DOTS = Math.round(FONT_DOTS * 1.15);
const MARGIN_DOTS = 4;

const RTL_SCRIPTS = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const NON_LATIN = /[\p{L}\p{N}]/u;

/**
 * Whether a line must be printed as a picture: it has letters or digits of a script other than Latin that
 * the code page lacks (transliterating or dropping them would leave the citizen unable to read it).
 */
export function needsImage(text: string): boolean {
  for (const char of text.normalize('NFC')) {
    if (isCp858Printable(char)) continue;
    if (NON_LATIN.test(char) && !/\p{Script=Latin}/u.test(char)) return true;
  }
  return false;
}

/** Right to left when the first letter is of a right-to-left script (the Unicode bidi rule P2). */
export function isRightToLeft(text: string): boolean {
  const first = [...text].find((char) => /\p{L}/u.test(char));
  return first !== undefined && RTL_SCRIPTS.test(first);
}

let canvasModule: typeof NapiCanvas | null | undefined;

/** Skia is loaded at the first such line: most tickets never need it, and it weighs on the agent's memory. */
function canvas(): typeof NapiCanvas | null {
  if (canvasModule === undefined) {
    try {
      canvasModule = createRequire(import.meta.url)('@napi-rs/canvas') as typeof NapiCanvas;
    } catch {
      canvasModule = null;
    }
  }
  return canvasModule;
}

/** Whether pictures of text can be drawn here (false where the canvas binding is not installed). */
export const canDrawText = (): boolean => canvas() !== null;

type Context = NapiCanvas.SKRSContext2D;

const fontOf = (bold: boolean | undefined): string => `${bold ? 'bold ' : ''}${FONT_DOTS}px ${FONT_FAMILIES}`;

/** Splits a line at spaces (graphemes when one word is wider than the paper) into lines that fit. */
function wrap(ctx: Context, text: string, width: number): string[] {
  const fits = (candidate: string): boolean => ctx.measureText(candidate).width <= width;
  const rows: string[] = [];
  let row = '';
  for (const word of text.trim().split(/\s+/)) {
    const candidate = row ? `${row} ${word}` : word;
    if (fits(candidate)) {
      row = candidate;
      continue;
    }
    if (row) rows.push(row);
    row = '';
    for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(word)) {
      if (row && !fits(row + segment)) {
        rows.push(row);
        row = '';
      }
      row += segment;
    }
  }
  if (row) rows.push(row);
  return rows;
}

/**
 * Draws the lines, wrapped to `width` dots, black on white. Undefined when the canvas binding is missing:
 * the caller then prints what the code page can.
 */
export function drawLines(lines: readonly ImageLine[], width: number): Bitmap | undefined {
  const napi = canvas();
  if (!napi) return undefined;
  const measure = napi.createCanvas(width, LINE_DOTS).getContext('2d');
  const inner = width - 2 * MARGIN_DOTS;
  const rows = lines.flatMap((line) => {
    measure.font = fontOf(line.bold);
    // The direction is the whole line's: a wrapped part that starts with Latin words stays right to left.
    const rtl = isRightToLeft(line.text);
    return wrap(measure, line.text, inner).map((text) => ({ ...line, text, rtl }));
  });
  const height = Math.max(1, rows.length * LINE_DOTS);
  const ctx = napi.createCanvas(width, height).getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  rows.forEach((row, i) => {
    const { rtl } = row;
    ctx.font = fontOf(row.bold);
    ctx.direction = rtl ? 'rtl' : 'ltr';
    let x = width / 2;
    ctx.textAlign = 'center';
    if (row.align === 'start') {
      ctx.textAlign = rtl ? 'right' : 'left';
      x = rtl ? width - MARGIN_DOTS : MARGIN_DOTS;
    }
    ctx.fillText(row.text, x, i * LINE_DOTS + BASELINE_DOTS);
  });
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}
