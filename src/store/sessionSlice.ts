/**
 * Who is logged in. The login (token, user) is kept in IndexedDB so the app reopens offline;
 * one sync engine runs per logged-in user.
 */
import type { StateCreator } from 'zustand';
import type { LoginResponse, User } from '../core/api';
import type { SyncEngine } from '../data/syncEngine';
import type { AppServices } from './services';
import type { AppState } from './appState';

export type SessionStatus = 'restoring' | 'anonymous' | 'authenticated';

export interface SessionSlice {
  session: LoginResponse | null;
  sessionStatus: SessionStatus;
  /** The server refused the token (expired): the user logs in again; local work is kept. */
  sessionExpired: boolean;
  /** The server refused the token because an admin disabled the account (the login page says so). */
  accountDisabled: boolean;
  engine: SyncEngine | null;
  restoreSession(): Promise<void>;
  login(username: string, password: string): Promise<User>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  logout(): Promise<void>;
}

export const createSessionSlice =
  (services: AppServices): StateCreator<AppState, [], [], SessionSlice> =>
  (set, get) => {
    function startEngine(userId: string): void {
      const previous = get().engine;
      if (previous?.annotatorId === userId) {
        void previous.retryNow();
        return;
      }
      previous?.stop();
      const engine = services.createEngine(userId);
      engine.subscribe((event) => get().handleSyncEvent(event));
      set({ engine });
      engine.start();
    }

    /**
     * What the server told the signed-in user, kept to read offline: an item's detail carries the
     * user's own state of it under the item's id alone, which the next user of this device must
     * not be shown. Drafts and the outbox stay: unsynced labels go out at that user's next login.
     */
    async function forgetUserCaches(): Promise<void> {
      await Promise.all([services.db.itemDetails.clear(), services.db.itemPages.clear(), services.db.datasets.clear()]);
    }

    async function establish(login: LoginResponse): Promise<void> {
      await services.db.session.put({ id: 'current', login });
      services.loginCopy?.write(login);
      set({ session: login, sessionStatus: 'authenticated', sessionExpired: false, accountDisabled: false });
      // The server refuses everything but the password change until a one-time password is replaced.
      if (!login.user.mustChangePassword) startEngine(login.user.id);
    }

    return {
      session: null,
      sessionStatus: 'restoring',
      sessionExpired: false,
      accountDisabled: false,
      engine: null,

      async restoreSession() {
        const row = await services.db.session.get('current');
        if (!row || Date.parse(row.login.expiresAt) <= Date.now()) {
          services.loginCopy?.remove();
          set({ session: null, sessionStatus: 'anonymous' });
          return;
        }
        // A login stored before the copy existed gets one, for the next visit's early start.
        services.loginCopy?.write(row.login);
        set({ session: row.login, sessionStatus: 'authenticated' });
        if (!row.login.user.mustChangePassword) startEngine(row.login.user.id);
      },

      async login(username, password) {
        const login = await services.api.login({ username, password });
        // A session that expired without a sign-out left its user's caches; another user's
        // login must not find them.
        const previous = await services.db.session.get('current');
        if (previous && previous.login.user.id !== login.user.id) await forgetUserCaches();
        await establish(login);
        return login.user;
      },

      async changePassword(currentPassword, newPassword) {
        await services.api.changePassword({ currentPassword, newPassword });
        const session = get().session;
        if (!session) return;
        await establish({ ...session, user: { ...session.user, mustChangePassword: false } });
      },

      async logout() {
        // Ends the session on the server too; offline, the token simply expires there.
        await services.api.logout().catch(() => undefined);
        get().engine?.stop();
        get().closeItem();
        services.loginCopy?.remove();
        await services.db.session.delete('current');
        await forgetUserCaches();
        set({ session: null, sessionStatus: 'anonymous', sessionExpired: false, accountDisabled: false, engine: null, datasets: null, itemLists: {}, itemSync: {} });
      },
    };
  };
