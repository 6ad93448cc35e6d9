import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireAuth } from '../../app/guards.js';
import { Loading } from '../../components/states.js';

const EmergencyHome = lazy(() => import('./EmergencyHome.js'));
const NeedForm = lazy(() => import('./NeedForm.js'));
const MyNeeds = lazy(() => import('./MyNeeds.js'));
const NeedPage = lazy(() => import('./NeedPage.js'));
const ErrandsPage = lazy(() => import('./ErrandsPage.js'));

const auth = (el: React.ReactNode) => (
  <RequireAuth>
    <Suspense fallback={<Loading />}>{el}</Suspense>
  </RequireAuth>
);

/** `/emergency/*` on a resident's (or a volunteer's) phone. */
export default function EmergencyResidentRoutes() {
  return (
    <Routes>
      <Route index element={auth(<EmergencyHome />)} />
      <Route path="i/:incidentId/new" element={auth(<NeedForm />)} />
      <Route path="i/:incidentId/mine" element={auth(<MyNeeds />)} />
      <Route path="i/:incidentId/errands" element={auth(<ErrandsPage />)} />
      <Route path="need/:id" element={auth(<NeedPage />)} />
      <Route path="*" element={auth(<EmergencyHome />)} />
    </Routes>
  );
}
