import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { ResidentLayout } from '../../app/ResidentLayout.js';
import { Loading } from '../../components/states.js';

const VillagePublications = lazy(() => import('./VillagePublications.js'));
const PublicationPage = lazy(() => import('./PublicationPage.js'));

/**
 * `/disclosures/*` on a resident's phone. Published disclosures are public:
 * none of these pages asks to sign in (the A3 poster's QR code opens
 * `/disclosures/publications/:id` on any phone); commenting and reporting do.
 */
export default function DisclosuresResidentRoutes() {
  return (
    <ResidentLayout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="publications/:id" element={<PublicationPage />} />
          <Route path="*" element={<VillagePublications />} />
        </Routes>
      </Suspense>
    </ResidentLayout>
  );
}
