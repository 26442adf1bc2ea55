// Strong authentication at the station: the server's challenge, signed by the citizen's card after the PIN,
// verified by the server, which answers the codice fiscale from the certificate and a proof for bookings.
import { CardChallengeResponse, VerifiedCitizen } from '@sportello/protocol';
import type { CardSignature } from '../devices/card/card-reader.ts';
import type { StationCredential } from './credential-file.ts';

export class ServerRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServerRefusedError';
  }
}

async function call(credential: StationCredential, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(path, credential.serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential.token}` },
    body: JSON.stringify(body ?? {}),
    signal: AbortSignal.timeout(15_000),
  });
  const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!response.ok) {
    throw new ServerRefusedError(
      response.status,
      answer.error?.code ?? 'server_error',
      answer.error?.message ?? `HTTP ${response.status}`,
    );
  }
  return answer;
}

/** The PIN goes to the card only; it is never logged nor sent anywhere else. */
export async function authenticateWithCard(
  credential: StationCredential,
  sign: (pin: string, challenge: Buffer) => Promise<CardSignature>,
  pin: string,
): Promise<VerifiedCitizen> {
  const { challenge } = CardChallengeResponse.parse(await call(credential, '/api/v1/citizen-auth/challenge'));
  const signature = await sign(pin, Buffer.from(challenge, 'base64'));
  return VerifiedCitizen.parse(
    await call(credential, '/api/v1/citizen-auth/verify', {
      challenge,
      certificate: signature.certificate.toString('base64'),
      signature: signature.signature.toString('base64'),
    }),
  );
}
