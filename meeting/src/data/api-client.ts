// The page's calls go to its own server; same-origin credentials so that the admission cookie is kept
// (the shared client's default, "omit", would drop the Set-Cookie of /meetings/admit).
import { request as sharedRequest } from '@sportello/web-common/api-client';

export { ApiProblem } from '@sportello/web-common/api-client';

export const request = <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> =>
  sharedRequest<T>(method, path, body, { credentials: 'same-origin' });
