// Turns ESC/POS bytes back into what a printer puts on paper: text lines with their style, raster images,
// QR codes, barcodes and cuts. Tests read tickets through it and the simulated printer prints with it.
import { CP858_TABLE, decodeCp858Byte } from './cp858.ts';

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

interface Style {
  width: number;
  height: number;
  bold: boolean;
  underline: boolean;
  invert: boolean;
}

export interface TextRun extends Style {
  text: string;
}

export type PrintedBlock =
  /** One printed line; width, height and bold describe its non-blank runs. */
  | {
      type: 'text';
      text: string;
      width: number;
      height: number;
      bold: boolean;
      align: Align;
      runs: TextRun[];
    }
  | { type: 'qr'; data: string; moduleSize: number; errorLevel: QrErrorLevel; align: Align }
  | { type: 'barcode'; symbology: string; data: string; align: Align }
  /** A GS v 0 raster image: `width / 8` bytes a row, most significant bit leftmost, 1 is a black dot. */
  | { type: 'image'; width: number; height: number; bits: Uint8Array; align: Align }
  | { type: 'cut'; partial: boolean };

export interface PrintedDocument {
  blocks: PrintedBlock[];
}

/** What a printer receiving the bytes acts on: a status request it answers at once, or a cut-off document. */
export type PrinterInput =
  { type: 'status-request'; n: number } | { type: 'document'; document: PrintedDocument };

export class EscPosDecodeError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(`ESC/POS at byte ${offset}: ${message}`);
    this.name = 'EscPosDecodeError';
  }
}

type Command =
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'line-feed' }
  | { type: 'feed' }
  | { type: 'initialize' }
  | { type: 'codepage'; table: number }
  | { type: 'style'; style: Partial<Style> }
  | { type: 'align'; align: Align }
  | { type: 'cut'; partial: boolean }
  | { type: 'status-request'; n: number }
  | { type: 'qr'; fn: number; params: Uint8Array }
  | { type: 'barcode'; symbology: string; data: string }
  | { type: 'raster'; width: number; height: number; bits: Uint8Array }
  | { type: 'ignored' };

const IGNORED: Command = { type: 'ignored' };
const LF = 0x0a;
const CR = 0x0d;
const HT = 0x09;
const DLE = 0x10;
const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;

const ALIGNS: readonly Align[] = ['left', 'center', 'right'];
const QR_ERROR_LEVELS: readonly QrErrorLevel[] = ['L', 'M', 'Q', 'H'];
const BARCODES_A = ['upca', 'upce', 'ean13', 'ean8', 'code39', 'itf', 'codabar'];
const BARCODES_B = [...BARCODES_A, 'code93', 'code128'];

// Commands whose length is fixed, by their second byte; the ones that change the page are read below.
const ESC_LENGTHS: Record<number, number> = {
  0x20: 3, // ESC SP: character spacing
  0x21: 3, // ESC !: print mode
  0x2d: 3, // ESC -: underline
  0x32: 2, // ESC 2: default line spacing
  0x33: 3, // ESC 3: line spacing
  0x34: 3, // ESC 4: italic
  0x40: 2, // ESC @: initialize
  0x45: 3, // ESC E: bold
  0x47: 3, // ESC G: double strike
  0x4a: 3, // ESC J: feed dots
  0x4d: 3, // ESC M: font
  0x52: 3, // ESC R: international set
  0x56: 3, // ESC V: rotation
  0x61: 3, // ESC a: alignment
  0x64: 3, // ESC d: feed lines
  0x70: 5, // ESC p: drawer pulse
  0x74: 3, // ESC t: code table
  0x7b: 3, // ESC {: upside down
};
const GS_LENGTHS: Record<number, number> = {
  0x21: 3, // GS !: character size
  0x42: 3, // GS B: reverse
  0x48: 3, // GS H: barcode text position
  0x4c: 4, // GS L: left margin
  0x57: 4, // GS W: print area width
  0x61: 3, // GS a: automatic status back
  0x66: 3, // GS f: barcode text font
  0x68: 3, // GS h: barcode height
  0x77: 3, // GS w: barcode module width
};
// GS V m values that leave a hinge of paper: 1 and 49, and 66, 98, 104 in the feed-then-cut forms.
const PARTIAL_CUTS = [0x01, 0x31, 0x42, 0x62, 0x68];
const FS_LENGTHS: Record<number, number> = { 0x26: 2, 0x2e: 2, 0x43: 3 };

