import { Button, Form, Input, Modal, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { kindLabel, periodLabel, statusLabel } from '../shared/labels.js';
import { PublicationTags } from '../shared/StatusTags.js';
import { PUBLICATION_KINDS, type Publication, type PublicationPage, type PublicationStatus } from '../shared/types.js';
import { RegionScope, useRegionParam } from './scope.js';

const STATUSES: PublicationStatus[] = ['draft', 'in_review', 'returned', 'approved', 'published'];

/** Is the person a cadre of this village (they draft; the server decides in the end)? */
export function useIsCadreOf(village: string | null): boolean {
  const { me } = useAuth();
  return !!village && (me?.grants ?? []).some((g) => g.role === 'village_cadre' && g.departmentId === null && village.startsWith(g.regionPrefix));
}

function lastMonth(): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

function CreateDialog({ village, open, onClose }: { village: string; open: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ period: string; kind: string; title: string; body: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { period: string; kind: string; title: string; body: string }) => {
    setBusy(true);
    try {
      const created = await api.post<Publication>(`/disclosures/villages/${village}/publications`, { period: v.period, kind: v.kind, title: v.title.trim(), body: v.body ?? '' });
      feedback.success(t('disclosures.console.created'));
      navigate(`/console/disclosures/publications/${created.id}`);
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  const period = Form.useWatch('period', form);
  const kind = Form.useWatch('kind', form);
  return (
    <Modal open={open} onCancel={onClose} title={t('disclosures.console.create')} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ period: lastMonth(), kind: 'finance', title: '', body: '' }}
        onValuesChange={(changed) => {
          if (('period' in changed || 'kind' in changed) && !form.isFieldTouched('title')) {
            const p = form.getFieldValue('period') as string;
            const k = form.getFieldValue('kind') as string;
            if (/^\d{4}-\d{2}$/.test(p)) form.setFieldValue('title', `${periodLabel(p, i18n.language)}${kindLabel(t, k)}`);
          }
        }}
      >
        <Form.Item name="period" label={t('disclosures.console.period')} rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: t('disclosures.console.periodFormat') }]}>
          <Input type="month" data-testid="create-period" />
        </Form.Item>
        <Form.Item name="kind" label={t('disclosures.console.kind')} rules={[{ required: true }]}>
          <Select options={PUBLICATION_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} data-testid="create-kind" />
        </Form.Item>
        <Form.Item name="title" label={t('disclosures.console.titleLabel')} rules={[{ required: true, whitespace: true, message: t('disclosures.console.titleRequired') }, { max: 100 }]}>
          <Input data-testid="create-title" placeholder={period && kind ? `${periodLabel(period, i18n.language)}${kindLabel(t, kind)}` : ''} />
        </Form.Item>
        <Form.Item name="body" label={t('disclosures.console.bodyLabel')} rules={[{ max: 20000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="create-submit">
            {t('disclosures.console.createSubmit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** `/console/disclosures/publications`: a village's publications in every state; cadres draft new ones. */
export default function PublicationsPage() {
  const { t, i18n } = useTranslation();
  const [village, setVillage] = useRegionParam(true);
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const isCadre = useIsCadreOf(village);
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const list = useLoad(
    (signal) => (village ? api.get<PublicationPage>(`/disclosures/villages/${village}/publications`, { status, kind, page, pageSize: 20 }, { signal }) : Promise.resolve(null)),
    [village, status, kind, page],
  );

  return (
    <ConsolePage
      title={t('disclosures.console.menu.publications')}
      description={t('disclosures.console.publicationsHint')}
      testId="page-disclosure-publications"
      extra={
        isCadre && village ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="publication-create">
            {t('disclosures.console.create')}
          </Button>
        ) : null
      }
    >
      <RegionScope code={village} onChange={setVillage} needVillage />
      {!village ? (
        <EmptyState title={t('disclosures.console.pickVillageFirst')} />
      ) : (
        <>
          <Space wrap className="lx-dc-filters">
            <Select value={status} onChange={(v) => set('status', v)} style={{ minWidth: 140 }} aria-label={t('disclosures.console.status')} data-testid="filter-status"
              options={[{ value: '', label: t('disclosures.console.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))]} />
            <Select value={kind} onChange={(v) => set('kind', v)} style={{ minWidth: 160 }} aria-label={t('disclosures.filterKind')}
              options={[{ value: '', label: t('disclosures.allKinds') }, ...PUBLICATION_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))]} />
          </Space>
          {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
          <Table
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            data-testid="publication-table"
            locale={{ emptyText: <EmptyState title={t('disclosures.noPublications')} hint={isCadre ? t('disclosures.console.noPublicationsCadre') : undefined} /> }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (n) => set('page', String(n)), showSizeChanger: false }}
            columns={[
              {
                title: t('disclosures.console.period'),
                render: (_, p) => (
                  <Link to={`/console/disclosures/publications/${p.id}`} data-testid="publication-row" data-id={p.id} data-status={p.status}>
                    {periodLabel(p.period, i18n.language)} · {kindLabel(t, p.kind)}
                  </Link>
                ),
              },
              { title: t('disclosures.console.titleLabel'), dataIndex: 'title' },
              { title: t('disclosures.console.status'), render: (_, p) => <PublicationTags p={p} /> },
              { title: t('disclosures.dueOn'), dataIndex: 'dueOn' },
              { title: t('disclosures.publishedAtLabel'), render: (_, p) => (p.publishedAt ? formatDateTime(p.publishedAt, i18n.language) : '—') },
            ]}
          />
          {village ? <CreateDialog village={village} open={creating} onClose={() => setCreating(false)} /> : null}
        </>
      )}
    </ConsolePage>
  );
}
