import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Loading } from '../../components/states.js';

const QueuePage = lazy(() => import('./QueuePage.js'));
const CaseDetailPage = lazy(() => import('./CaseDetailPage.js'));
const RoutingRulesPage = lazy(() => import('./RoutingRulesPage.js'));
const SupervisionPage = lazy(() => import('./SupervisionPage.js'));
const HotlinePage = lazy(() => import('./HotlinePage.js'));
// The dashboard carries ECharts: its own chunk, loaded only when opened.
const StatsPage = lazy(() => import('./StatsPage.js'));

/** `/console/cases/*` in the staff console (the server decides what each person may see and do). */
export default function CasesConsoleRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<QueuePage />} />
        <Route path="routing" element={<RoutingRulesPage />} />
        <Route path="supervision" element={<SupervisionPage />} />
        <Route path="hotline" element={<HotlinePage />} />
        <Route path="stats" element={<StatsPage />} />
        <Route path=":id" element={<CaseDetailPage />} />
        <Route path="*" element={<Navigate to="/console/cases" replace />} />
      </Routes>
    </Suspense>
  );
}
