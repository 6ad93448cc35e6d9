import { Alert, Button, Checkbox, Descriptions, Drawer, Form, Input, InputNumber, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { ReadingOutcome, StayWithReadings } from '../api.js';

const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'dyspnea', 'chest_pain', 'confusion', 'vomiting', 'diarrhea', 'loss_of_taste'] as const;
type Reading = StayWithReadings['readings'][number];

interface ReadingValues {
  temperature?: number;
  spo2?: number;
  systolic?: number;
  diastolic?: number;
  heartRate?: number;
  symptoms?: string[];
  note?: string;
}

/** A resident of a station: daily checks (the deterioration rules run on each), alerts, green-channel transfers, discharge. */
export function StayDrawer({ stayId, onClose, onChange }: { stayId: string | null; onClose(): void; onChange(): void }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<ReadingValues>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReadingOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const stay = useLoad((signal) => (stayId ? api.get<StayWithReadings>(`/emergency/stays/${stayId}`, undefined, { signal }) : Promise.resolve(null)), [stayId]);
  const s = stay.data;

  const record = async (v: ReadingValues) => {
    if (!s) return;
    const body = Object.fromEntries(Object.entries({ ...v, note: v.note?.trim() || undefined }).filter(([, x]) => x !== undefined && x !== null && !(Array.isArray(x) && x.length === 0)));
    if (Object.keys(body).filter((k) => k !== 'note').length === 0) {
      setProblem(t('emergency.console.readings.empty'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const outcome = await api.post<ReadingOutcome>(`/emergency/stays/${s.id}/readings`, body);
      setResult(outcome);
      form.resetFields();
      stay.reload();
      onChange();
    } catch (err) {
      if (!applyFormError(form, err)) setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const act = async (path: string, body: unknown, done: string) => {
    try {
      await api.post(path, body);
      feedback.success(done);
      stay.reload();
      onChange();
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Drawer open={!!stayId} onClose={() => { setResult(null); onClose(); }} width={640} title={s ? `${s.name} · ${s.station.name}` : ''} destroyOnHidden>
      {stay.loading && !s ? <Loading rows={5} /> : null}
      {stay.error ? <ErrorState error={stay.error} onRetry={stay.reload} /> : null}
      {s ? (
        <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="stay-drawer">
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('emergency.console.stays.status')}>{t(`emergency.console.stays.statuses.${s.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stays.phone')}>{s.phone}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stays.age')}>{s.age}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stays.condition')}>{t(`emergency.console.stays.conditions.${s.condition}`)}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stays.reasons')}>{s.reasons.map((r) => t(`emergency.console.stays.reason.${r}`)).join('；') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stays.riskGroups')}>{s.riskGroups.map((g) => <Tag color="orange" key={g}>{t(`emergency.console.stays.risk.${g}`)}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stays.room')}>{s.room?.number ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stays.monitoring')}>
              {t('emergency.console.stays.everyHours', { n: s.monitoringHours })}
              {s.nextCheckDueAt ? ` · ${t('emergency.console.stays.nextCheck')} ${formatDateTime(s.nextCheckDueAt, i18n.language)}` : ''}
            </Descriptions.Item>
          </Descriptions>

          {s.hospitalTransfers.map((h) => (
            <Alert
              key={h.id}
              type="error"
              showIcon
              message={t('emergency.console.hospital.title', { hospital: h.hospitalName, status: t(`emergency.console.hospital.statuses.${h.status}`) })}
              description={`${h.reason} · ${formatDateTime(h.requestedAt, i18n.language)}`}
              action={
                h.status !== 'arrived' ? (
                  <Button size="small" onClick={() => void act(`/emergency/hospital-transfers/${h.id}/status`, { status: h.status === 'requested' ? 'dispatched' : 'arrived' }, t('emergency.console.hospital.updated'))}>
                    {t(h.status === 'requested' ? 'emergency.console.hospital.dispatch' : 'emergency.console.hospital.arrive')}
                  </Button>
                ) : undefined
              }
            />
          ))}

          {s.abilities.record ? (
            <Form form={form} layout="vertical" onFinish={(v) => void record(v)} data-testid="reading-form">
              <Space wrap align="start">
                <Form.Item name="temperature" label={t('emergency.console.readings.temperature')}>
                  <InputNumber min={30} max={45} step={0.1} precision={1} addonAfter="℃" data-testid="reading-temperature" />
                </Form.Item>
                <Form.Item name="spo2" label={t('emergency.console.readings.spo2')}>
                  <InputNumber min={50} max={100} precision={0} addonAfter="%" data-testid="reading-spo2" />
                </Form.Item>
                <Form.Item name="systolic" label={t('emergency.console.readings.systolic')}>
                  <InputNumber min={40} max={300} precision={0} addonAfter="mmHg" />
                </Form.Item>
                <Form.Item name="diastolic" label={t('emergency.console.readings.diastolic')}>
                  <InputNumber min={20} max={200} precision={0} addonAfter="mmHg" />
                </Form.Item>
                <Form.Item name="heartRate" label={t('emergency.console.readings.heartRate')}>
                  <InputNumber min={20} max={250} precision={0} addonAfter={t('emergency.console.readings.bpm')} />
                </Form.Item>
              </Space>
              <Form.Item name="symptoms" label={t('emergency.console.readings.symptoms')}>
                <Checkbox.Group options={SYMPTOMS.map((x) => ({ value: x, label: t(`emergency.console.readings.symptom.${x}`) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('emergency.console.readings.note')}>
                <Input maxLength={200} />
              </Form.Item>
              {problem ? <Alert type="error" showIcon message={problem} className="lx-em-gap" /> : null}
              {result ? (
                <Alert
                  className="lx-em-gap"
                  showIcon
                  type={result.alerts.length ? 'error' : 'success'}
                  data-testid="reading-result"
                  message={result.alerts.length ? t('emergency.console.readings.alerted', { rules: result.alerts.map((a) => t(`emergency.console.alerts.rules.${a.rule}`, { defaultValue: a.rule })).join('、') }) : t('emergency.console.readings.ok')}
                  description={result.hospitalTransfer ? t('emergency.console.readings.greenChannel', { hospital: result.hospitalTransfer.hospitalName }) : undefined}
                />
              ) : null}
              <Button type="primary" htmlType="submit" loading={busy} data-testid="reading-submit">
                {t('emergency.console.readings.record')}
              </Button>
            </Form>
          ) : null}

          <Table<Reading>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 10, showSizeChanger: false }}
            dataSource={s.readings}
            locale={{ emptyText: t('emergency.console.readings.none') }}
            columns={[
              { title: t('emergency.console.readings.at'), render: (_, r) => formatDateTime(r.takenAt, i18n.language) },
              { title: t('emergency.console.readings.temperature'), render: (_, r) => (r.temperature !== null ? `${r.temperature}℃` : '—') },
              { title: 'SpO₂', render: (_, r) => (r.spo2 !== null ? <span className={r.spo2 < 93 ? 'lx-em-overdue' : ''}>{r.spo2}%</span> : '—') },
              { title: t('emergency.console.readings.bp'), render: (_, r) => (r.systolic !== null ? `${r.systolic}/${r.diastolic ?? '—'}` : '—') },
              { title: t('emergency.console.readings.heartRate'), render: (_, r) => r.heartRate ?? '—' },
              { title: t('emergency.console.readings.symptoms'), render: (_, r) => r.symptoms.map((x) => t(`emergency.console.readings.symptom.${x}`, { defaultValue: x })).join('、') || '—' },
              { title: t('emergency.console.readings.by'), dataIndex: 'recordedBy' },
            ]}
          />

          <Space wrap>
            {s.abilities.discharge ? (
              <Popconfirm title={t('emergency.console.stays.dischargeAsk')} onConfirm={() => act(`/emergency/stays/${s.id}/discharge`, {}, t('emergency.console.stays.discharged'))} okText={t('emergency.yes')} cancelText={t('common.cancel')}>
                <Button data-testid="stay-discharge">{t('emergency.console.stays.discharge')}</Button>
              </Popconfirm>
            ) : null}
            {s.abilities.withdraw ? (
              <Popconfirm title={t('emergency.console.stays.withdrawAsk')} onConfirm={() => act(`/emergency/stays/${s.id}/withdraw`, {}, t('emergency.console.stays.withdrawn'))} okText={t('emergency.yes')} cancelText={t('common.cancel')}>
                <Button>{t('emergency.console.stays.withdraw')}</Button>
              </Popconfirm>
            ) : null}
          </Space>
        </Space>
      ) : null}
    </Drawer>
  );
}
