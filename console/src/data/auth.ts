// Staff sign-in: the server answers with an HttpOnly session cookie, which the page never reads.
import type { LoginResponse, StaffUser } from '@sportello/protocol';
import { ApiProblem, request } from './api-client.ts';

export const signIn = async (username: string, password: string): Promise<StaffUser> =>
  (await request<LoginResponse>('POST', '/api/v1/auth/login', { username, password })).user;

/** The signed-in staff member, or null when there is no valid session. */
export async function fetchMe(): Promise<StaffUser | null> {
  try {
    return (await request<{ user: StaffUser }>('GET', '/api/v1/auth/me')).user;
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export const signOut = () => request<void>('POST', '/api/v1/auth/logout');

/** After an admin's reset: the person chooses their own password with the one given, and is signed in. */
export const changePassword = async (
  username: string,
  currentPassword: string,
  newPassword: string,
): Promise<StaffUser> =>
  (
    await request<LoginResponse>('POST', '/api/v1/auth/password', {
      username,
      currentPassword,
      newPassword,
    })
  ).user;
