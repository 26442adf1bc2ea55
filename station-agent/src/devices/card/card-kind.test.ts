import { describe, expect, it } from 'vitest';
import { CardBadResponseError, CardStatusError, UnsupportedCardError } from './card-errors.ts';
import { cardKindsInOrder, tryEachKind } from './card-kind.ts';

const CNS_ATR = Buffer.from('3BFF1800FF8131FE55006B02090200010101434E531031809F', 'hex');
const CONTACTLESS_ATR = Buffer.from('3B8E800180318066B1840C016E01830090001C', 'hex');

describe('cardKindsInOrder', () => {
  it('tries the CNS first on a contact card, the CIE first on a contactless one', () => {
    expect(cardKindsInOrder(CNS_ATR)).toEqual(['cns', 'cie']);
    expect(cardKindsInOrder(CONTACTLESS_ATR)).toEqual(['cie', 'cns']);
    expect(cardKindsInOrder(Buffer.alloc(0))).toEqual(['cns', 'cie']);
  });
});

describe('tryEachKind', () => {
  it('moves on when the card says "not this application"', async () => {
    const tried: string[] = [];
    const result = await tryEachKind(CNS_ATR, async (kind) => {
      tried.push(kind);
      if (kind === 'cns') throw new CardStatusError('selecting DF1', 0x6a82);
      return kind;
    });
    expect(result).toBe('cie');
    expect(tried).toEqual(['cns', 'cie']);
  });

  it('calls a card refused by every kind unsupported', async () => {
    const attempt = async () => Promise.reject(new CardStatusError('selecting', 0x6d00));
    await expect(tryEachKind(CNS_ATR, attempt)).rejects.toBeInstanceOf(UnsupportedCardError);
  });

  it('stops at any other failure: a CNS with bad data is unreadable, not something else', async () => {
    const tried: string[] = [];
    const attempt = async (kind: string) => {
      tried.push(kind);
      throw new CardBadResponseError('EF.Dati_personali: hostile');
    };
    await expect(tryEachKind(CNS_ATR, attempt)).rejects.toBeInstanceOf(CardBadResponseError);
    expect(tried).toEqual(['cns']);
  });
});