interface Read {
  command: Command;
  next: number;
}

const hex = (byte: number | undefined): string => (byte ?? 0).toString(16).padStart(2, '0');

function readEsc(b: Uint8Array, at: number): Read | undefined {
  const length = ESC_LENGTHS[b[at + 1]!];
  if (length === undefined) throw new EscPosDecodeError(at, `unknown command 1b ${hex(b[at + 1])}`);
  if (at + length > b.length) return undefined;
  const n = b[at + 2]!;
  const next = at + length;
  switch (b[at + 1]) {
    case 0x40:
      return { command: { type: 'initialize' }, next };
    case 0x21:
      return {
        command: {
          type: 'style',
          style: {
            bold: !!(n & 0x08),
            height: n & 0x10 ? 2 : 1,
            width: n & 0x20 ? 2 : 1,
            underline: !!(n & 0x80),
          },
        },
        next,
      };
    case 0x45:
    case 0x47:
      return { command: { type: 'style', style: { bold: (n & 1) === 1 } }, next };
    case 0x2d:
      return { command: { type: 'style', style: { underline: (n & 3) !== 0 } }, next };
    case 0x61:
      return { command: { type: 'align', align: ALIGNS[n % 0x30] ?? 'left' }, next };
    case 0x74:
      return { command: { type: 'codepage', table: n }, next };
    case 0x64:
    case 0x4a:
      return { command: { type: 'feed' }, next };
    default:
      return { command: IGNORED, next };
  }
}

