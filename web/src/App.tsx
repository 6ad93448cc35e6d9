import { lazy, Suspense } from 'react';
import { Button, Result } from 'antd';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AuthProvider } from './app/auth.js';
import { FeedbackProvider } from './app/feedback.js';
import { RequireAuth, RequireStaff } from './app/guards.js';
import { PreferencesProvider } from './app/preferences.js';
import { ResidentLayout } from './app/ResidentLayout.js';
import { Loading } from './components/states.js';

// Every page is its own chunk: a resident's phone never downloads the console.
const LoginPage = lazy(() => import('./pages/LoginPage.js'));
const DevOutboxPage = lazy(() => import('./pages/DevOutboxPage.js'));
const ResidentHome = lazy(() => import('./resident/ResidentHome.js'));
const FeedPage = lazy(() => import('./resident/FeedPage.js'));
const ConsoleApp = lazy(() => import('./console/ConsoleApp.js'));
// Feature areas own their sub-routes (and decide which of them need sign-in).
const CasesResident = lazy(() => import('./cases/resident/Routes.js'));
const DisclosuresResident = lazy(() => import('./disclosures/resident/Routes.js'));
const EmergencyResident = lazy(() => import('./emergency/resident/Routes.js'));

function NotFound() {
  const { t } = useTranslation();
  return (
    <ResidentLayout>
      <Result
        status="404"
        title={t('errors.pageNotFound')}
        subTitle={t('errors.pageNotFoundHint')}
        extra={
          <Link to="/">
            <Button type="primary">{t('nav.residentHome')}</Button>
          </Link>
        }
      />
    </ResidentLayout>
  );
}

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="lx-skip-link" href="#main">
      {t('app.skipToContent')}
    </a>
  );
}

export function App() {
  return (
    <PreferencesProvider>
      <FeedbackProvider>
        <BrowserRouter>
          <AuthProvider>
            <SkipLink />
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/dev/outbox" element={<DevOutboxPage />} />
                <Route
                  path="/"
                  element={
                    <RequireAuth>
                      <ResidentHome />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/feeds/:regionCode"
                  element={
                    <RequireAuth>
                      <FeedPage />
                    </RequireAuth>
                  }
                />
                <Route path="/cases/*" element={<CasesResident />} />
                <Route path="/disclosures/*" element={<DisclosuresResident />} />
                <Route path="/emergency/*" element={<EmergencyResident />} />
                <Route
                  path="/console/*"
                  element={
                    <RequireAuth>
                      <RequireStaff>
                        <ConsoleApp />
                      </RequireStaff>
                    </RequireAuth>
                  }
                />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </AuthProvider>
        </BrowserRouter>
      </FeedbackProvider>
    </PreferencesProvider>
  );
}
