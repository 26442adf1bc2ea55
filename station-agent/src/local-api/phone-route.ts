// POST /agent/phone/check: the kiosk's phone fields checked here, so libphonenumber's rules (most of what the
// kiosk page would otherwise ship) stay on the station. The number is never logged or kept.
import express, { type Router } from 'express';
import { fieldProblems, sendValidationFailed } from './validation-failed.ts';
import { PhoneCheckBody, type PhoneCheck } from '@sportello/protocol';

type PhoneRules = typeof import('@sportello/protocol/phone');
// Loaded at the first number typed, not with the agent: the rules are a good part of an idle agent's memory.
let rules: Promise<PhoneRules> | undefined;

export function phoneRoute(): Router {
  const router = express.Router();
  router.post('/agent/phone/check', express.json({ limit: '1kb' }), async (req, res) => {
    const parsed = PhoneCheckBody.safeParse(req.body);
    if (!parsed.success) {
      return sendValidationFailed(res, fieldProblems(parsed.error));
    }
    const { formatPhone, parsePhone } = await (rules ??= import('@sportello/protocol/phone'));
    const phone = parsePhone(parsed.data.number);
    const answer: PhoneCheck = phone
      ? { valid: true, e164: phone.e164, mobile: phone.mobile, formatted: formatPhone(phone.e164) }
      : { valid: false, reason: 'not_a_number' };
    res.setHeader('cache-control', 'no-store');
    res.json(answer);
  });
  return router;
}
