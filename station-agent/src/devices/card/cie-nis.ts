// The NIS of a CIE 3.0 (EF.ID_Servizi, readable without PIN): SELECT the IAS application, SELECT the CIE
// DF, READ BINARY by short file ID 1. The NIS identifies the card, not the person, and alone proves nothing.
import type { CardData } from '@sportello/protocol';
import { readBinaryBySfi, selectApplication } from './apdu.ts';
import type { CardChannel } from './card-channel.ts';
import { CardBadResponseError } from './card-errors.ts';

export type CieCardData = Extract<CardData, { kind: 'cie' }>;

export const IAS_AID = Buffer.from('A0000000308000000009816001', 'hex');
export const CIE_DF_AID = Buffer.from('A00000000039', 'hex');
/** EF.ID_Servizi (FID 1001) by its short file ID. */
export const SFI_ID_SERVIZI = 1;
const NIS_LENGTH = 12;

export function parseNis(bytes: Uint8Array): CieCardData {
  const nis = Buffer.from(bytes).toString('latin1');
  if (!/^\d{12}$/.test(nis)) throw new CardBadResponseError('EF.ID_Servizi: the NIS is not 12 digits');
  return { kind: 'cie', nis };
}

export async function readCieNis(channel: CardChannel): Promise<CieCardData> {
  await channel.expectOk(selectApplication(IAS_AID), 'selecting the IAS application');
  await channel.expectOk(selectApplication(CIE_DF_AID), 'selecting the CIE DF');
  return parseNis(await channel.expectOk(readBinaryBySfi(SFI_ID_SERVIZI, 0, NIS_LENGTH), 'reading the NIS'));
}
