import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isStaff, loginPath, useAuth } from './auth.js';
import { ErrorState, Loading } from '../components/states.js';

/** Pages for signed-in people: others go to sign in and come back here after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, refresh } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (status === 'loading') return <Loading label={t('auth.checking')} />;
  if (status === 'error')
    return (
      <div className="lx-page">
        <ErrorState error={new Error(t('errors.server'))} onRetry={() => void refresh().catch(() => undefined)} />
      </div>
    );
  if (status === 'signedOut') return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  return <>{children}</>;
}

/** The staff console: people with a grant other than resident. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const { t } = useTranslation();
  if (!isStaff(me))
    return (
      <Result
        status="403"
        title={t('console.noAccessTitle')}
        subTitle={t('console.noAccessHint')}
        extra={
          <Link to="/">
            <Button type="primary">{t('nav.residentHome')}</Button>
          </Link>
        }
      />
    );
  return <>{children}</>;
}
