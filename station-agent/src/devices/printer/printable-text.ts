// Makes text printable in CP858 without garbling a ticket: accents kept where the code page has them and
// stripped where it has not, Cyrillic transliterated, other scripts shown as one '?' per word.
import { isCp858Printable } from './cp858.ts';

// Typography the kiosk's translations use but CP858 lacks, and letters that do not decompose. Arrows and
// bullets matter most: the encoder would send them as C0 control bytes (← as ESC).
const SUBSTITUTES: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '′': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '″': '"',
  '‐': '-',
  '‑': '-',
  '–': '-',
  '—': '-',
  '−': '-',
  '…': '...',
  '•': '*',
  '→': '->',
  '←': '<-',
  '‹': '<',
  '›': '>',
  '\t': ' ',
  '\n': ' ',
  '\r': ' ',
  '\u202f': ' ',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  œ: 'oe',
  Œ: 'OE',
  ı: 'i',
};

// Ukrainian national transliteration (2010), the one Ukrainian documents use; Russian-only letters added.
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
  ё: 'io',
  ы: 'y',
  э: 'e',
  ъ: '',
};
// At the start of a word these letters are written differently.
const CYRILLIC_INITIAL: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya', ё: 'yo' };

const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
const isUpper = (c: string | undefined): boolean => c !== undefined && c !== c.toLowerCase();

function transliterate(chars: string[], i: number): string | undefined {
  const c = chars[i]!;
  const lower = c.toLowerCase();
  if (!(lower in CYRILLIC)) return undefined;
  const prev = chars[i - 1];
  const next = chars[i + 1];
  // "зг" is written "zgh" so that it is not read as "ж".
  if (lower === 'г' && prev?.toLowerCase() === 'з') return isUpper(c) ? 'GH' : 'gh';
  const latin = (!isLetter(prev) && CYRILLIC_INITIAL[lower]) || CYRILLIC[lower]!;
  if (!isUpper(c)) return latin;
  return isUpper(next) || isUpper(prev)
    ? latin.toUpperCase()
    : latin.charAt(0).toUpperCase() + latin.slice(1);
}

function withoutAccents(c: string): string | undefined {
  const base = c.normalize('NFD').replace(/\p{M}/gu, '');
  return base !== c && base.length > 0 && [...base].every(isCp858Printable) ? base : undefined;
}

/** Text as the printer can print it. Control characters never reach the printer as commands. */
export function toPrintableText(text: string): string {
  const chars = [...text.normalize('NFC')];
  let out = '';
  let unprintableRun = false;
  chars.forEach((c, i) => {
    if (/\p{M}/u.test(c)) return;
    const printable = isCp858Printable(c)
      ? c
      : (SUBSTITUTES[c] ??
        transliterate(chars, i) ??
        withoutAccents(c) ??
        (/\p{Cc}/u.test(c) ? '' : undefined));
    if (printable === undefined) {
      if (!unprintableRun) out += '?';
      unprintableRun = true;
      return;
    }
    unprintableRun = false;
    out += printable;
  });
  return out;
}
