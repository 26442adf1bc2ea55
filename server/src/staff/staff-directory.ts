// Which official a staff account answers calls as, read synchronously on hot paths (the /ws upgrade, every
// official's REST call) from a per-instance copy of the accounts in the store. The copy is loaded at start
// and kept current by the store's `staff` channel: every change to an account notifies it in the same
// transaction, so every instance re-reads that one account once the change has committed, and every account
// after the store's listener reconnected (notifications sent meanwhile are lost). Sign-in, /auth/me and the
// admin's screens always read the store itself.
import type { StaffRole } from '@sportello/protocol';
import type { Store, StoredStaffAccount } from '../store/store.ts';

/** The channel an account change is announced on; the payload is a StaffChange as JSON. */
export const STAFF_CHANNEL = 'staff';

/** What happened to an account, so that listeners (the /ws hub) can tell the person why their session ended. */
export interface StaffChange {
  username: string;
  change: 'created' | 'updated' | 'disabled' | 'enabled' | 'password';
  /** The person's sessions were ended with this change. */
  sessionsEnded: boolean;
}

export interface DirectoryEntry {
  username: string;
  roles: StaffRole[];
  sede?: string;
  official?: string;
  disabled: boolean;
}

const entryOf = (a: StoredStaffAccount): DirectoryEntry => ({
  username: a.username,
  roles: a.roles,
  ...(a.sede !== undefined && { sede: a.sede }),
  ...(a.official !== undefined && { official: a.official }),
  disabled: a.disabledAt !== undefined,
});

export class StaffDirectory {
  private readonly entries = new Map<string, DirectoryEntry>();
  private unlisten: () => void = () => undefined;
  private unresync: () => void = () => undefined;

  private constructor(private readonly store: Store) {}

  /** Loads every account and follows changes from then on. */
  static async open(store: Store): Promise<StaffDirectory> {
    const directory = new StaffDirectory(store);
    directory.unlisten = store.listen(STAFF_CHANNEL, (payload) => {
      const { username } = JSON.parse(payload) as StaffChange;
      void directory.refresh(username);
    });
    directory.unresync = store.onResync(() => void directory.reload().catch(() => undefined));
    await directory.reload();
    return directory;
  }

  /** Every account read again: an account removed from the store leaves the copy too. */
  async reload(): Promise<void> {
    const accounts = await this.store.read((r) => r.staffAccounts());
    this.entries.clear();
    for (const account of accounts) this.entries.set(account.username, entryOf(account));
  }

  /** The account as last read; undefined for a username the store does not hold. */
  account(username: string): DirectoryEntry | undefined {
    return this.entries.get(username);
  }

  async refresh(username: string): Promise<void> {
    const account = await this.store.read((r) => r.staffAccount(username));
    if (account) this.entries.set(username, entryOf(account));
    else this.entries.delete(username);
  }

  close(): void {
    this.unlisten();
    this.unresync();
  }
}

/**
 * Calls `fn` once when the sessions of `username` are ended by an admin (account disabled, password reset,
 * roles or sede changed): an open event stream ends with them, as a new request would be refused. With the
 * session's `tokenHash`, a notice missed while the store's listener was away is made up for: after a
 * resync, a session no longer in the store ends too. Answers the function that stops listening.
 */
export function onSessionsEnded(
  store: Store,
  username: string,
  fn: () => void,
  tokenHash?: string,
): () => void {
  let ended = false;
  const end = () => {
    if (ended) return;
    stop();
    fn();
  };
  const unlisten = store.listen(STAFF_CHANNEL, (payload) => {
    const change = JSON.parse(payload) as StaffChange;
    if (change.username === username && change.sessionsEnded) end();
  });
  const unresync =
    tokenHash === undefined
      ? () => undefined
      : store.onResync(() => {
          void store
            .read((r) => r.sessionByTokenHash(tokenHash))
            .then((session) => {
              if (!session) end();
            })
            .catch(() => undefined);
        });
  const stop = () => {
    ended = true;
    unlisten();
    unresync();
  };
  return stop;
}
