import { describe, expect, it } from 'vitest';
import {
  decodeEscPos,
  printedImages,
  printedLines,
  printedQrCodes,
  type PrintedBlock,
} from './escpos-decoder.ts';
import { receiptBytes, ticketBytes } from './escpos-layout.ts';
import { receipt, ticket } from './test-bodies.ts';

const textBlock = (blocks: PrintedBlock[], text: string) =>
  blocks.find((block) => block.type === 'text' && block.text.trim() === text);

describe('ticket layout', () => {
  const document = decodeEscPos(ticketBytes(ticket, { columns: 42 }));

  it('prints heading, number, service, details, QR caption and footer, in that order', () => {
    expect(printedLines(document)).toEqual([
      'INPS - Sede di Milano Nord',
      '-'.repeat(42),
      'N007',
      'Pensioni e prestazioni',
      '22/11/2026 ore 10:42',
      'Attesa stimata: 15 minuti',
      'Persone prima di lei: 4',
      'Segua la coda dal telefono',
      'Grazie e arrivederci',
    ]);
  });

  it('prints the number large and bold, the heading and service bold', () => {
    expect(textBlock(document.blocks, 'N007')).toMatchObject({ width: 3, height: 3, bold: true });
    expect(textBlock(document.blocks, 'INPS - Sede di Milano Nord')).toMatchObject({ width: 1, bold: true });
    expect(textBlock(document.blocks, 'Pensioni e prestazioni')).toMatchObject({ width: 1, bold: true });
    expect(textBlock(document.blocks, 'Attesa stimata: 15 minuti')).toMatchObject({ width: 1, bold: false });
  });

  it('centres the number on the paper', () => {
    const number = textBlock(document.blocks, 'N007');
    // 42 columns, 4 characters three times as wide: 15 columns either side.
    expect(number?.type === 'text' && number.text.indexOf('N')).toBe(15);
  });

  it('carries the queue URL in a centred QR code of model 2, error correction M', () => {
    expect(printedQrCodes(document)).toEqual([ticket.qr!.url]);
    expect(document.blocks.find((block) => block.type === 'qr')).toMatchObject({
      align: 'center',
      errorLevel: 'M',
      moduleSize: 6,
    });
  });

  it('ends with a partial cut after feeding the footer past the cutter', () => {
    expect(document.blocks.at(-1)).toEqual({ type: 'cut', partial: true });
    const bytes = ticketBytes(ticket, { columns: 42 });
    const cut = Buffer.from(bytes).indexOf(Buffer.from([0x1d, 0x56, 0x01]));
    expect([...bytes.subarray(cut - 4, cut)]).toEqual([0x0a, 0x0a, 0x0a, 0x0a]);
  });

  it('fills 48 columns on wider paper', () => {
    expect(printedLines(decodeEscPos(ticketBytes(ticket, { columns: 48 })))).toContain('-'.repeat(48));
  });

  it('prints without QR and footer when the kiosk sends none', () => {
    const bare = decodeEscPos(ticketBytes({ ...ticket, qr: undefined, footer: undefined }, { columns: 42 }));
    expect(printedQrCodes(bare)).toEqual([]);
    expect(printedLines(bare).at(-1)).toBe('Persone prima di lei: 4');
  });

  it('prints Italian accents and the euro sign as they are', () => {
    const lines = printedLines(
      decodeEscPos(ticketBytes({ ...ticket, details: ['è à ù €'] }, { columns: 42 })),
    );
    expect(lines).toContain('è à ù €');
  });

  it('draws Ukrainian and Arabic lines as one raster picture at the dot width, and leaves Latin lines text', () => {
    const details = ['Номер черги', 'رقم الدور', 'Sportello 3'];
    const printed = decodeEscPos(ticketBytes({ ...ticket, details }, { columns: 42 }));
    const images = printedImages(printed);
    // Font A, 12 dots a column: 504 dots; two lines drawn together, each 45 dots tall, padded to 8 rows.
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ width: 504, height: 96 });
    expect(images[0]!.bits.some((byte) => byte !== 0)).toBe(true);
    const lines = printedLines(printed);
    expect(lines).toContain('Sportello 3');
    expect(lines.join('\n')).not.toMatch(/\?|Nomer/);
  });

  it('draws at the dot width the printer is set to', () => {
    const printed = decodeEscPos(
      ticketBytes({ ...ticket, service: 'Пенсія' }, { columns: 48, dotWidth: 576 }),
    );
    expect(printedImages(printed)[0]).toMatchObject({ width: 576 });
  });

  it('prints an Italian ticket as text only', () => {
    expect(printedImages(document)).toEqual([]);
  });

  it('never sends symbols the encoder would turn into control bytes', () => {
    const lines = printedLines(
      decodeEscPos(ticketBytes({ ...ticket, details: ['• Sportello 3 → § ¶'] }, { columns: 42 })),
    );
    expect(lines).toContain('* Sportello 3 -> ? ?');
  });

  it('sends a QR URL with non-ASCII characters percent-encoded, as a phone reads it', () => {
    const qr = { url: 'https://sportello.example.it/q/città', caption: 'Coda' };
    expect(printedQrCodes(decodeEscPos(ticketBytes({ ...ticket, qr }, { columns: 42 })))).toEqual([
      'https://sportello.example.it/q/citt%C3%A0',
    ]);
  });
});

describe('receipt layout', () => {
  const document = decodeEscPos(receiptBytes(receipt, { columns: 42 }));

  it('prints the booking code large and every detail on its own line', () => {
    expect(textBlock(document.blocks, 'K7M2QX9D')).toMatchObject({ width: 3, height: 3, bold: true });
    const lines = printedLines(document);
    for (const detail of receipt.details) expect(lines).toContain(detail);
    // Longer than a line: wrapped at a space, not cut.
    expect(lines.join(' ')).toContain("Dati trattati secondo l'informativa privacy INPS");
  });

  it('aligns details left, where long lines read better', () => {
    const detail = textBlock(document.blocks, 'Modalità: in videochiamata');
    expect(detail?.type === 'text' && detail.text.startsWith('Modalità')).toBe(true);
  });

  it('carries the booking URL in its QR code and ends with a partial cut', () => {
    expect(printedQrCodes(document)).toEqual(['https://sportello.example.it/b/K7M2QX9D']);
    expect(document.blocks.at(-1)).toEqual({ type: 'cut', partial: true });
  });

  it('shrinks a long code so that it stays on one line of narrow paper', () => {
    const narrow = decodeEscPos(receiptBytes({ ...receipt, code: 'ABCDEF123456' }, { columns: 32 }));
    expect(textBlock(narrow.blocks, 'ABCDEF123456')).toMatchObject({ width: 2, height: 2 });
  });
});
