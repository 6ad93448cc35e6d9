import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from '../../app/guards.js';
import { ResidentLayout } from '../../app/ResidentLayout.js';
import { Loading } from '../../components/states.js';

const NewCasePage = lazy(() => import('./NewCasePage.js'));
const MyCasesPage = lazy(() => import('./MyCasesPage.js'));
const CaseProgressPage = lazy(() => import('./CaseProgressPage.js'));
const TrackPage = lazy(() => import('./TrackPage.js'));
const PublicCasesPage = lazy(() => import('./PublicCasesPage.js'));

const signedIn = (page: React.ReactNode) => <RequireAuth>{page}</RequireAuth>;

/** `/cases/*` on a resident's phone: filing, my cases, progress; tracking and the public list need no sign-in. */
export default function CasesResidentRoutes() {
  return (
    <ResidentLayout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="new" element={signedIn(<NewCasePage />)} />
          <Route path="mine" element={signedIn(<MyCasesPage />)} />
          <Route path="track" element={<TrackPage />} />
          <Route path="public" element={<PublicCasesPage />} />
          <Route path=":id" element={signedIn(<CaseProgressPage />)} />
          <Route path="*" element={<Navigate to="/cases/mine" replace />} />
        </Routes>
      </Suspense>
    </ResidentLayout>
  );
}
