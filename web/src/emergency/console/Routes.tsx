import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Loading } from '../../components/states.js';
import { IncidentProvider } from './IncidentContext.js';

const IncidentsConsole = lazy(() => import('./IncidentsConsole.js'));
const BoardConsole = lazy(() => import('./BoardConsole.js'));
const NeedsConsole = lazy(() => import('./NeedsConsole.js'));
const NoticesConsole = lazy(() => import('./NoticesConsole.js'));
const NoticeDetail = lazy(() => import('./NoticeDetail.js'));
const RiskConsole = lazy(() => import('./RiskConsole.js'));
const StationsConsole = lazy(() => import('./StationsConsole.js'));
const StationPage = lazy(() => import('./StationPage.js'));
const TransfersConsole = lazy(() => import('./TransfersConsole.js'));

/** `/console/emergency/*` in the staff console; every page works in the incident chosen at the top. */
export default function EmergencyConsoleRoutes() {
  return (
    <IncidentProvider>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<IncidentsConsole />} />
          <Route path="board" element={<BoardConsole />} />
          <Route path="needs" element={<NeedsConsole />} />
          <Route path="notices" element={<NoticesConsole />} />
          <Route path="notices/:id" element={<NoticeDetail />} />
          <Route path="risk" element={<RiskConsole />} />
          <Route path="stations" element={<StationsConsole />} />
          <Route path="stations/:id" element={<StationPage />} />
          <Route path="transfers" element={<TransfersConsole />} />
          <Route path="*" element={<IncidentsConsole />} />
        </Routes>
      </Suspense>
    </IncidentProvider>
  );
}
