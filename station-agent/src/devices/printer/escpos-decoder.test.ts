import { describe, expect, it } from 'vitest';
import {
  decodeEscPos,
  EscPosDecodeError,
  EscPosStreamDecoder,
  printedImages,
  printedLines,
  printedQrCodes,
} from './escpos-decoder.ts';

const bytes = (...parts: Array<Uint8Array | number[] | string>): Uint8Array =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

const qrStore = (data: string): number[] => {
  const length = data.length + 3;
  return [0x1d, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30, ...Buffer.from(data, 'latin1')];
};

describe('decodeEscPos', () => {
  it('reads text lines with their size and weight', () => {
    const document = decodeEscPos(
      bytes(
        [0x1b, 0x40],
        'Sede\n',
        [0x1d, 0x21, 0x22, 0x1b, 0x45, 0x01],
        'A12',
        [0x1b, 0x45, 0x00, 0x1d, 0x21, 0x00],
        '\n',
      ),
    );
    expect(document.blocks).toMatchObject([
      { type: 'text', text: 'Sede', width: 1, height: 1, bold: false },
      { type: 'text', text: 'A12', width: 3, height: 3, bold: true },
    ]);
  });

  it('reads ESC ! print modes (double width and height, bold, underline)', () => {
    const [line] = decodeEscPos(bytes([0x1b, 0x21, 0x38], 'XL\n')).blocks;
    expect(line).toMatchObject({ width: 2, height: 2, bold: true });
  });

  it('decodes CP858 after ESC t 19, and marks high bytes of other tables as unknown', () => {
    expect(printedLines(decodeEscPos(bytes([0x1b, 0x74, 0x13, 0x8a, 0x20, 0xd5, 0x0a])))).toEqual(['è €']);
    expect(printedLines(decodeEscPos(bytes([0x8a, 0x0a])))).toEqual(['\ufffd']);
  });

  it('reads the QR code model, size, error level and stored data, printed where GS ( k print comes', () => {
    const document = decodeEscPos(
      bytes(
        [0x1b, 0x61, 0x01],
        [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
        [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x05],
        [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x33],
        qrStore('https://x.it/q/1'),
        [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
      ),
    );
    expect(document.blocks).toEqual([
      { type: 'qr', data: 'https://x.it/q/1', moduleSize: 5, errorLevel: 'H', align: 'center' },
    ]);
  });

  it('reads barcodes of function A (NUL-terminated) and B (length-prefixed, CODE128 code set dropped)', () => {
    const document = decodeEscPos(
      bytes(
        [0x1d, 0x68, 0x3c, 0x1d, 0x77, 0x03, 0x1d, 0x48, 0x00],
        [0x1d, 0x6b, 0x02],
        '4006381333931',
        [0x00],
        [0x1d, 0x6b, 0x49, 0x08, 0x7b, 0x42],
        'ABC123',
        [0x1d, 0x6b, 0x45, 0x10],
        'RSSMRA80A01H501U',
      ),
    );
    expect(document.blocks).toMatchObject([
      { type: 'barcode', symbology: 'ean13', data: '4006381333931' },
      { type: 'barcode', symbology: 'code128', data: 'ABC123' },
      { type: 'barcode', symbology: 'code39', data: 'RSSMRA80A01H501U' },
    ]);
  });

  it('reads full, partial and feed-then-cut cuts', () => {
    const document = decodeEscPos(
      bytes([0x1d, 0x56, 0x00, 0x1d, 0x56, 0x01, 0x1d, 0x56, 0x42, 0x03, 0x1d, 0x56, 0x41, 0x03]),
    );
    expect(document.blocks).toEqual([
      { type: 'cut', partial: false },
      { type: 'cut', partial: true },
      { type: 'cut', partial: true },
      { type: 'cut', partial: false },
    ]);
  });

  it('skips commands that put nothing on paper: status requests, line spacing', () => {
    const document = decodeEscPos(bytes([0x10, 0x04, 0x01, 0x1b, 0x33, 0x18, 0x1c, 0x2e], 'ok\r\n'));
    expect(printedLines(document)).toEqual(['ok']);
  });

  it('reads GS v 0 raster images, joining the chunks of one image sent back to back', () => {
    const raster = (rows: number[]) => [0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, rows.length, 0x00, ...rows];
    const document = decodeEscPos(
      bytes([0x1b, 0x61, 0x01], raster([0x80, 0x01]), raster([0xff]), '\n', raster([0x0f]), 'ok\n'),
    );
    expect(printedImages(document)).toEqual([
      { type: 'image', width: 8, height: 3, bits: Uint8Array.of(0x80, 0x01, 0xff), align: 'center' },
      { type: 'image', width: 8, height: 1, bits: Uint8Array.of(0x0f), align: 'center' },
    ]);
    expect(printedLines(document)).toEqual(['ok']);
    expect(() => decodeEscPos(bytes([0x1d, 0x76, 0x30, 0x03, 0x01, 0x00, 0x01, 0x00, 0xff]))).toThrow(
      /raster mode 03/,
    );
  });

  it('names the offset of an unknown command', () => {
    expect(() => decodeEscPos(bytes('ab', [0x1b, 0x99, 0x00]))).toThrow(/byte 2: unknown command 1b 99/);
    expect(() => decodeEscPos(bytes([0x07]))).toThrow(EscPosDecodeError);
  });

  it('refuses bytes that end inside a command', () => {
    expect(() => decodeEscPos(bytes(qrStore('https://x.it/q/1').slice(0, 12)))).toThrow(
      /end inside a command/,
    );
  });
});

describe('EscPosStreamDecoder', () => {
  it('reassembles commands split across chunks and cuts documents at each cut', () => {
    const job = bytes(
      [0x1b, 0x40],
      'Uno\n',
      qrStore('https://x.it/q/2'),
      [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
    );
    const all = bytes(job, [0x1d, 0x56, 0x01], 'Due\n', [0x1d, 0x56, 0x01]);
    const decoder = new EscPosStreamDecoder();
    const inputs = [];
    for (let at = 0; at < all.length; at += 5) inputs.push(...decoder.push(all.subarray(at, at + 5)));
    const documents = inputs.flatMap((input) => (input.type === 'document' ? [input.document] : []));
    expect(documents.map(printedLines)).toEqual([['Uno'], ['Due']]);
    expect(printedQrCodes(documents[0]!)).toEqual(['https://x.it/q/2']);
  });

  it('reports each status request as it arrives, between documents', () => {
    const decoder = new EscPosStreamDecoder();
    expect(decoder.push(bytes([0x10, 0x04]))).toEqual([]);
    expect(decoder.push(bytes([0x02, 0x10, 0x04, 0x04]))).toEqual([
      { type: 'status-request', n: 2 },
      { type: 'status-request', n: 4 },
    ]);
  });
});
