import { useTranslation } from 'react-i18next';
import { StatusTag } from '../../components/StatusTag.js';
import { STATUS_TONE, statusLabel } from './labels.js';
import type { PublicationSummary } from './types.js';

/** A publication's state, and whether it came out on time (icon + words, never colour alone). */
export function PublicationTags({ p }: { p: Pick<PublicationSummary, 'status' | 'late' | 'version' | 'isLatest'> }) {
  const { t } = useTranslation();
  return (
    <span className="lx-dc-tags">
      <StatusTag tone={STATUS_TONE[p.status]} testId="publication-status">
        {statusLabel(t, p.status)}
      </StatusTag>
      {p.late === true ? <StatusTag tone="danger" testId="publication-late">{t('disclosures.late')}</StatusTag> : null}
      {p.late === false ? <StatusTag tone="success">{t('disclosures.onTime')}</StatusTag> : null}
      {p.version > 1 ? <StatusTag tone="notice">{t('disclosures.versionN', { n: p.version })}</StatusTag> : null}
      {!p.isLatest ? <StatusTag tone="neutral">{t('disclosures.superseded')}</StatusTag> : null}
    </span>
  );
}
