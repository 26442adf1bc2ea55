// Strong authentication of a citizen with a card and its PIN: the server's challenge, the card's signature,
// and the proof a station then shows when it books something that needs strong authentication.
import { z } from 'zod';

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64')
  .max(16_000);

export const CardChallengeResponse = z.object({
  /** 32 bytes, base64 (random, signed by the server): single use, for this station, expiring soon. */
  challenge: base64,
  expiresAt: z.iso.datetime({ offset: true }),
});
export type CardChallengeResponse = z.infer<typeof CardChallengeResponse>;

export const VerifyCardBody = z
  .object({
    challenge: base64,
    /** The card's authentication certificate, DER in base64. */
    certificate: base64,
    signature: base64,
  })
  .meta({ id: 'VerifyCard' });
export type VerifyCardBody = z.infer<typeof VerifyCardBody>;

export const VerifiedCitizen = z.object({
  /** From the certificate, never from what the station says. */
  codiceFiscale: z.string(),
  method: z.enum(['cns-pin', 'cie-pin']),
  /** Shown with bookings that need strong authentication; valid for this station until expiresAt. */
  proof: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type VerifiedCitizen = z.infer<typeof VerifiedCitizen>;
