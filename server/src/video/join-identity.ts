// Who joins the waiting room from a station: a strong sign-in counts only with the server's card proof for
// that station (its codice fiscale is the proof's); a typed or barcode codice fiscale must at least be valid.
import {
  CodiceFiscale,
  isStrongAuth,
  type AuthLevel,
  type CallCitizen,
  type ClientMessage,
} from '@sportello/protocol';
import { verifyAuthProof } from '../citizen-auth/auth-proof.ts';
import { ApiError } from '../http/api-error.ts';

type Join = Extract<ClientMessage, { type: 'queue.join' }>;

export type JoinIdentity =
  | { ok: true; authLevel: AuthLevel; citizen?: CallCitizen }
  | { ok: false; code: string; message: string; field: string };

export function joinIdentity(secret: Buffer, station: string, join: Join, now: Date): JoinIdentity {
  const given = join.citizen ?? {};
  const method = join.authMethod;
  const refuse = (field: string, code: string, message: string): JoinIdentity => ({
    ok: false,
    code,
    message: `${field}: ${message}`,
    field,
  });
  let codiceFiscale: string | undefined;
  let authLevel: AuthLevel;
  if (method !== undefined && isStrongAuth(method)) {
    if (join.authProof === undefined)
      return refuse('authProof', 'strong_authentication_unproven', 'sign in with the card and its PIN first');
    try {
      const claims = verifyAuthProof(secret, join.authProof, station, now);
      if (claims.method !== method)
        return refuse('authProof', 'strong_authentication_unproven', `the proof is for ${claims.method}`);
      codiceFiscale = claims.codiceFiscale;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return refuse('authProof', error.code, error.message);
    }
    authLevel = 'strong';
  } else {
    if (given.codiceFiscale !== undefined) {
      const parsed = CodiceFiscale.safeParse(given.codiceFiscale);
      if (!parsed.success)
        return refuse('citizen.codiceFiscale', 'validation_failed', parsed.error.issues[0]!.message);
      codiceFiscale = parsed.data;
    }
    // Without a codice fiscale nobody is identified, whatever the method (a CIE read without PIN).
    authLevel = codiceFiscale === undefined ? 'none' : 'typed';
  }
  const citizen: CallCitizen = {
    ...(codiceFiscale !== undefined && { codiceFiscale }),
    ...(given.firstName !== undefined && { firstName: given.firstName }),
    ...(given.lastName !== undefined && { lastName: given.lastName }),
    ...(given.language !== undefined && { language: given.language }),
    ...(method !== undefined && { authMethod: method }),
  };
  return { ok: true, authLevel, ...(Object.keys(citizen).length > 0 && { citizen }) };
}
