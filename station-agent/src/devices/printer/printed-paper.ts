// A printed document as a picture of the paper roll, for the tests' OCR and for looking at it: raster images
// as the printer received them, text lines in a monospace font, QR codes and barcodes as outlined boxes.
import { createCanvas } from '@napi-rs/canvas';
import type { PrintedDocument } from './escpos-decoder.ts';

// Font A: 12 × 24 dots a character, lines 30 dots apart.
const CHAR_DOTS = 12;
const LINE_DOTS = 30;
const BOX_DOTS = 120;

/** The paper as a PNG, `columns` characters of font A wide. */
export function printedPaperPng(document: PrintedDocument, columns: number): Buffer {
  const width = Math.max(
    columns * CHAR_DOTS,
    ...document.blocks.map((block) => (block.type === 'image' ? block.width : 0)),
  );
  const heightOf = (block: PrintedDocument['blocks'][number]): number => {
    if (block.type === 'image') return block.height;
    if (block.type === 'text') return LINE_DOTS * block.height;
    return block.type === 'cut' ? 0 : BOX_DOTS + 10;
  };
  const height = Math.max(
    1,
    document.blocks.reduce((sum, block) => sum + heightOf(block), 0),
  );
  const ctx = createCanvas(width, height).getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  let y = 0;
  for (const block of document.blocks) {
    if (block.type === 'image') {
      const pixels = ctx.createImageData(block.width, block.height);
      const rowBytes = block.width / 8;
      for (let row = 0; row < block.height; row++) {
        for (let x = 0; x < block.width; x++) {
          const black = (block.bits[row * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
          const at = (row * block.width + x) * 4;
          pixels.data.fill(black ? 0 : 255, at, at + 3);
          pixels.data[at + 3] = 255;
        }
      }
      ctx.putImageData(pixels, 0, y);
    } else if (block.type === 'text') {
      // Centring spaces are normal size (the encoder pads with them); the rest has the line's size.
      const { width: scaleX, height: scaleY } = block;
      const indent = block.text.length - block.text.trimStart().length;
      ctx.font = `${block.bold ? 'bold ' : ''}${20 * scaleY}px "DejaVu Sans Mono"`;
      [...block.text.trim()].forEach((char, i) => {
        ctx.save();
        ctx.translate((indent + i * scaleX) * CHAR_DOTS, y + LINE_DOTS * scaleY - 8);
        ctx.scale(scaleX / scaleY, 1);
        ctx.fillText(char, 0, 0);
        ctx.restore();
      });
    } else if (block.type !== 'cut') {
      const x = (width - BOX_DOTS) / 2;
      ctx.strokeRect(x, y + 5, BOX_DOTS, BOX_DOTS);
      ctx.font = '20px "DejaVu Sans Mono"';
      ctx.fillText(block.type.toUpperCase(), x + 10, y + 5 + BOX_DOTS / 2);
    }
    y += heightOf(block);
  }
  return ctx.canvas.toBuffer('image/png');
}