function readBarcode(b: Uint8Array, at: number): Read | undefined {
  if (at + 3 > b.length) return undefined;
  const m = b[at + 2]!;
  let data: Uint8Array;
  let next: number;
  if (m <= 6) {
    // Function A: data ends with NUL.
    const end = b.indexOf(0, at + 3);
    if (end < 0) return undefined;
    data = b.subarray(at + 3, end);
    next = end + 1;
  } else {
    // Function B: a length byte, then the data.
    if (at + 4 > b.length) return undefined;
    next = at + 4 + b[at + 3]!;
    if (next > b.length) return undefined;
    data = b.subarray(at + 4, next);
  }
  const symbology = (m <= 6 ? BARCODES_A[m] : BARCODES_B[m - 65]) ?? `symbology-${m}`;
  let text = Buffer.from(data).toString('latin1');
  // CODE128 data carries code set selectors ({A, {B, {C) that are not part of the content.
  if (symbology === 'code128') text = text.replace(/\{([ABC])/g, '').replace(/\{\{/g, '{');
  return { command: { type: 'barcode', symbology, data: text }, next };
}

function readGs(b: Uint8Array, at: number): Read | undefined {
  if (at + 2 > b.length) return undefined;
  const second = b[at + 1]!;
  if (second === 0x6b) return readBarcode(b, at);
  if (second === 0x28) {
    // GS ( fn pL pH …: every function of this family carries its own length.
    if (at + 5 > b.length) return undefined;
    const next = at + 5 + b[at + 3]! + b[at + 4]! * 256;
    if (next > b.length) return undefined;
    const isQr = b[at + 2] === 0x6b && b[at + 5] === 0x31;
    return {
      command: isQr ? { type: 'qr', fn: b[at + 6]!, params: b.subarray(at + 7, next) } : IGNORED,
      next,
    };
  }
  if (second === 0x56) {
    // GS V m, or GS V m n for the feed-then-cut forms (m = 65, 66, 97, 98, 103, 104).
    if (at + 3 > b.length) return undefined;
    const m = b[at + 2]!;
    const next = at + (m < 0x41 ? 3 : 4);
    if (next > b.length) return undefined;
    return { command: { type: 'cut', partial: PARTIAL_CUTS.includes(m) }, next };
  }
  if (second === 0x76 && b[at + 2] === 0x30) {
    // GS v 0 m xL xH yL yH d…: a raster image of (xL + xH·256) bytes × (yL + yH·256) rows.
    if (at + 8 > b.length) return undefined;
    const rowBytes = b[at + 4]! + b[at + 5]! * 256;
    const height = b[at + 6]! + b[at + 7]! * 256;
    const next = at + 8 + rowBytes * height;
    if (next > b.length) return undefined;
    // m = 0 is normal size; the double width and height modes are not used here.
    if (b[at + 3] !== 0 && b[at + 3] !== 0x30)
      throw new EscPosDecodeError(at, `raster mode ${hex(b[at + 3])}`);
    const bits = new Uint8Array(b.subarray(at + 8, next));
    return { command: { type: 'raster', width: rowBytes * 8, height, bits }, next };
  }
  const length = GS_LENGTHS[second];
  if (length === undefined) throw new EscPosDecodeError(at, `unknown command 1d ${hex(second)}`);
  if (at + length > b.length) return undefined;
  const n = b[at + 2]!;
  const next = at + length;
  if (second === 0x21)
    return { command: { type: 'style', style: { width: (n >> 4) + 1, height: (n & 15) + 1 } }, next };
  if (second === 0x42) return { command: { type: 'style', style: { invert: (n & 1) === 1 } }, next };
  return { command: IGNORED, next };
}

/** Reads the command at `at`; undefined when the bytes end before it does. */
function readCommand(b: Uint8Array, at: number): Read | undefined {
  const byte = b[at]!;
  if (byte >= 0x20 || byte === HT) {
    let end = at + 1;
    while (end < b.length && (b[end]! >= 0x20 || b[end] === HT)) end++;
    return { command: { type: 'text', bytes: b.subarray(at, end) }, next: end };
  }
  switch (byte) {
    case LF:
      return { command: { type: 'line-feed' }, next: at + 1 };
    case CR:
    case 0x00:
      return { command: IGNORED, next: at + 1 };
    case DLE:
      if (at + 3 > b.length) return undefined;
      if (b[at + 1] !== 0x04) throw new EscPosDecodeError(at, `unknown command 10 ${hex(b[at + 1])}`);
      return { command: { type: 'status-request', n: b[at + 2]! }, next: at + 3 };
    case ESC:
      return at + 2 > b.length ? undefined : readEsc(b, at);
    case GS:
      return readGs(b, at);
    case FS: {
      if (at + 2 > b.length) return undefined;
      const length = FS_LENGTHS[b[at + 1]!];
      if (length === undefined) throw new EscPosDecodeError(at, `unknown command 1c ${hex(b[at + 1])}`);
      return at + length > b.length ? undefined : { command: IGNORED, next: at + length };
    }
    default:
      throw new EscPosDecodeError(at, `unexpected control byte ${hex(byte)}`);
  }
}

const DEFAULT_STYLE: Style = { width: 1, height: 1, bold: false, underline: false, invert: false };

/** The paper and the printer's modes as commands arrive. */
class Paper {
  #style = DEFAULT_STYLE;
  #align: Align = 'left';
  #table = 0;
  #runs: TextRun[] = [];
  #blocks: PrintedBlock[] = [];
  #afterRaster = false;
  #qr = { data: '', moduleSize: 3, errorLevel: 'L' as QrErrorLevel };

  apply(command: Command): void {
    const continuesImage = this.#afterRaster && command.type === 'raster';
    this.#afterRaster = command.type === 'raster';
    switch (command.type) {
      case 'text':
        return this.#print(command.bytes);
      case 'line-feed':
      case 'feed':
        return this.endLine();
      case 'initialize':
        this.endLine();
        this.#style = DEFAULT_STYLE;
        this.#align = 'left';
        this.#table = 0;
        return;
      case 'codepage':
        this.#table = command.table;
        return;
      case 'style':
        this.#style = { ...this.#style, ...command.style };
        return;
      case 'align':
        this.#align = command.align;
        return;
      case 'cut':
        this.endLine();
        this.#blocks.push({ type: 'cut', partial: command.partial });
        return;
      case 'qr':
        return this.#qrFunction(command.fn, command.params);
      case 'barcode':
        this.endLine();
        this.#blocks.push({
          type: 'barcode',
          symbology: command.symbology,
          data: command.data,
          align: this.#align,
        });
        return;
      case 'raster':
        return this.#raster(command, continuesImage);
      case 'status-request':
      case 'ignored':
        return;
    }
  }

  #raster(
    { width, height, bits }: { width: number; height: number; bits: Uint8Array },
    continuesImage: boolean,
  ): void {
    this.endLine();
    const last = this.#blocks.at(-1);
    // An image taller than 255 rows comes as several commands back to back: one image on paper.
    if (continuesImage && last?.type === 'image' && last.width === width) {
      const joined = new Uint8Array(last.bits.length + bits.length);
      joined.set(last.bits);
      joined.set(bits, last.bits.length);
      this.#blocks[this.#blocks.length - 1] = { ...last, height: last.height + height, bits: joined };
      return;
    }
    this.#blocks.push({ type: 'image', width, height, bits, align: this.#align });
  }

  #print(bytes: Uint8Array): void {
    let text = '';
    for (const byte of bytes) {
      if (byte === HT) text += ' ';
      else if (this.#table === CP858_TABLE || byte < 0x80) text += decodeCp858Byte(byte);
      else text += '\ufffd';
    }
    const last = this.#runs.at(-1);
    const { width, height, bold, underline, invert } = this.#style;
    if (
      last &&
      last.width === width &&
      last.height === height &&
      last.bold === bold &&
      last.underline === underline &&
      last.invert === invert
    ) {
      last.text += text;
    } else {
      this.#runs.push({ text, ...this.#style });
    }
  }

  #qrFunction(fn: number, params: Uint8Array): void {
    if (fn === 0x43) this.#qr.moduleSize = params[0] ?? this.#qr.moduleSize;
    if (fn === 0x45) this.#qr.errorLevel = QR_ERROR_LEVELS[(params[0] ?? 0x30) - 0x30] ?? 'L';
    // Store: m = 0x30, then the data.
    if (fn === 0x50) this.#qr.data = Buffer.from(params.subarray(1)).toString('latin1');
    if (fn === 0x51) {
      this.endLine();
      this.#blocks.push({ type: 'qr', ...this.#qr, align: this.#align });
    }
  }

  endLine(): void {
    const inked = this.#runs.filter((run) => run.text.trim() !== '');
    if (inked.length > 0) {
      this.#blocks.push({
        type: 'text',
        text: this.#runs.map((run) => run.text).join(''),
        width: Math.max(...inked.map((run) => run.width)),
        height: Math.max(...inked.map((run) => run.height)),
        bold: inked.every((run) => run.bold),
        align: this.#align,
        runs: inked,
      });
    }
    this.#runs = [];
  }

  take(): PrintedBlock[] {
    return this.#blocks.splice(0);
  }
}

