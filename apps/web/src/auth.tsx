import type { Me } from '@fep/contracts';
import type { Permission } from '@fep/domain';
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, getToken, setToken } from './api.ts';
import { queryClient } from './query.ts';

interface AuthState {
  me: Me | null;
  loading: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  can(permission: Permission): boolean;
}

const AuthContext = createContext<AuthState | null>(null);
const ME_KEY = ['auth', 'me'];

export function AuthProvider({ children }: { children: ReactNode }) {
  const [signedIn, setSignedIn] = useState(() => !!getToken());
  const meQuery = useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: () => api<Me>('/api/v1/auth/me').catch(() => null),
    enabled: signedIn,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const me = signedIn ? (meQuery.data ?? null) : null;

  // Not data fetching: api.ts announces a rejected session with an event; forget the user and the cache.
  useEffect(() => {
    const onOut = () => {
      setSignedIn(false);
      queryClient.clear();
    };
    window.addEventListener('fep:logged-out', onOut);
    return () => window.removeEventListener('fep:logged-out', onOut);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api<{ token: string; user: Me }>('/api/v1/auth/login', { method: 'POST', body: { username, password } });
    setToken(r.token);
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, r.user);
    setSignedIn(true);
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST' });
    } finally {
      setToken(null);
      setSignedIn(false);
      queryClient.clear();
    }
  }, []);

  const can = useCallback((p: Permission) => !!me?.permissions.includes(p), [me]);
  const loading = signedIn && meQuery.isPending;
  return <AuthContext.Provider value={{ me, loading, login, logout, can }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
