// Arabic and Ukrainian on paper: what the simulated printer received is decoded back into a picture of the
// roll and read by a real OCR engine, Debian's tesseract with its Arabic and Ukrainian data
// (scripts/test-prerequisites.sh installs them). The words the citizen must read have to be found there.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrintReceiptBody, PrintTicketBody } from '@sportello/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { printedImages, printedLines, type PrintedDocument } from './escpos-decoder.ts';
import { readPaper } from './paper-ocr.ts';
import { printedPaperPng } from './printed-paper.ts';
import { SimulatedPrinter } from './simulated-printer.ts';
import { arabicReceipt, arabicTicket, ticket, ukrainianReceipt, ukrainianTicket } from './test-bodies.ts';

// Kept for looking at: the paper as printed, one PNG per document.
const shotsDir = process.env.SPORTELLO_PRINT_SHOTS;

let printer: SimulatedPrinter;

beforeAll(async () => {
  printer = new SimulatedPrinter({ pollIntervalMs: 60_000 });
  await printer.start();
});

afterAll(() => printer.stop());

async function print(
  job: { ticket: PrintTicketBody } | { receipt: PrintReceiptBody },
): Promise<PrintedDocument> {
  const before = printer.printed.length;
  await ('ticket' in job ? printer.printTicket(job.ticket) : printer.printReceipt(job.receipt));
  await vi.waitFor(() => expect(printer.printed.length).toBe(before + 1));
  expect(printer.device.errors).toEqual([]);
  return printer.printed.at(-1)!;
}

/** The words tesseract reads on the paper; the PNG is kept in SPORTELLO_PRINT_SHOTS when set. */
async function read(document: PrintedDocument, name: string, lang: 'ara' | 'ukr'): Promise<string> {
  const png = printedPaperPng(document, 42);
  if (shotsDir) {
    await mkdir(shotsDir, { recursive: true });
    await writeFile(path.join(shotsDir, `${name}.png`), png);
  }
  return readPaper(png, lang);
}

describe('an Arabic ticket', () => {
  let document: PrintedDocument;
  let text: string;

  beforeAll(async () => {
    document = await print({ ticket: arabicTicket });
    text = await read(document, 'h4-arabic-ticket', 'ara');
  }, 60_000);

  it('prints the Arabic lines as a picture and keeps the sede, number and QR as printer text', () => {
    expect(printedImages(document).length).toBeGreaterThan(0);
    const lines = printedLines(document);
    expect(lines).toContain('INPS - Sede di Rovigo');
    expect(lines).toContain('A012');
    expect(lines.join('\n')).not.toContain('?');
  });

  it('reads, joined and right to left, the service, the people ahead and where to go when called', () => {
    // Service "pension", "people before you", "your number", "the screen", "the counter".
    for (const word of ['المعاش', 'الأشخاص', 'رقمك', 'الشاشة', 'الشباك']) expect(text).toContain(word);
  });
});

describe('a Ukrainian ticket and receipt', () => {
  it('reads the service, the queue and the counter instruction in Cyrillic on the ticket', async () => {
    const document = await print({ ticket: ukrainianTicket });
    const text = await read(document, 'h4-ukrainian-ticket', 'ukr');
    expect(printedLines(document)).toContain('A013');
    for (const words of ['Пенсія: інформація', 'Людей перед вами', 'ваш номер', 'вказаного віконця'])
      expect(text).toContain(words);
  }, 60_000);

  it('reads the confirmation, the appointment and what to do on the day on the receipt', async () => {
    const document = await print({ receipt: ukrainianReceipt });
    const text = await read(document, 'h4-ukrainian-receipt', 'ukr');
    expect(printedLines(document)).toContain('K7M2-QX9D');
    for (const words of ['Запис підтверджено', 'Зустріч у відділенні', 'грудня', 'відмітьте свій прихід'])
      expect(text).toContain(words);
  }, 60_000);
});

describe('an Arabic receipt', () => {
  it('reads the confirmation and what to do on the day', async () => {
    const document = await print({ receipt: arabicReceipt });
    const text = await read(document, 'h4-arabic-receipt', 'ara');
    // "The booking is confirmed", "appointment", "register your arrival".
    for (const word of ['الحجز', 'موعد', 'وصولك']) expect(text).toContain(word);
  }, 60_000);
});

describe('an Italian ticket', () => {
  it('stays printer text, with no picture', async () => {
    const document = await print({ ticket });
    expect(printedImages(document)).toEqual([]);
    expect(printedLines(document)).toContain('Pensioni e prestazioni');
    if (shotsDir)
      await writeFile(path.join(shotsDir, 'h4-italian-ticket.png'), printedPaperPng(document, 42));
  });
});
