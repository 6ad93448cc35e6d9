import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { yuan } from '../shared/money.js';
import { kindLabel, periodLabel } from '../shared/labels.js';
import { PublicationTags } from '../shared/StatusTags.js';
import type { Publication } from '../shared/types.js';
import { FundsSection } from './FundsSection.js';
import { EntriesSection } from './EntriesSection.js';
import { HistorySection } from './HistorySection.js';
import { CommentsSection } from './CommentsSection.js';
import { ReportSection } from './ReportSection.js';

/**
 * `/disclosures/publications/:id`: one publication for anyone (the poster's
 * QR code points here): totals, every fund's money (budget vs actual, where
 * the rest went), the ledger with receipts, earlier months and versions,
 * comments and the confidential report form.
 */
export default function PublicationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const pub = useLoad((signal) => api.get<Publication>(`/disclosures/publications/${id}`, undefined, { signal }), [id]);
  const p = pub.data;

  if (pub.loading && !p) return <Loading rows={8} />;
  if (pub.error || !p) return <ErrorState error={pub.error} onRetry={pub.reload} />;
  const place = p.village.path.slice(2).map((x) => x.name).join(' / ') || p.village.name;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="publication-page" data-id={p.id} data-status={p.status}>
      <Link to={`/disclosures?village=${p.regionCode}`} className="lx-dc-back" data-testid="back-to-list">
        <ArrowLeftOutlined aria-hidden /> {t('disclosures.backToList')}
      </Link>
      <div>
        <div className="lx-muted">{place}</div>
        <Typography.Title level={3} className="lx-dc-title" data-testid="publication-title">
          {periodLabel(p.period, i18n.language)} {kindLabel(t, p.kind)}
        </Typography.Title>
        <div className="lx-dc-subtitle">{p.title}</div>
        <PublicationTags p={p} />
      </div>

      {!p.isLatest ? (
        <Alert
          type="warning"
          showIcon
          data-testid="not-latest"
          message={t('disclosures.notLatest')}
          action={
            <Link to={`/disclosures/publications/${p.latestId}`}>
              <Button size="small">{t('disclosures.openLatest')}</Button>
            </Link>
          }
        />
      ) : null}
      {p.correctionReason ? <Alert type="info" showIcon data-testid="correction-reason" message={t('disclosures.correctionOf', { version: p.version - 1 })} description={p.correctionReason} /> : null}

      <Card size="small" title={t('disclosures.totals')} data-testid="totals">
        <Descriptions column={1} size="small" colon={false}>
          <Descriptions.Item label={t('disclosures.income')}>
            <strong data-testid="total-income">{yuan(p.totals.incomeFen)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('disclosures.expense')}>
            <strong data-testid="total-expense">{yuan(p.totals.expenseFen)}</strong>
          </Descriptions.Item>
          {p.totals.transferFen > 0 ? <Descriptions.Item label={t('disclosures.transfer')}>{yuan(p.totals.transferFen)}</Descriptions.Item> : null}
          <Descriptions.Item label={t('disclosures.entryCount')}>{p.totals.entryCount}</Descriptions.Item>
          <Descriptions.Item label={t('disclosures.dueOn')}>{p.dueOn}</Descriptions.Item>
          {p.publishedAt ? <Descriptions.Item label={t('disclosures.publishedAtLabel')}>{formatDateTime(p.publishedAt, i18n.language)}</Descriptions.Item> : null}
        </Descriptions>
        {p.body ? <Typography.Paragraph className="lx-dc-body">{p.body}</Typography.Paragraph> : null}
        <Space wrap>
          {p.status === 'published' ? (
            <a href={`/api/disclosures/publications/${p.id}/poster.pdf`} target="_blank" rel="noreferrer" data-testid="poster-link">
              <Button icon={<FilePdfOutlined />}>{t('disclosures.poster')}</Button>
            </a>
          ) : null}
        </Space>
      </Card>

      {p.openFlags !== null && p.openFlags > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="open-flags-note"
          message={t('disclosures.openFlagsNote', { count: p.openFlags })}
          action={
            <Link to={`/console/disclosures/flags?region=${p.regionCode}`}>
              <Button size="small">{t('disclosures.openFlagsLink')}</Button>
            </Link>
          }
        />
      ) : null}

      <FundsSection publication={p} />
      <EntriesSection publication={p} />
      <HistorySection publication={p} />
      {p.chain ? (
        <Card size="small" data-testid="chain-note" className="lx-dc-chain">
          <SafetyCertificateOutlined aria-hidden /> {t('disclosures.chainNote', { seq: p.chain.seq })}{' '}
          <code className="lx-dc-hash" title={p.chain.hash}>
            {p.chain.hash.slice(0, 12)}…
          </code>{' '}
          <a href={`/api/disclosures/villages/${p.regionCode}/chain?verify=true`} target="_blank" rel="noreferrer" data-testid="chain-link">
            {t('disclosures.chainVerify')}
          </a>
        </Card>
      ) : null}
      {p.status === 'published' ? (
        <>
          <CommentsSection publication={p} />
          <ReportSection publication={p} />
        </>
      ) : null}
    </Space>
  );
}
