import { Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** `/console/cases/*` in the staff console. */
export default function CasesConsoleRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="*" element={<div>{t('cases.title')}</div>} />
    </Routes>
  );
}
