import { Route, Routes } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ResidentLayout } from '../../app/ResidentLayout.js';

/** `/cases/*` on a resident's phone. */
export default function CasesResidentRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route path="*" element={<ResidentLayout>{t('cases.title')}</ResidentLayout>} />
    </Routes>
  );
}
