// Which official a staff account answers calls as, read synchronously on hot paths (the /ws upgrade, every
// official's REST call) from a per-instance copy of the accounts in the store. The copy is loaded at start
// and kept current by the store's `staff` channel: every change to an account notifies it in the same
// transaction, so every instance re-reads that one account once the change has committed. (On PostgreSQL
// a missed NOTIFY during a reconnection leaves one account stale until the next change or restart; sign-in,
// /auth/me and the admin's screens always read the store itself.)
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

  private constructor(private readonly store: Store) {}

  /** Loads every account and follows changes from then on. */
  static async open(store: Store): Promise<StaffDirectory> {
    const directory = new StaffDirectory(store);
    directory.unlisten = store.listen(STAFF_CHANNEL, (payload) => {
      const { username } = JSON.parse(payload) as StaffChange;
      void directory.refresh(username);
    });
    for (const account of await store.read((r) => r.staffAccounts()))
      directory.entries.set(account.username, entryOf(account));
    return directory;
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
  }
}

/**
 * Calls `fn` once when the sessions of `username` are ended by an admin (account disabled, password reset,
 * roles or sede changed): an open event stream ends with them, as a new request would be refused. Answers
 * the function that stops listening.
 */
export function onSessionsEnded(store: Store, username: string, fn: () => void): () => void {
  const stop = store.listen(STAFF_CHANNEL, (payload) => {
    const change = JSON.parse(payload) as StaffChange;
    if (change.username !== username || !change.sessionsEnded) return;
    stop();
    fn();
  });
  return stop;
}
