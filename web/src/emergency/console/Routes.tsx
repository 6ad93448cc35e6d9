import { Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** `/console/emergency/*` in the staff console. */
export default function EmergencyConsoleRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="*" element={<div>{t('emergency.title')}</div>} />
    </Routes>
  );
}
