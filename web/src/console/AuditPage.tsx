import { AutoComplete, Button, DatePicker, Form, Input, Space, Table, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryString } from '../api/client.js';
import type { AuditEntry, AuditPageResult } from '../api/types.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { formatDateTime } from '../lib/time.js';
import { roleLabel } from '../lib/labels.js';
import { useLoad } from '../lib/useLoad.js';
import { ConsolePage } from './ConsolePage.js';

interface Filters {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

interface FilterForm {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters(values: FilterForm): Filters {
  const out: Filters = {};
  for (const key of ['actorId', 'action', 'targetType', 'targetId'] as const) {
    const v = values[key]?.trim();
    if (v) out[key] = v;
  }
  const [start, end] = values.range ?? [];
  // Bare dates are Beijing calendar days for the server; `to` includes its whole day.
  if (start) out.from = start.format('YYYY-MM-DD');
  if (end) out.to = end.format('YYYY-MM-DD');
  return out;
}

/** 审计日志: who did what, when, from where (admins); filters and CSV export. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const actions = useLoad((signal) => api.get<{ items: string[] }>('/audit/actions', undefined, { signal }), []);
  const entries = useLoad(
    (signal) => api.get<AuditPageResult>('/audit', { ...filters, page, pageSize }, { signal }),
    [JSON.stringify(filters), page, pageSize],
  );

  return (
    <ConsolePage
      title={t('console.nav.audit')}
      description={t('audit.pageHint')}
      testId="page-audit"
      extra={
        entries.data?.abilities?.export === false ? null : (
        <Button icon={<DownloadOutlined />} href={`/api/audit/export.csv${queryString({ ...filters })}`} download data-testid="audit-export">
          {t('audit.export')}
        </Button>
        )
      }
    >
      <Form
        form={form}
        layout="inline"
        className="lx-filters"
        onFinish={(values) => {
          setFilters(toFilters(values));
          setPage(1);
        }}
      >
        <Form.Item name="actorId" label={t('audit.actorId')} rules={[{ pattern: /^[0-9a-fA-F-]{36}$/, message: t('audit.actorIdInvalid') }]}>
          <Input allowClear style={{ width: 200 }} data-testid="audit-actor" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')} rules={[{ pattern: /^[A-Za-z0-9_.:-]+$/, message: t('audit.actionInvalid') }]}>
          <AutoComplete
            allowClear
            style={{ width: 220 }}
            placeholder={t('audit.actionPlaceholder')}
            options={(actions.data?.items ?? []).map((a) => ({ value: a }))}
            filterOption={(input, option) => String(option?.value ?? '').toLowerCase().includes(input.toLowerCase())}
            data-testid="audit-action"
          />
        </Form.Item>
        <Form.Item name="targetType" label={t('audit.targetType')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="targetId" label={t('audit.targetId')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage(1);
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {entries.error ? <ErrorState error={entries.error} onRetry={entries.reload} /> : null}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={entries.loading}
        dataSource={entries.data?.items ?? []}
        data-testid="audit-table"
        scroll={{ x: 960 }}
        locale={{ emptyText: entries.loading ? ' ' : <EmptyState title={t('audit.empty')} hint={t('audit.emptyHint')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: entries.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, size) => {
            setPage(p);
            setPageSize(size);
          },
        }}
        expandable={{
          rowExpandable: (e) => e.before != null || e.after != null,
          expandedRowRender: (e) => (
            <div className="lx-audit-details-wrap">
              {e.before != null ? (
                <div>
                  <strong>{t('audit.before')}</strong>
                  <pre className="lx-audit-details">{JSON.stringify(e.before, null, 2)}</pre>
                </div>
              ) : null}
              {e.after != null ? (
                <div>
                  <strong>{t('audit.after')}</strong>
                  <pre className="lx-audit-details">{JSON.stringify(e.after, null, 2)}</pre>
                </div>
              ) : null}
            </div>
          ),
        }}
        columns={[
          { title: t('audit.time'), key: 'time', width: 170, render: (_: unknown, e) => formatDateTime(e.createdAt, i18n.language) },
          {
            title: t('audit.actor'),
            key: 'actor',
            render: (_: unknown, e) =>
              e.actor ? (
                <span title={e.actor.id}>
                  {e.actor.name ?? <Typography.Text code>{e.actor.id.slice(0, 8)}</Typography.Text>}
                  {e.actorRoles?.length ? <span className="lx-muted"> · {e.actorRoles.map((r) => roleLabel(t, r)).join('、')}</span> : null}
                </span>
              ) : (
                <span className="lx-muted">{t('audit.system')}</span>
              ),
          },
          { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <Typography.Text code>{a}</Typography.Text> },
          { title: t('audit.targetType'), dataIndex: 'targetType', render: (v: string | null) => v ?? '—' },
          { title: t('audit.targetId'), dataIndex: 'targetId', render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }}>{v.slice(0, 8)}</Typography.Text> : '—') },
          { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null | undefined) => v ?? '—' },
        ]}
      />
    </ConsolePage>
  );
}
