import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../../api/client.js';
import type { Household } from '../../api/types.js';
import { ResidentLayout } from '../../app/ResidentLayout.js';
import { ErrorState, Loading } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import { regionPrefix } from '../../../../common/regions.js';
import type { Incident, NeedWithTimeline } from '../api.js';

const KINDS = ['medicine', 'dialysis_drug', 'infant_formula', 'food', 'daily_necessity', 'other'] as const;
const NEEDS_STRENGTH = ['medicine', 'dialysis_drug'];
const URGENCIES = ['life_critical', 'urgent', 'normal'] as const;

interface ItemValues {
  kind: (typeof KINDS)[number];
  name: string;
  strength?: string;
  quantity: number;
  unit?: string;
  toBuy: boolean;
}
interface Values {
  householdId?: string;
  compound: string;
  building: string;
  phone: string;
  urgency: (typeof URGENCIES)[number];
  items: ItemValues[];
  note?: string;
}

/** `/emergency/i/:incidentId/new`: a resident under lockdown asks for medicine, formula, dialysis drugs … */
export default function NeedForm() {
  const { incidentId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const incident = useLoad((signal) => api.get<Incident>(`/emergency/incidents/${incidentId}`, undefined, { signal }), [incidentId]);
  const households = useLoad((signal) => api.get<{ items: Household[] }>('/households/mine', undefined, { signal }), []);
  const mine = (households.data?.items ?? []).filter(
    (h) => h.myStatus === 'verified' && (!incident.data || h.regionCode.startsWith(regionPrefix(incident.data.regionCode))),
  );
  const firstHousehold = mine[0];
  useEffect(() => {
    // The flat defaults to the household's address; the resident corrects it if needed.
    if (firstHousehold && !form.getFieldValue('building')) form.setFieldsValue({ householdId: firstHousehold.id, building: firstHousehold.address });
  }, [firstHousehold, form]);

  const submit = async (values: Values) => {
    setSending(true);
    setProblem(null);
    try {
      const need = await api.post<NeedWithTimeline>(`/emergency/incidents/${incidentId}/needs`, {
        householdId: values.householdId,
        compound: values.compound.trim(),
        building: values.building.trim(),
        phone: values.phone.trim(),
        urgency: values.urgency,
        note: values.note?.trim() || null,
        items: values.items.map((i) => ({
          kind: i.kind,
          name: i.name.trim(),
          strength: i.strength?.trim() || null,
          quantity: i.quantity,
          unit: i.unit?.trim() || null,
          toBuy: i.toBuy,
        })),
      });
      navigate(`/emergency/need/${need.id}?posted=1`);
    } catch (err) {
      if (!applyFormError(form, err)) setProblem(errorText(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <ResidentLayout>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Link to="/emergency" className="lx-back">
          <ArrowLeftOutlined aria-hidden /> {t('nav.back')}
        </Link>
        <Typography.Title level={3} className="lx-em-title">
          {t('emergency.need.formTitle')}
        </Typography.Title>
        <Alert type="info" showIcon message={t('emergency.need.formHint')} />
        {incident.error ? <ErrorState error={incident.error} onRetry={incident.reload} /> : null}
        {households.loading && !households.data ? <Loading rows={4} /> : null}
        {households.data && mine.length === 0 ? <Alert type="warning" showIcon message={t('emergency.need.noHousehold')} description={t('emergency.need.noHouseholdHint')} /> : null}
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          onFinish={(v) => void submit(v)}
          initialValues={{ urgency: 'urgent', items: [{ kind: 'medicine', quantity: 1, toBuy: true }] }}
          data-testid="need-form"
          scrollToFirstError
        >
          {mine.length > 1 ? (
            <Form.Item name="householdId" label={t('emergency.need.household')} rules={[{ required: true, message: t('emergency.need.householdRequired') }]}>
              <Select
                options={mine.map((h) => ({ value: h.id, label: `${h.regionName} ${h.address}` }))}
                onChange={(id) => form.setFieldsValue({ building: mine.find((h) => h.id === id)?.address ?? '' })}
              />
            </Form.Item>
          ) : (
            <Form.Item name="householdId" hidden>
              <Input />
            </Form.Item>
          )}

          <Form.Item name="urgency" label={t('emergency.need.urgency')} rules={[{ required: true }]}>
            <Radio.Group className="lx-em-urgency" data-testid="need-urgency">
              {URGENCIES.map((u) => (
                <Radio key={u} value={u} data-testid={`urgency-${u}`}>
                  <strong>{t(`emergency.urgency.${u}`)}</strong>
                  <div className="lx-muted">{t(`emergency.urgencyHint.${u}`)}</div>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>

          <Typography.Title level={5}>{t('emergency.need.items')}</Typography.Title>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <Card key={field.key} size="small" className="lx-em-item-card" data-testid="need-item" title={t('emergency.need.itemN', { n: index + 1 })}
                    extra={fields.length > 1 ? <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('emergency.need.removeItem')} /> : null}
                  >
                    <Form.Item name={[field.name, 'kind']} label={t('emergency.need.kind')} rules={[{ required: true }]}>
                      <Select data-testid="item-kind" options={KINDS.map((k) => ({ value: k, label: t(`emergency.kind.${k}`) }))} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('emergency.need.itemName')}
                      extra={t('emergency.need.itemNameHint')}
                      rules={[{ required: true, whitespace: true, message: t('emergency.need.itemNameRequired') }, { max: 60 }]}
                    >
                      <Input data-testid="item-name" maxLength={60} />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.items?.[index]?.kind !== b.items?.[index]?.kind}>
                      {() => {
                        const kind = form.getFieldValue(['items', field.name, 'kind']) as string;
                        const required = NEEDS_STRENGTH.includes(kind);
                        return (
                          <Form.Item
                            name={[field.name, 'strength']}
                            label={t('emergency.need.strength')}
                            extra={required ? t('emergency.need.strengthHint') : undefined}
                            rules={[{ required, whitespace: true, message: t('emergency.need.strengthRequired') }, { max: 30 }]}
                          >
                            <Input data-testid="item-strength" maxLength={30} />
                          </Form.Item>
                        );
                      }}
                    </Form.Item>
                    <Space.Compact block>
                      <Form.Item name={[field.name, 'quantity']} label={t('emergency.need.quantity')} rules={[{ required: true }]} style={{ flex: 1 }}>
                        <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} data-testid="item-quantity" />
                      </Form.Item>
                      <Form.Item name={[field.name, 'unit']} label={t('emergency.need.unit')} style={{ flex: 1 }}>
                        <Input maxLength={10} placeholder={t('emergency.need.unitPlaceholder')} data-testid="item-unit" />
                      </Form.Item>
                    </Space.Compact>
                    <Form.Item name={[field.name, 'toBuy']} valuePropName="checked" extra={t('emergency.need.toBuyHint')}>
                      <Checkbox>{t('emergency.need.toBuy')}</Checkbox>
                    </Form.Item>
                  </Card>
                ))}
                {fields.length < 20 ? (
                  <Button block icon={<PlusOutlined />} onClick={() => add({ kind: 'medicine', quantity: 1, toBuy: true })} data-testid="add-item">
                    {t('emergency.need.addItem')}
                  </Button>
                ) : null}
              </Space>
            )}
          </Form.List>

          <Typography.Title level={5} className="lx-em-subtitle">
            {t('emergency.need.where')}
          </Typography.Title>
          <Form.Item name="compound" label={t('emergency.need.compound')} rules={[{ required: true, whitespace: true, message: t('emergency.need.compoundRequired') }]}>
            <Input maxLength={60} placeholder={t('emergency.need.compoundPlaceholder')} data-testid="need-compound" />
          </Form.Item>
          <Form.Item name="building" label={t('emergency.need.building')} rules={[{ required: true, whitespace: true, message: t('emergency.need.buildingRequired') }]}>
            <Input maxLength={60} data-testid="need-building" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('emergency.need.phone')}
            extra={t('emergency.need.phoneHint')}
            rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('emergency.need.phoneInvalid') }]}
          >
            <Input inputMode="tel" maxLength={11} autoComplete="tel" data-testid="need-phone" />
          </Form.Item>
          <Form.Item name="note" label={t('emergency.need.note')}>
            <Input.TextArea maxLength={500} rows={3} placeholder={t('emergency.need.notePlaceholder')} data-testid="need-note" />
          </Form.Item>
          {problem ? <Alert type="error" showIcon message={problem} role="alert" data-testid="need-error" className="lx-em-gap" /> : null}
          <Button type="primary" htmlType="submit" block size="large" loading={sending} disabled={mine.length === 0} data-testid="need-submit">
            {t('emergency.need.submit')}
          </Button>
        </Form>
      </Space>
    </ResidentLayout>
  );
}
