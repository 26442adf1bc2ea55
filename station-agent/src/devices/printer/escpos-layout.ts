// Lays out a queue ticket and a booking receipt as ESC/POS bytes through receipt-printer-encoder:
// CP858 text, the number or code large, a QR to follow on one's phone, then feed and partial cut.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrintReceiptBody, PrintTicketBody } from '@sportello/protocol';
import { toPrintableText } from './printable-text.ts';

/** Characters per line in font A: 42 or 48 on 80 mm paper, 32 on 58 mm; the encoder knows only these. */
export type Columns = 32 | 35 | 42 | 44 | 48;

export interface LayoutOptions {
  columns: Columns;
}

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

function large(e: ReceiptPrinterEncoder, text: string, columns: Columns): void {
  const printable = toPrintableText(text);
  const size = largeSize(printable, columns);
  e.size(size, size).bold(true).line(printable).bold(false).size(1, 1);
}

function qr(e: ReceiptPrinterEncoder, { url, caption }: { url: string; caption: string }): void {
  // The encoder sends QR data as Latin-1; URL.href is ASCII (punycode host, percent-encoded path).
  const href = new URL(url).href;
  // Long URLs make a denser code; smaller modules keep it within 58 mm paper.
  const size = href.length <= 100 ? 6 : 4;
  e.newline()
    .align('center')
    .qrcode(href, { model: 2, size, errorlevel: 'm' })
    .line(toPrintableText(caption));
}

const rule = (columns: Columns): string => '-'.repeat(columns);

/** A queue ticket: sede, the number large, service, details, QR with caption, footer. */
export function ticketBytes(body: PrintTicketBody, { columns }: LayoutOptions): Uint8Array {
  const e = encoder(columns).align('center');
  e.bold(true).line(toPrintableText(body.heading)).bold(false).line(rule(columns)).newline();
  large(e, body.number, columns);
  e.newline().bold(true).line(toPrintableText(body.service)).bold(false);
  for (const detail of body.details) e.line(toPrintableText(detail));
  if (body.qr) qr(e, body.qr);
  if (body.footer) e.newline().line(toPrintableText(body.footer));
  return e.cut('partial').encode();
}

/** A booking receipt: sede, title, the code large, details one per line, QR with caption, footer. */
export function receiptBytes(body: PrintReceiptBody, { columns }: LayoutOptions): Uint8Array {
  const e = encoder(columns).align('center');
  e.bold(true).line(toPrintableText(body.heading)).line(toPrintableText(body.title)).bold(false);
  e.line(rule(columns)).newline();
  large(e, body.code, columns);
  e.newline().align('left');
  for (const detail of body.details) e.line(toPrintableText(detail));
  if (body.qr) qr(e, body.qr);
  if (body.footer) e.newline().align('left').line(toPrintableText(body.footer));
  return e.cut('partial').encode();
}
