// How a refused request reads for the official: a permission problem only when it is one.
import { ApiProblem } from '@sportello/web-common/api-client';
import { describe, expect, it } from 'vitest';
import { problemText } from './labels.ts';

const NO_PERMISSION = 'Non hai il permesso per questa operazione.';

describe('problemText', () => {
  it('tells a missing permission only for the role check’s 403 forbidden', () => {
    expect(problemText(new ApiProblem(403, 'forbidden', 'this needs one of the roles: official'))).toBe(
      NO_PERMISSION,
    );
  });

  it('tells a web meeting refused for a citizen without strong sign-in as that, not as a permission', () => {
    const text = problemText(
      new ApiProblem(
        403,
        'strong_authentication_required',
        'a web meeting needs the citizen to sign in with CIE, CNS or SPID',
      ),
    );
    expect(text).not.toBe(NO_PERMISSION);
    expect(text).toMatch(/identificazione forte del cittadino \(CIE, CNS o SPID\)/);
  });

  it('tells another official’s call as such', () => {
    expect(problemText(new ApiProblem(403, 'not_your_call', 'answered by another official'))).toBe(
      'Questa chiamata è stata accettata da un altro funzionario.',
    );
  });

  it('gives the server’s own words for a refusal it has no text for', () => {
    expect(problemText(new ApiProblem(403, 'some_new_rule', 'closed on Sundays'))).toBe(
      'Il server ha rifiutato la richiesta: closed on Sundays',
    );
    expect(problemText(new ApiProblem(409, 'follow_up_exists', 'a follow-up has already been booked'))).toBe(
      'Il server ha rifiutato la richiesta: a follow-up has already been booked',
    );
  });

  it('keeps the plain texts for sessions, unreachable servers and server faults', () => {
    expect(problemText(new ApiProblem(401, 'unauthenticated', 'sign in first'))).toBe(
      'La sessione è scaduta: esci e accedi di nuovo.',
    );
    expect(problemText(new ApiProblem(0, 'unreachable', 'network error'))).toBe(
      'Il server non risponde. Riprova tra poco.',
    );
    expect(problemText(new ApiProblem(500, 'internal', 'boom'))).toBe(
      "Non è stato possibile completare l'operazione. Riprova; se si ripete, avvisa l'assistenza.",
    );
    expect(problemText(new ApiProblem(403, 'http_error', 'HTTP 403'))).toMatch(/^Non è stato possibile/);
  });
});
