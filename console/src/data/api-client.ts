// The console's calls carry the official's session cookie (same origin as the server).
import { request as sharedRequest } from '@sportello/web-common/api-client';

export { ApiProblem } from '@sportello/web-common/api-client';

export const request = <T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> =>
  sharedRequest<T>(method, path, body, { credentials: 'same-origin' });
