// The console as a Microsoft Teams tab. teams-js is loaded only when the page may be inside Teams (framed, or
// opened from the manifest's contentUrl with ?inTeams=1), so the browser console pays nothing for it.
// The context only themes the page: who signs in is proven by the SSO token the server verifies.
import type { StaffUser, LoginResponse } from '@sportello/protocol';
import { request } from '../data/api-client.ts';

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  theme: TeamsTheme;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  /** The Entra ID token for this app, from Teams' single sign-on (no prompt once consented). */
  authToken(): Promise<string>;
}

/** How long Teams has to answer before the page goes on as the browser console. */
export const TEAMS_INIT_TIMEOUT_MS = 4000;

/** The manifest's contentUrl carries ?inTeams=1; a framed page may be a tab too. */
export function mayBeInTeams(): boolean {
  if (new URLSearchParams(location.search).has('inTeams')) return true;
  try {
    return window.parent !== window;
  } catch {
    return true; // A parent of another origin that refuses access: framed.
  }
}

const themeOf = (name: string | undefined): TeamsTheme =>
  name === 'dark' || name === 'contrast' ? name : 'default';

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Teams did not answer')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error as Error)),
    );
  });
}

/** Teams when the page is one of its tabs, else undefined (at once outside a frame, after the time limit inside one). */
export async function connectToTeams(timeoutMs = TEAMS_INIT_TIMEOUT_MS): Promise<TeamsHost | undefined> {
  if (!mayBeInTeams()) return undefined;
  try {
    const { app, authentication } = await import('@microsoft/teams-js');
    await withTimeout(app.initialize(), timeoutMs);
    const context = await withTimeout(app.getContext(), timeoutMs);
    return {
      theme: themeOf(context.app.theme),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((name) => handler(themeOf(name))),
      authToken: () => authentication.getAuthToken(),
    };
  } catch {
    return undefined;
  }
}

/** The server checks the token and opens the staff session it maps to. */
export const signInWithTeams = async (token: string): Promise<StaffUser> =>
  (await request<LoginResponse>('POST', '/api/v1/auth/teams', { token })).user;