/** Decodes a whole print job. Throws EscPosDecodeError on an unknown command or bytes cut short. */
export function decodeEscPos(bytes: Uint8Array): PrintedDocument {
  const paper = new Paper();
  let at = 0;
  while (at < bytes.length) {
    const read = readCommand(bytes, at);
    if (!read) throw new EscPosDecodeError(at, 'bytes end inside a command');
    paper.apply(read.command);
    at = read.next;
  }
  paper.endLine();
  return { blocks: paper.take() };
}

/** Decodes bytes as they arrive in chunks, the way a printer does: each cut ends a document. */
export class EscPosStreamDecoder {
  #pending = new Uint8Array(0);
  #paper = new Paper();

  /** Throws EscPosDecodeError on an unknown command; the decoder is then unusable. */
  push(chunk: Uint8Array): PrinterInput[] {
    const bytes = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    const inputs: PrinterInput[] = [];
    let at = 0;
    while (at < bytes.length) {
      const read = readCommand(bytes, at);
      if (!read) break;
      at = read.next;
      const { command } = read;
      if (command.type === 'status-request') inputs.push({ type: 'status-request', n: command.n });
      this.#paper.apply(command);
      if (command.type === 'cut') inputs.push({ type: 'document', document: { blocks: this.#paper.take() } });
    }
    this.#pending = bytes.slice(at);
    return inputs;
  }
}

/** The text lines of a document, without the spaces that centre them. */
export const printedLines = (document: PrintedDocument): string[] =>
  document.blocks.flatMap((block) => (block.type === 'text' ? [block.text.trim()] : []));

/** The raster images of a document, top to bottom. */
export const printedImages = (document: PrintedDocument) =>
  document.blocks.filter((block) => block.type === 'image');

/** The contents of the QR codes of a document. */
export const printedQrCodes = (document: PrintedDocument): string[] =>
  document.blocks.flatMap((block) => (block.type === 'qr' ? [block.data] : []));
