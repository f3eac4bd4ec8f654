import type { LoginResponse, Me, SessionView } from '@fep/contracts';
import type { Permission } from '@fep/domain';
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, SESSION_ENDED_EVENT, setSessionTag } from './api.ts';
import { clearDraftsOf } from './drafts.ts';
import { queryClient } from './query.ts';

/**
 * Why the person was signed out without asking: `expired` (idle or absolute timeout, told
 * “登录已超时，请重新登录”), `ended` (logged out in another tab or revoked). Null when they were not.
 */
export type SessionEnd = 'expired' | 'ended' | null;

interface AuthState {
  me: Me | null;
  loading: boolean;
  ended: SessionEnd;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  can(permission: Permission): boolean;
}

const AuthContext = createContext<AuthState | null>(null);
const SESSION_KEY = ['auth', 'session'];
/** Tabs of this browser tell each other that the session changed (login, logout) so they ask the server again. */
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('fep-session');

/** Forgets every read of the previous user (a new session sees nothing cached for another). */
function forgetUserData(): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
}

/**
 * The signed-in user is whoever the HttpOnly session cookie belongs to, as the server says
 * (GET /api/v1/auth/session): the same in every tab, a new tab and a bookmark. Nothing about the session is
 * kept in the page, so there is nothing to get out of step.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const session = useQuery<SessionView>({
    queryKey: SESSION_KEY,
    queryFn: () => api<SessionView>('/api/v1/auth/session'),
    staleTime: Number.POSITIVE_INFINITY,
    // Coming back to a tab: another tab may have logged in or out meanwhile.
    refetchOnWindowFocus: true,
  });
  const [ended, setEnded] = useState<SessionEnd>(null);
  const me = session.data?.user ?? null;
  // Who is signed in, as the server said (an offline error keeps the last answer's tag: the field app).
  useEffect(() => {
    if (session.data) setSessionTag(session.data.user?.id ?? null);
  }, [session.data]);

  // Not data fetching: api.ts announces a refused session with an event; a user who was signed in is
  // signed out here with the reason (the page guard then sends them to the login page and back).
  useEffect(() => {
    const onEnded = (e: Event) => {
      if (!queryClient.getQueryData<SessionView>(SESSION_KEY)?.user) return;
      const code = (e as CustomEvent<{ code: string }>).detail?.code;
      setEnded(code === 'AUTH.SESSION_EXPIRED' ? 'expired' : 'ended');
      queryClient.setQueryData<SessionView>(SESSION_KEY, { user: null, ended: code === 'AUTH.SESSION_EXPIRED' ? 'expired' : 'unknown' });
      forgetUserData();
    };
    const onOtherTab = () => {
      void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    };
    window.addEventListener(SESSION_ENDED_EVENT, onEnded);
    channel?.addEventListener('message', onOtherTab);
    return () => {
      window.removeEventListener(SESSION_ENDED_EVENT, onEnded);
      channel?.removeEventListener('message', onOtherTab);
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    // The server sets the session cookie; the token in the answer is for API clients and is not kept.
    const r = await api<LoginResponse>('/api/v1/auth/login', { method: 'POST', body: { username, password } });
    forgetUserData();
    queryClient.setQueryData<SessionView>(SESSION_KEY, { user: r.user, ended: null });
    setEnded(null);
    channel?.postMessage('login');
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    const who = queryClient.getQueryData<SessionView>(SESSION_KEY)?.user;
    try {
      await api('/api/v1/auth/logout', { method: 'POST' });
    } finally {
      // Logging out on purpose: this computer keeps none of the user's unsent drafts.
      if (who) clearDraftsOf(who.id);
      queryClient.setQueryData<SessionView>(SESSION_KEY, { user: null, ended: null });
      setEnded(null);
      forgetUserData();
      channel?.postMessage('logout');
    }
  }, []);

  const can = useCallback((p: Permission) => !!me?.permissions.includes(p), [me]);
  // A session the server found timed out (e.g. the login page reloaded after the timeout) says so too.
  const end: SessionEnd = ended ?? (session.data?.ended === 'expired' ? 'expired' : null);
  return <AuthContext.Provider value={{ me, loading: session.isPending, ended: end, login, logout, can }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
