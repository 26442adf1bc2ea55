// Lays out a queue ticket and a booking receipt as ESC/POS bytes through receipt-printer-encoder:
// CP858 text, the number or code large, a QR to follow on one's phone, then feed and partial cut.
// Lines in a script CP858 lacks (Arabic, Ukrainian, …) are printed as raster images (GS v 0) of the
// shaped text; Latin lines stay text, which is quicker to send and crisper.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrintReceiptBody, PrintTicketBody } from '@sportello/protocol';
import { toPrintableText } from './printable-text.ts';
import { drawLines, needsImage, type ImageLine } from './text-image.ts';

/** Characters per line in font A: 42 or 48 on 80 mm paper, 32 on 58 mm; the encoder knows only these. */
export type Columns = 32 | 35 | 42 | 44 | 48;

export interface LayoutOptions {
  columns: Columns;
  /** Width of the pictures of text in dots; by default the columns of font A, 12 dots each. */
  dotWidth?: number;
}

/** Font A is 12 dots wide: 42 columns are 504 dots, within the 512 or 576 an 80 mm printer prints. */
export const defaultDotWidth = (columns: Columns): number => columns * 12;

const LARGE = 3;
// Lines between the print head and the cutter, so the cut does not go through the footer.
const FEED_BEFORE_CUT = 4;

function encoder(columns: Columns): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns,
    // A CR would feed twice on printers set to treat it as a line feed.
    newline: '\n',
    feedBeforeCut: FEED_BEFORE_CUT,
  })
    .initialize()
    .codepage('cp858');
}

/** The largest size up to 3×3 at which the text still fits on one line. */
function largeSize(text: string, columns: Columns): number {
  return Math.max(1, Math.min(LARGE, Math.floor(columns / text.length)));
}

/**
 * The encoder and the lines waiting to be drawn: consecutive lines that need a picture make one image,
 * so there is one raster command and one line feed for them all.
 */
class Printout {
  readonly e: ReceiptPrinterEncoder;
  readonly #columns: Columns;
  readonly #dotWidth: number;
  #pictured: ImageLine[] = [];

  constructor({ columns, dotWidth }: LayoutOptions) {
    this.#columns = columns;
    this.#dotWidth = dotWidth ?? defaultDotWidth(columns);
    this.e = encoder(columns);
  }

  /** A line as text, or drawn when CP858 lacks its script; 'start' follows the text's direction. */
  line(text: string, { bold = false, align }: { bold?: boolean; align: ImageLine['align'] }): this {
    if (needsImage(text)) {
      this.#pictured.push({ text, bold, align });
      return this;
    }
    this.flush();
    this.e.align(align === 'center' ? 'center' : 'left');
    if (bold) this.e.bold(true).line(toPrintableText(text)).bold(false);
    else this.e.line(toPrintableText(text));
    return this;
  }

  large(text: string): this {
    if (needsImage(text)) return this.line(text, { bold: true, align: 'center' });
    this.flush();
    const printable = toPrintableText(text);
    const size = largeSize(printable, this.#columns);
    this.e.align('center').size(size, size).bold(true).line(printable).bold(false).size(1, 1);
    return this;
  }

  newline(): this {
    this.flush();
    this.e.newline();
    return this;
  }

  qr({ url, caption }: { url: string; caption: string }): this {
    this.flush();
    // The encoder sends QR data as Latin-1; URL.href is ASCII (punycode host, percent-encoded path).
    const href = new URL(url).href;
    // Long URLs make a denser code; smaller modules keep it within 58 mm paper.
    const size = href.length <= 100 ? 6 : 4;
    this.e.newline().align('center').qrcode(href, { model: 2, size, errorlevel: 'm' });
    return this.line(caption, { align: 'center' });
  }

  /** Draws the waiting lines; without the canvas binding they are printed as the code page allows. */
  flush(): void {
    const lines = this.#pictured.splice(0);
    if (lines.length === 0) return;
    const image = drawLines(lines, this.#dotWidth);
    if (image) {
      this.e.align('left').image(image, { mode: 'raster' });
      return;
    }
    for (const { text, bold, align } of lines) {
      this.e.align(align === 'center' ? 'center' : 'left');
      if (bold) this.e.bold(true).line(toPrintableText(text)).bold(false);
      else this.e.line(toPrintableText(text));
    }
  }

  bytes(): Uint8Array {
    this.flush();
    return this.e.cut('partial').encode();
  }
}

const rule = (columns: Columns): string => '-'.repeat(columns);

/** A queue ticket: sede, the number large, service, details, QR with caption, footer. */
export function ticketBytes(body: PrintTicketBody, options: LayoutOptions): Uint8Array {
  const p = new Printout(options);
  const center = { align: 'center' } as const;
  p.line(body.heading, { ...center, bold: true })
    .line(rule(options.columns), center)
    .newline();
  p.large(body.number)
    .newline()
    .line(body.service, { ...center, bold: true });
  for (const detail of body.details) p.line(detail, center);
  if (body.qr) p.qr(body.qr);
  if (body.footer) p.newline().line(body.footer, center);
  return p.bytes();
}

/** A booking receipt: sede, title, the code large, details one per line, QR with caption, footer. */
export function receiptBytes(body: PrintReceiptBody, options: LayoutOptions): Uint8Array {
  const p = new Printout(options);
  const center = { align: 'center' } as const;
  p.line(body.heading, { ...center, bold: true }).line(body.title, { ...center, bold: true });
  p.line(rule(options.columns), center).newline();
  p.large(body.code).newline();
  for (const detail of body.details) p.line(detail, { align: 'start' });
  if (body.qr) p.qr(body.qr);
  if (body.footer) p.newline().line(body.footer, { align: 'start' });
  return p.bytes();
}
