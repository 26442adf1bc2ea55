// Code page 858 (CP850 with € at 0xD5), the character set tickets are printed in. The encoder encodes;
// this table tells what can be printed and decodes printed bytes back to text.

const HIGH_HALF =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

// The encoder sends ¶ and § as 0x14 and 0x15 (their CP437 places), control bytes to a printer.
const PRINTABLE = new Set([...HIGH_HALF].filter((char) => char !== '¶' && char !== '§'));

/** ESC t n value that selects CP858 on Epson-compatible printers. */
export const CP858_TABLE = 19;

/** Whether one character prints as itself in CP858. */
export function isCp858Printable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (char.length === 1 && code >= 0x20 && code < 0x7f) || PRINTABLE.has(char);
}

/** The character a printer in CP858 prints for a byte; U+FFFD for control bytes. */
export function decodeCp858Byte(byte: number): string {
  if (byte >= 0x20 && byte < 0x7f) return String.fromCharCode(byte);
  return byte >= 0x80 ? HIGH_HALF[byte - 0x80]! : '\ufffd';
}
