import { Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ResidentLayout } from '../../app/ResidentLayout.js';

/** `/disclosures/*` on a resident's phone. */
export default function DisclosuresResidentRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="*" element={<ResidentLayout>{t('disclosures.title')}</ResidentLayout>} />
    </Routes>
  );
}
