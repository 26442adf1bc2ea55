// Pure decoding of what a USB barcode scanner sends over HID: HID POS scanned-data reports (usage page
// 0x8C, the mode to configure scanners in), and 8-byte boot-keyboard reports (keyboard-wedge mode).

// HID POS scanned-data input report, as Honeywell, Zebra and Access-IS lay it out (64 bytes):
// [0] report ID 0x02, [1] data length, [2..4] AIM symbology identifier, [5..60] data, [63] bit 0 = more follows.
const SCANNED_DATA_REPORT = 0x02;
const DATA_START = 5;
const DATA_MAX = 56;
const FLAGS = 63;
const MORE_FOLLOWS = 0x01;

export interface HidPosFragment {
  /** AIM symbology identifier, e.g. "]A0" Code 39, "]Q1" QR code. */
  symbology: string;
  data: Uint8Array;
  more: boolean;
}

/** One scanned-data report; undefined for other reports (status, settings) and short ones. */
export function parseHidPosReport(report: Uint8Array): HidPosFragment | undefined {
  if (report[0] !== SCANNED_DATA_REPORT || report.length < DATA_START) return undefined;
  const length = Math.min(report[1]!, DATA_MAX, report.length - DATA_START);
  return {
    symbology: Buffer.from(report.subarray(2, DATA_START)).toString('latin1'),
    data: report.subarray(DATA_START, DATA_START + length),
    more: ((report[FLAGS] ?? 0) & MORE_FOLLOWS) !== 0,
  };
}

/** The reports a scanner sends for one code: what the simulated scanner emits. */
export function hidPosReports(text: string, symbology = ']Q1'): Uint8Array[] {
  const data = Buffer.from(text, 'utf8');
  const reports: Uint8Array[] = [];
  for (let at = 0; at === 0 || at < data.length; at += DATA_MAX) {
    const chunk = data.subarray(at, at + DATA_MAX);
    const report = new Uint8Array(64);
    report.set([SCANNED_DATA_REPORT, chunk.length, ...Buffer.from(symbology, 'latin1').subarray(0, 3)]);
    report.set(chunk, DATA_START);
    report[FLAGS] = at + DATA_MAX < data.length ? MORE_FOLLOWS : 0;
    reports.push(report);
  }
  return reports;
}

/** Joins the fragments of a scan; push() gives the scanned text once its last report is in. */
export class HidPosDecoder {
  #parts: Uint8Array[] = [];

  push(report: Uint8Array): string | undefined {
    const fragment = parseHidPosReport(report);
    if (!fragment) return undefined;
    this.#parts.push(fragment.data);
    if (fragment.more) return undefined;
    // QR codes carry UTF-8; a scanner configured with a CR/LF suffix adds it to the data.
    const text = new TextDecoder().decode(Buffer.concat(this.#parts.splice(0))).replace(/[\r\n]+$/, '');
    return text || undefined;
  }
}

// Boot-keyboard report: [modifiers, reserved, k1..k6], usages per the HID keyboard page, US layout
// (scanners type as a US keyboard unless set otherwise).
const LETTERS_AND_DIGITS = 'abcdefghijklmnopqrstuvwxyz1234567890'; // usages 0x04–0x27
const SHIFTED_DIGITS = '!@#$%^&*()';
const SYMBOLS: Record<number, [plain: string, shifted: string]> = {
  0x2c: [' ', ' '],
  0x2d: ['-', '_'],
  0x2e: ['=', '+'],
  0x2f: ['[', '{'],
  0x30: [']', '}'],
  0x31: ['\\', '|'],
  0x33: [';', ':'],
  0x34: ["'", '"'],
  0x35: ['`', '~'],
  0x36: [',', '<'],
  0x37: ['.', '>'],
  0x38: ['/', '?'],
};
const END_OF_SCAN = [0x28, 0x58, 0x2b]; // Enter, keypad Enter, Tab: the suffixes scanners are set to send
const SHIFT = 0x22; // left or right shift
const ROLLOVER = 0x01; // too many keys at once: the report says nothing about which

/** The character a key types, or undefined for keys that type none. */
export function keyboardUsageToChar(usage: number, shift: boolean): string | undefined {
  const index = usage - 0x04;
  if (index >= 0 && index < 26)
    return shift ? LETTERS_AND_DIGITS[index]!.toUpperCase() : LETTERS_AND_DIGITS[index];
  if (index >= 26 && index < 36) return shift ? SHIFTED_DIGITS[index - 26] : LETTERS_AND_DIGITS[index];
  const symbol = SYMBOLS[usage];
  return symbol && (shift ? symbol[1] : symbol[0]);
}

/** Types out boot-keyboard reports; push() gives the scanned text when the scanner presses Enter. */
export class BootKeyboardDecoder {
  #held = new Set<number>();
  #text = '';

  push(report: Uint8Array): string | undefined {
    if (report.length !== 8) return undefined;
    const usages = [...report.subarray(2)].filter((usage) => usage !== 0);
    if (usages.includes(ROLLOVER)) return undefined;
    const shift = (report[0]! & SHIFT) !== 0;
    let scanned: string | undefined;
    for (const usage of usages) {
      // A key still down from the previous report is not a new keystroke.
      if (this.#held.has(usage)) continue;
      if (END_OF_SCAN.includes(usage)) {
        scanned = this.#text || undefined;
        this.#text = '';
      } else {
        this.#text += keyboardUsageToChar(usage, shift) ?? '';
      }
    }
    this.#held = new Set(usages);
    return scanned;
  }
}
