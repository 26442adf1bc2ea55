// A stand-in for Microsoft Teams on the web: a page at https://teams.microsoft.com (answered by Playwright,
// nothing reaches Microsoft) that frames the console as the manifest's personal tab does and answers
// teams-js's postMessage protocol as Teams does: initialize (frame context, host type, runtime config),
// getContext (the legacy context: theme, tenant, user), authentication.getAuthToken (a token from the local
// Entra ID stand-in) and themeChange pushed to the tab.
import type { Browser, FrameLocator, Page } from '@playwright/test';
import config from '../../../playwright.config.ts';
import { TENANT, type EntraStandIn } from '../../../server/src/testing/entra-stand-in.ts';
import { LANDSCAPE } from './screens.ts';
import { recordPeerConnections } from './webrtc-probe.ts';

export const TEAMS_ORIGIN = 'https://teams.microsoft.com';

/**
 * The project's Chromium, plus one switch: a public site (Teams) framing a loopback server is refused by
 * Chromium's local network access checks, which a real deployment (a public console URL) never meets.
 */
export const teamsLaunchOptions = {
  ...config.use?.launchOptions,
  args: [...(config.use?.launchOptions?.args ?? []), '--disable-features=LocalNetworkAccessChecks'],
};

/** Runs in the host page: the Teams side of teams-js's messages. */
function teamsHost(settings: { theme: string; tenant: string; upn: string }) {
  type Request = { id: number; uuidAsString?: string; func: string; args?: unknown[] };
  const w = window as unknown as {
    calls: string[];
    mintToken(): Promise<string>;
    setTeamsTheme(theme: string): void;
  };
  const frame = document.querySelector('iframe')!;
  const consoleOrigin = new URL(frame.src).origin;
  let theme = settings.theme;
  w.calls = [];
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: {
      appInstallDialog: {},
      pages: { appButton: {}, tabs: {}, config: {}, backStack: {} },
      teamsCore: {},
    },
  };
  window.addEventListener('message', (event) => {
    // Only the tab it framed, from the console's origin, as Teams checks.
    if (event.source !== frame.contentWindow || event.origin !== consoleOrigin) return;
    const request = event.data as Request;
    if (!request || typeof request.id !== 'number') return;
    w.calls.push(request.func);
    const reply = (args: unknown[]) =>
      frame.contentWindow!.postMessage(
        { id: request.id, uuidAsString: request.uuidAsString, args },
        consoleOrigin,
      );
    if (request.func === 'initialize') reply(['content', 'web', JSON.stringify(runtime), '2.58.0']);
    else if (request.func === 'getContext')
      reply([
        {
          locale: 'it-it',
          theme,
          tid: settings.tenant,
          userPrincipalName: settings.upn,
          loginHint: settings.upn,
          userObjectId: '11111111-2222-4333-8444-555555555555',
          entityId: 'console',
          frameContext: 'content',
          hostClientType: 'web',
          appSessionId: crypto.randomUUID(),
        },
      ]);
    else if (request.func === 'authentication.getAuthToken')
      w.mintToken().then(
        (token) => reply([true, token]),
        (error: unknown) => reply([false, String(error)]),
      );
  });
  w.setTeamsTheme = (next) => {
    theme = next;
    frame.contentWindow!.postMessage({ func: 'themeChange', args: [next] }, consoleOrigin);
  };
}

export interface TeamsTab {
  host: Page;
  /** The console inside the tab's iframe. */
  tab: FrameLocator;
  /** What teams-js asked the host, by function name, in order. */
  calls(): Promise<string[]>;
  setTheme(theme: 'default' | 'dark' | 'contrast'): Promise<void>;
  close(): Promise<void>;
}

/** Opens Teams' stand-in with the console as its tab, camera and microphone allowed to the iframe. */
export async function openConsoleInTeams(
  browser: Browser,
  serverUrl: string,
  entra: EntraStandIn,
  options: { theme?: 'default' | 'dark' | 'contrast'; upn?: string } = {},
): Promise<TeamsTab> {
  const upn = options.upn ?? 'laura.bianchi@inps.example.it';
  // Listening before the tab loads: teams-js says initialize once.
  const settings = { theme: options.theme ?? 'default', tenant: TENANT, upn };
  const context = await browser.newContext({ viewport: LANDSCAPE });
  // teams-js asks Microsoft's CDN for the hosts it trusts (the console's CSP refuses it anyway).
  await context.route(/res\.cdn\.office\.net/, (route) => route.abort());
  await context.route(`${TEAMS_ORIGIN}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="it"><title>Microsoft Teams (stand-in)</title>
        <body style="margin:0;background:#ebebeb">
        <iframe title="Sportello INPS" src="${serverUrl}/console/?inTeams=1" allow="camera; microphone"
          style="border:0;width:100vw;height:100vh"></iframe>
        <script>(${teamsHost.toString()})(${JSON.stringify(settings)})</script></body></html>`,
    }),
  );
  await context.exposeFunction('mintToken', () => entra.token({ upn }));
  const host = await context.newPage();
  await recordPeerConnections(host);
  await host.goto(`${TEAMS_ORIGIN}/_#/apps/sportello/console`);
  return {
    host,
    tab: host.frameLocator('iframe[title="Sportello INPS"]'),
    calls: () => host.evaluate(() => (window as unknown as { calls: string[] }).calls),
    setTheme: (theme) =>
      host.evaluate((t) => (window as unknown as { setTeamsTheme(t: string): void }).setTeamsTheme(t), theme),
    close: () => context.close(),
  };
}
