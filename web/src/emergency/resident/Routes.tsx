import { Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ResidentLayout } from '../../app/ResidentLayout.js';

/** `/emergency/*` on a resident's phone. */
export default function EmergencyResidentRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="*" element={<ResidentLayout>{t('emergency.title')}</ResidentLayout>} />
    </Routes>
  );
}
