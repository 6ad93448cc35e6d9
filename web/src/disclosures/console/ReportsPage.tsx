import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CaseSummaryT, CaseViewT } from '../../../../server/modules/cases/schema.js';
import { api } from '../../api/client.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { REPORT_CATEGORY } from '../shared/types.js';

type CasePage = { items: CaseSummaryT[]; total: number; page: number; pageSize: number };

/** One report as the case engine shows it to a discipline inspector: the text, and the reporter (only inspectors get it). */
function ReportDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const report = useLoad((signal) => api.get<CaseViewT>(`/cases/${id}`, undefined, { signal }), [id]);
  const c = report.data;
  return (
    <Drawer open onClose={onClose} width={600} title={c?.title ?? t('common.loading')} data-testid="report-drawer">
      {report.loading && !c ? <Loading rows={4} /> : null}
      {report.error ? <ErrorState error={report.error} onRetry={report.reload} /> : null}
      {c ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="report-detail" data-case-id={c.id}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('disclosures.trackingNumber')}>{c.trackingNumber}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.console.status')}>{t(`disclosures.caseStatus.${c.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.console.village')}>{c.region.name}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.console.handlingUnit')}>{c.handlingUnit?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.console.filedAt')}>{formatDateTime(c.createdAt, i18n.language)}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('disclosures.console.reportText')}>
            <Typography.Paragraph className="lx-dc-body" data-testid="report-text">
              {c.description}
            </Typography.Paragraph>
          </Card>
          <Alert
            type="warning"
            showIcon
            icon={<LockOutlined />}
            data-testid="reporter"
            message={t('disclosures.console.reporter')}
            description={
              c.requester ? (
                <span>
                  <strong data-testid="reporter-name">{c.requester.name}</strong> {c.requester.phone ? <span data-testid="reporter-phone">{c.requester.phone}</span> : null}
                  {c.isAnonymous ? <Tag className="lx-dc-gap-left">{t('disclosures.console.askedAnonymous')}</Tag> : null}
                  <div className="lx-hint">{t('disclosures.console.reporterSecret')}</div>
                </span>
              ) : (
                t('disclosures.console.reporterHidden')
              )
            }
          />
          <Link to={`/console/cases/${c.id}`} data-testid="report-case-link">
            <Button type="primary">{t('disclosures.console.handleInCases')}</Button>
          </Link>
        </Space>
      ) : null}
    </Drawer>
  );
}

/**
 * `/console/disclosures/reports`: confidential reports about village affairs
 * (cases of the confidential category) for discipline inspectors. The list
 * comes from the case engine's queue, which only shows them to inspectors in
 * scope; handling happens in the cases console.
 */
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const open = params.get('case');
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const list = useLoad((signal) => api.get<CasePage>('/cases/queue', { category: REPORT_CATEGORY, page, pageSize: 20, sort: 'created' }, { signal }), [page]);

  return (
    <ConsolePage title={t('disclosures.console.menu.reports')} description={t('disclosures.console.reportsHint')} testId="page-disclosure-reports">
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      <Table
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="report-table"
        scroll={{ x: 700 }}
        locale={{ emptyText: <EmptyState title={t('disclosures.console.noReports')} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (n) => set('page', String(n)), showSizeChanger: false }}
        onRow={(c) => ({ 'data-testid': 'report-row', 'data-case-id': c.id, 'data-tracking': c.trackingNumber }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('disclosures.trackingNumber'), dataIndex: 'trackingNumber', width: 170 },
          { title: t('disclosures.console.titleLabel'), dataIndex: 'title' },
          { title: t('disclosures.console.village'), render: (_, c) => c.region.name, width: 120 },
          { title: t('disclosures.console.status'), render: (_, c) => t(`disclosures.caseStatus.${c.status}`), width: 100 },
          { title: t('disclosures.console.filedAt'), render: (_, c) => formatDateTime(c.createdAt, i18n.language), width: 150 },
          { title: '', render: (_, c) => <Button size="small" onClick={() => set('case', c.id)} data-testid="report-open-detail">{t('disclosures.console.details')}</Button>, width: 90 },
        ]}
      />
      {open ? <ReportDrawer id={open} onClose={() => set('case', null)} /> : null}
    </ConsolePage>
  );
}
