import { lazy, Suspense, type ReactElement } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useAuth } from '../../app/auth.js';
import { canSeeItem } from '../../console/access.js';
import { Loading } from '../../components/states.js';
import { disclosuresMenu } from './menu.js';

const PublicationsPage = lazy(() => import('./PublicationsPage.js'));
const PublicationEditor = lazy(() => import('./PublicationEditor.js'));
const FundsPage = lazy(() => import('./FundsPage.js'));
const FlagsPage = lazy(() => import('./FlagsPage.js'));
const ReportsPage = lazy(() => import('./ReportsPage.js'));
const CompliancePage = lazy(() => import('./CompliancePage.js'));
const SettingsPage = lazy(() => import('./SettingsPage.js'));

/** `/console/disclosures/*` in the staff console; each page only for the roles of its menu entry (the server decides the rest). */
export default function DisclosuresConsoleRoutes() {
  const { me } = useAuth();
  const allowed = (path: string) => {
    const item = disclosuresMenu.find((m) => m.path === path);
    return !!item && canSeeItem(me, item);
  };
  const first = disclosuresMenu.find((m) => canSeeItem(me, m));
  const guard = (path: string, element: ReactElement) => (allowed(path) ? element : <Navigate to="/console/disclosures" replace />);
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={first ? <Navigate to={`/console/disclosures/${first.path}`} replace /> : <Navigate to="/console" replace />} />
        <Route path="publications" element={guard('publications', <PublicationsPage />)} />
        <Route path="publications/:id" element={guard('publications', <PublicationEditor />)} />
        <Route path="funds" element={guard('funds', <FundsPage />)} />
        <Route path="flags" element={guard('flags', <FlagsPage />)} />
        <Route path="reports" element={guard('reports', <ReportsPage />)} />
        <Route path="compliance" element={guard('compliance', <CompliancePage />)} />
        <Route path="settings" element={guard('settings', <SettingsPage />)} />
        <Route path="*" element={<Navigate to="/console/disclosures" replace />} />
      </Routes>
    </Suspense>
  );
}
