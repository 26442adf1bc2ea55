import { describe, expect, it } from 'vitest';
import { CardChannel } from './card-channel.ts';
import { CardBadResponseError, CardStatusError } from './card-errors.ts';
import { parseNis, readCieNis } from './cie-nis.ts';
import { createVirtualCie, createWrongCard, type VirtualCard } from './virtual-cards.ts';

function channelTo(card: VirtualCard, sent: string[] = []): CardChannel {
  return new CardChannel(
    {
      async transmit(apdu) {
        sent.push(apdu.toString('hex').toUpperCase());
        return card.respond(apdu) ?? Buffer.alloc(0);
      },
    },
    { timeoutMs: 1000 },
  );
}

describe('parseNis', () => {
  it('takes 12 ASCII digits', () => {
    expect(parseNis(Buffer.from('012345678901'))).toEqual({ kind: 'cie', nis: '012345678901' });
  });

  it.each([['01234567890'], ['0123456789012'], ['01234567890A'], ['01234567890\u0000']])(
    'refuses %j with a bad-response error',
    (text) => {
      expect(() => parseNis(Buffer.from(text, 'latin1'))).toThrow(CardBadResponseError);
    },
  );
});

describe('readCieNis', () => {
  it('sends exactly the documented APDUs and reads the NIS', async () => {
    const sent: string[] = [];
    const card = await createVirtualCie({ nis: '987654321098' });
    expect(await readCieNis(channelTo(card, sent))).toEqual({ kind: 'cie', nis: '987654321098' });
    expect(sent).toEqual(['00A4040C0DA0000000308000000009816001', '00A4040C06A00000000039', '00B081000C']);
  });

  it('stops at the first refused step, naming it', async () => {
    await expect(readCieNis(channelTo(createWrongCard()))).rejects.toThrow(CardStatusError);
    await expect(readCieNis(channelTo(createWrongCard()))).rejects.toThrow(
      'selecting the IAS application: the card answered 6A82',
    );
  });
});
