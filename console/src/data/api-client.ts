// The console's calls carry the official's session cookie (same origin as the server). A call refused because
// the session is gone (expired, or ended by an admin: account disabled, password reset, roles changed) tells
// the app, which returns to the sign-in screen.
import { ApiProblem, request as sharedRequest } from '@sportello/web-common/api-client';

export { ApiProblem } from '@sportello/web-common/api-client';

/** Dispatched on window when a call finds the session gone. */
export const SESSION_ENDED_EVENT = 'console-session-ended';

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  try {
    return await sharedRequest<T>(method, path, body, { credentials: 'same-origin' });
  } catch (error) {
    // Sign-in and "who am I" answer 401 as part of signing in: not a session that ended.
    if (
      error instanceof ApiProblem &&
      error.status === 401 &&
      error.code === 'unauthenticated' &&
      !path.startsWith('/api/v1/auth/')
    )
      window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
    throw error;
  }
}
