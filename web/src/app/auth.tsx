import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, isApiError, onUnauthorized, setCsrfToken } from '../api/client.js';
import type { Grant, Me, Role } from '../api/types.js';

type Status = 'loading' | 'signedIn' | 'signedOut' | 'error';

interface Auth {
  status: Status;
  me: Me | null;
  /** Reloads `GET /api/auth/me` (after sign-in, or when grants change). */
  refresh(): Promise<Me | null>;
  signOut(everywhere?: boolean): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/** The path to come back to after signing in. */
export function loginPath(returnTo: string): string {
  return returnTo && returnTo !== '/' && !returnTo.startsWith('/login') ? `/login?next=${encodeURIComponent(returnTo)}` : '/login';
}

/**
 * Who is signed in. Any API call answered 401 (session expired, signed out
 * elsewhere) sends the person to the sign-in page with a return URL.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const locationRef = useRef(location);
  locationRef.current = location;

  const refresh = useCallback(async () => {
    try {
      const result = await api.get<Me>('/auth/me', undefined, { quiet401: true });
      setCsrfToken(result.csrfToken);
      setMe(result);
      setStatus('signedIn');
      return result;
    } catch (err) {
      if (isApiError(err, 401)) {
        setCsrfToken(null);
        setMe(null);
        setStatus('signedOut');
        return null;
      }
      setStatus((s) => (s === 'signedIn' ? s : 'error'));
      throw err;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);

  useEffect(() => {
    onUnauthorized(() => {
      setMe(null);
      setCsrfToken(null);
      setStatus('signedOut');
      const here = locationRef.current;
      if (!here.pathname.startsWith('/login')) navigate(loginPath(here.pathname + here.search), { replace: true });
    });
    return () => onUnauthorized(null);
  }, [navigate]);

  const signOut = useCallback(
    async (everywhere = false) => {
      try {
        await api.post(everywhere ? '/auth/sign-out-everywhere' : '/auth/sign-out', {}, { quiet401: true });
      } finally {
        setCsrfToken(null);
        setMe(null);
        setStatus('signedOut');
        navigate('/login', { replace: true });
      }
    },
    [navigate],
  );

  const value = useMemo(() => ({ status, me, refresh, signOut }), [status, me, refresh, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Roles that make a person staff (anyone with a grant other than resident). */
export function staffGrants(me: Me | null): Grant[] {
  return (me?.grants ?? []).filter((g) => g.role !== 'resident');
}

export function isStaff(me: Me | null): boolean {
  return staffGrants(me).length > 0;
}

export function hasRole(me: Me | null, roles: readonly Role[]): boolean {
  return (me?.grants ?? []).some((g) => roles.includes(g.role));
}

export function isAdmin(me: Me | null): boolean {
  return hasRole(me, ['admin']);
}
