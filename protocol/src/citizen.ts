// The citizen as a booking or ticket carries them: identity, contact, and how they proved who they are.
import { z } from 'zod';
import { codiceFiscaleProblem, normalizeCodiceFiscale } from './codice-fiscale.ts';
import { parsePhone } from './phone.ts';
import { Language } from './config.ts';
import { authMethods } from './plain.ts';

const cfMessages = {
  length: 'a codice fiscale has 16 characters',
  characters: 'a codice fiscale has only letters and digits',
  structure: 'this is not the shape of a codice fiscale',
  date: 'the birth day in this codice fiscale is impossible',
  check: 'the last letter does not match: a character was probably mistyped',
} as const;

export const CodiceFiscale = z
  .string()
  .transform(normalizeCodiceFiscale)
  .superRefine((cf, ctx) => {
    const problem = codiceFiscaleProblem(cf);
    if (problem) ctx.addIssue({ code: 'custom', message: cfMessages[problem] });
  })
  .meta({ description: 'Codice fiscale (Italian tax code), omocodes accepted', example: 'RSSMRA80A01H501U' });

/** Why a landline is refused where an SMS is promised. */
export const MOBILE_NEEDED = 'an SMS needs a mobile number; this one is a landline';

/** Any valid phone number, normalised to E.164; Italian numbers may omit +39. */
export const PhoneNumber = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const parsed = parsePhone(value);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'not a valid phone number' });
      return z.NEVER;
    }
    return parsed.e164;
  })
  .meta({ description: 'Phone number; stored in E.164', example: '+393471234567' });

/** A number that can receive an SMS: a landline is refused, since the text would never arrive. */
export const MobilePhoneNumber = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const parsed = parsePhone(value);
    if (!parsed?.mobile) {
      ctx.addIssue({ code: 'custom', message: parsed ? MOBILE_NEEDED : 'not a valid phone number' });
      return z.NEVER;
    }
    return parsed.e164;
  })
  .meta({ description: 'Mobile phone number; stored in E.164', example: '+393471234567' });

// How the citizen proved who they are: the list and which are strong, plain values the kiosk shares.
export { authMethods, isStrongAuth, strongAuthMethods } from './plain.ts';
export const AuthMethod = z.enum(authMethods);
export type AuthMethod = z.infer<typeof AuthMethod>;

const personName = z.string().trim().min(1).max(80);

export const Citizen = z.object({
  codiceFiscale: CodiceFiscale,
  firstName: personName,
  lastName: personName,
  phone: PhoneNumber,
  language: Language.default('it'),
});
export type Citizen = z.output<typeof Citizen>;
export type CitizenInput = z.input<typeof Citizen>;
