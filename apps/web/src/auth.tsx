import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, getToken, type Me, setToken } from './api.ts';

interface AuthState {
  me: Me | null;
  loading: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  can(permission: string): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const onOut = () => setMe(null);
    window.addEventListener('fep:logged-out', onOut);
    if (!getToken()) setLoading(false);
    else
      api<Me>('/api/v1/auth/me')
        .then(setMe)
        .catch(() => setMe(null))
        .finally(() => setLoading(false));
    return () => window.removeEventListener('fep:logged-out', onOut);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api<{ token: string; user: Me }>('/api/v1/auth/login', { method: 'POST', body: { username, password } });
    setToken(r.token);
    setMe(r.user);
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST' });
    } finally {
      setToken(null);
      setMe(null);
    }
  }, []);

  const can = useCallback((p: string) => !!me?.permissions.includes(p), [me]);
  return <AuthContext.Provider value={{ me, loading, login, logout, can }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
