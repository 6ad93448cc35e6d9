import { Alert, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../../api/client.js';
import { useAuth, hasRole } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { RegionPicker, type PickedRegion } from '../../components/RegionPicker.js';
import { EmptyState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import type { Incident } from '../api.js';
import { GridsSection } from './GridsSection.js';
import { IncidentSwitch, useIncident, WithIncident } from './IncidentContext.js';

/** `/console/emergency`: incidents (activate for a region subtree, end) and the chosen incident's grids and teams. */
export default function IncidentsConsole() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const feedback = useFeedback();
  const { incidents, reload, select } = useIncident();
  const [creating, setCreating] = useState(false);
  const end = async (incident: Incident) => {
    try {
      await api.post(`/emergency/incidents/${incident.id}/end`, {});
      feedback.success(t('emergency.console.incidents.ended'));
      reload();
    } catch (err) {
      feedback.error(err);
    }
  };
  return (
    <ConsolePage
      title={t('emergency.console.incidents.title')}
      description={t('emergency.console.incidents.description')}
      extra={
        hasRole(me, ['admin', 'township_official']) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="incident-new">
            {t('emergency.console.incidents.activate')}
          </Button>
        ) : null
      }
      testId="console-incidents"
    >
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Table<Incident>
          rowKey="id"
          size="small"
          dataSource={incidents}
          pagination={false}
          locale={{ emptyText: <EmptyState title={t('emergency.console.noIncident')} hint={t('emergency.console.noIncidentHint')} /> }}
          columns={[
            { title: t('emergency.console.incidents.name'), render: (_, i) => <Button type="link" onClick={() => select(i.id)}>{i.name}</Button> },
            { title: t('emergency.console.incidents.region'), dataIndex: 'regionName' },
            { title: t('emergency.console.incidents.started'), render: (_, i) => formatDateTime(i.startedAt, i18n.language) },
            { title: t('emergency.console.incidents.ends'), render: (_, i) => (i.endedAt ? formatDateTime(i.endedAt, i18n.language) : '—') },
            { title: '', render: (_, i) => (i.active ? <Tag color="red">{t('emergency.console.active')}</Tag> : <Tag>{t('emergency.console.ended')}</Tag>) },
            {
              title: '',
              render: (_, i) =>
                i.active && i.abilities.manage ? (
                  <Popconfirm title={t('emergency.console.incidents.endAsk')} onConfirm={() => end(i)} okText={t('emergency.yes')} cancelText={t('common.cancel')}>
                    <Button danger size="small">{t('emergency.console.incidents.end')}</Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
        <Card size="small" title={t('emergency.console.grids.title')} extra={<IncidentSwitch />}>
          <WithIncident>{(incident) => <GridsSection incident={incident} />}</WithIncident>
        </Card>
      </Space>
      <ActivateIncident open={creating} onClose={() => setCreating(false)} onCreated={(i) => { setCreating(false); reload(); select(i.id); }} />
    </ConsolePage>
  );
}

interface Values {
  name: string;
  region: PickedRegion;
  description?: string;
  startedAt?: Dayjs;
}

function ActivateIncident({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(i: Incident): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      const incident = await api.post<Incident>('/emergency/incidents', {
        name: v.name.trim(),
        regionCode: v.region.code,
        description: v.description?.trim() || null,
        ...(v.startedAt ? { startedAt: v.startedAt.toISOString() } : {}),
      });
      form.resetFields();
      onCreated(incident);
    } catch (err) {
      if (!applyFormError(form, err, { regionCode: 'region' })) setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('emergency.console.incidents.activate')} footer={null} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={t('emergency.console.incidents.name')} rules={[{ required: true, whitespace: true, message: t('emergency.console.incidents.nameRequired') }]}>
          <Input maxLength={60} placeholder={t('emergency.console.incidents.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="region" label={t('emergency.console.incidents.region')} extra={t('emergency.console.incidents.regionHint')} rules={[{ required: true, message: t('emergency.console.incidents.regionRequired') }]}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="description" label={t('emergency.console.incidents.descriptionLabel')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="startedAt" label={t('emergency.console.incidents.started')} extra={t('emergency.console.incidents.startedHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        {problem ? <Alert type="error" showIcon message={problem} className="lx-em-gap" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('emergency.console.incidents.activate')}
        </Button>
      </Form>
    </Modal>
  );
}
