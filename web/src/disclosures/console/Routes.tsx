import { Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** `/console/disclosures/*` in the staff console. */
export default function DisclosuresConsoleRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="*" element={<div>{t('disclosures.title')}</div>} />
    </Routes>
  );
}
