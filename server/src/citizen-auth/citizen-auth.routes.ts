// /api/v1/citizen-auth: a station asks for a challenge, its card signs it after the PIN, the server verifies
// the certificate chain and the signature and answers who the citizen is, with a proof for later bookings.
import { CardChallengeResponse, ErrorBody, VerifiedCitizen, VerifyCardBody } from '@sportello/protocol';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { Principal } from '../http/principal.ts';
import { defineRoute, type RouteSpec } from '../http/route.ts';
import { createAuthProof } from './auth-proof.ts';
import { ChallengeStore } from './challenge-store.ts';
import { verifyCardSignature } from './verify-card-signature.ts';

const err = (description: string) => ({ description, schema: ErrorBody });

function stationOf(principal: Principal): string {
  if (principal.kind !== 'station') throw new ApiError(403, 'forbidden', 'only a station may call this');
  return principal.station;
}

export function citizenAuthRoutes(ctx: AppContext): RouteSpec[] {
  // Signed with the server's secret and marked used in the store: any instance may answer either request.
  const challenges = new ChallengeStore({
    secret: ctx.secret,
    limits: ctx.store,
    now: () => ctx.clock().getTime(),
  });
  return [
    defineRoute({
      method: 'post',
      path: '/citizen-auth/challenge',
      summary: 'A single-use challenge for the citizen’s card to sign',
      tag: 'citizen-auth',
      roles: ['station'],
      responses: { 200: { description: 'The challenge', schema: CardChallengeResponse } },
      handler: async ({ principal }) => {
        const issued = challenges.issue(stationOf(principal));
        return {
          body: { challenge: issued.challenge.toString('base64'), expiresAt: issued.expiresAt.toISOString() },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/citizen-auth/verify',
      summary: 'Verify the card’s signed challenge; answers the codice fiscale of its certificate',
      tag: 'citizen-auth',
      roles: ['station'],
      guessable: true,
      body: VerifyCardBody,
      responses: {
        200: { description: 'Strongly authenticated', schema: VerifiedCitizen },
        401: err('Challenge unknown, used or expired; certificate untrusted or expired; signature invalid'),
      },
      handler: async ({ body, principal }) => {
        const station = stationOf(principal);
        await challenges.consume(Buffer.from(body.challenge, 'base64'), station);
        const now = ctx.clock();
        const holder = verifyCardSignature({
          certificate: Buffer.from(body.certificate, 'base64'),
          signature: Buffer.from(body.signature, 'base64'),
          challenge: Buffer.from(body.challenge, 'base64'),
          trustedCAs: ctx.config.citizenAuth.trustedCAs,
          now,
        });
        const exp = now.getTime() + ctx.config.citizenAuth.proofMinutes * 60_000;
        ctx.log.info({ station, method: holder.method }, 'citizen strongly authenticated');
        return {
          body: {
            codiceFiscale: holder.codiceFiscale,
            method: holder.method,
            proof: createAuthProof(ctx.secret, { ...holder, station, exp }),
            expiresAt: new Date(exp).toISOString(),
          },
        };
      },
    }),
  ];
}
