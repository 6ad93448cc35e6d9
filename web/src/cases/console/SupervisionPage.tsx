import { Badge, Button, Form, Input, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { CaseStatusTag, LiveBadge, useCaseStream, useLang } from '../shared.js';
import { formatMinutes, type SupervisionBoard, type SupervisionItem } from './stats-types.js';

const KINDS = ['resolution_overdue', 'reopened_overdue', 'still_overdue'] as const;

/** `/console/cases/supervision`: the 督办 board — overdue cases escalated to my units, closed with a note. */
export default function SupervisionPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const feedback = useFeedback();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const kind = params.get('kind') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const set = (next: Record<string, string | null>) => {
    const search = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) (v ? search.set(k, v) : search.delete(k));
    if (!('page' in next)) search.delete('page');
    setParams(search);
  };
  const board = useLoad(
    (signal) => api.get<SupervisionBoard>('/cases/supervision-board', { status, kind: kind || undefined, page, pageSize: 20 }, { signal }),
    [status, kind, page],
  );
  const live = useCaseStream((e) => {
    if (e.type === 'case.escalated' || e.type === 'case.supervision_closed') board.reload();
  });
  const [closing, setClosing] = useState<SupervisionItem | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);

  const close = async (values: { note: string }) => {
    if (!closing) return;
    setBusy(true);
    try {
      await api.post(`/cases/supervision/${closing.id}/close`, { note: values.note.trim() });
      feedback.success(t('cases.boardClosed'));
      setClosing(null);
      form.resetFields();
      board.reload();
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConsolePage
      title={
        <Space>
          {t('cases.boardTitle')}
          {board.data ? <Badge count={board.data.openCount} data-testid="board-open-count" /> : null}
        </Space>
      }
      description={t('cases.boardHint')}
      testId="page-case-board"
      extra={
        <Space>
          <LiveBadge state={live} />
          <Button icon={<ReloadOutlined />} onClick={board.reload}>
            {t('common.refresh')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group value={status} onChange={(e) => set({ status: e.target.value as string })} optionType="button">
          <Radio.Button value="open">{t('cases.boardOpen')}</Radio.Button>
          <Radio.Button value="closed">{t('cases.boardClosedTab')}</Radio.Button>
        </Radio.Group>
        <Select
          allowClear
          placeholder={t('cases.boardKind')}
          value={kind || undefined}
          onChange={(v?: string) => set({ kind: v ?? null })}
          options={KINDS.map((k) => ({ value: k, label: t(`cases.escalation.${k}`) }))}
          style={{ minWidth: 180 }}
          aria-label={t('cases.boardKind')}
        />
      </Space>
      {board.error ? <ErrorState error={board.error} onRetry={board.reload} /> : null}
      <Table<SupervisionItem>
        rowKey="id"
        size="middle"
        loading={board.loading}
        dataSource={board.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: <EmptyState title={t('cases.boardEmpty')} hint={t('cases.boardEmptyHint')} /> }}
        onRow={(i) => ({ 'data-testid': 'board-row', 'data-id': i.id }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ current: board.data?.page ?? page, pageSize: 20, total: board.data?.total ?? 0, onChange: (p) => set({ page: String(p) }) }}
        columns={[
          {
            title: t('cases.trackingNumber'),
            render: (_: unknown, i) => <Link to={`/console/cases/${i.case.id}`}>{i.case.trackingNumber}</Link>,
          },
          { title: t('cases.titleLabel'), render: (_: unknown, i) => i.case.title },
          { title: t('cases.status'), render: (_: unknown, i) => <CaseStatusTag status={i.case.status} /> },
          { title: t('cases.boardKind'), render: (_: unknown, i) => t(`cases.escalation.${i.kind}`) },
          { title: t('cases.boardFrom'), render: (_: unknown, i) => i.fromUnit?.name ?? '—' },
          { title: t('cases.boardTo'), render: (_: unknown, i) => i.toUnit.name },
          { title: t('cases.boardOverdue'), render: (_: unknown, i) => formatMinutes(t, i.overdueMinutes) },
          { title: t('cases.boardAt'), render: (_: unknown, i) => formatDateTime(i.createdAt, lang) },
          {
            title: t('common.actions'),
            render: (_: unknown, i) =>
              i.status === 'closed' ? (
                <Typography.Text className="lx-muted">
                  {t('cases.boardClosedBy', { name: i.closedBy?.name ?? '', at: formatDateTime(i.closedAt, lang) })}
                  {i.closeNote ? `：${i.closeNote}` : ''}
                </Typography.Text>
              ) : i.abilities.close ? (
                <Button size="small" icon={<CheckOutlined />} onClick={() => setClosing(i)} data-testid="board-close">
                  {t('cases.boardClose')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal open={!!closing} title={t('cases.boardClose')} onCancel={() => setClosing(null)} footer={null} destroyOnHidden>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={close}>
          <Form.Item name="note" label={t('cases.boardCloseNote')} rules={[{ required: true, whitespace: true, message: t('cases.noteRequired') }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="board-close-note" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="board-close-submit">
              {t('cases.boardClose')}
            </Button>
            <Button onClick={() => setClosing(null)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Modal>
    </ConsolePage>
  );
}
