// Which card is this? We cannot know for sure before asking, so we try each kind's files in turn: the ATR
// only decides which to try first, and "no such file / command" from the card moves on to the next.
import { historicalBytes, isContactlessPseudoAtr } from './apdu.ts';
import { CardStatusError, UnsupportedCardError } from './card-errors.ts';

export type CardKind = 'cns' | 'cie';

// Status words with which a card says "not this application" rather than "something went wrong".
const NOT_THIS_APPLICATION = new Set([0x6a82, 0x6a86, 0x6a81, 0x6b00, 0x6986, 0x6d00, 0x6e00]);

/**
 * CNS first, unless the ATR is contactless and does not say "CNS": the CIE 3.0 chip is contactless only,
 * the TS-CNS a contact card whose historical bytes carry "CNS" at 9..11 (OpenSC card-itacns.c).
 */
export function cardKindsInOrder(atr: Uint8Array): CardKind[] {
  const saysCns = historicalBytes(atr)?.subarray(9, 12).toString('latin1') === 'CNS';
  return !saysCns && isContactlessPseudoAtr(atr) ? ['cie', 'cns'] : ['cns', 'cie'];
}

function isNotThisApplication(error: unknown): boolean {
  return error instanceof CardStatusError && NOT_THIS_APPLICATION.has(error.sw);
}

/** Runs `attempt` for each kind in the ATR's order until one is not refused as "not this application". */
export async function tryEachKind<T>(atr: Uint8Array, attempt: (kind: CardKind) => Promise<T>): Promise<T> {
  for (const kind of cardKindsInOrder(atr)) {
    try {
      return await attempt(kind);
    } catch (error) {
      if (!isNotThisApplication(error)) throw error;
    }
  }
  throw new UnsupportedCardError();
}
