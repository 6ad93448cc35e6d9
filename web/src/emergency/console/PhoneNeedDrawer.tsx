import { Alert, Button, Card, Drawer, Form, Input, InputNumber, Radio, Result, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../../api/client.js';
import type { Grid, Incident, NeedWithTimeline } from '../api.js';
import { itemText } from '../shared.js';

const KINDS = ['medicine', 'dialysis_drug', 'infant_formula', 'food', 'daily_necessity', 'other'] as const;
const NEEDS_STRENGTH = ['medicine', 'dialysis_drug'];
const URGENCIES = ['life_critical', 'urgent', 'normal'] as const;

interface Values {
  gridId: string;
  callerName: string;
  phone: string;
  compound: string;
  building: string;
  urgency: (typeof URGENCIES)[number];
  items: { kind: (typeof KINDS)[number]; name: string; strength?: string; quantity: number; unit?: string }[];
  note?: string;
}

/**
 * Staff record a need for a resident who phoned (no smartphone):
 * `POST /emergency/incidents/:id/phone-needs`. Afterwards the case tracking
 * number is shown large, to read back to the caller, who follows the
 * progress with it and the last 4 digits of their phone.
 */
export function PhoneNeedDrawer(props: { incident: Incident; grids: Grid[]; open: boolean; onClose: () => void; onRecorded: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<NeedWithTimeline | null>(null);

  const reset = () => {
    setRecorded(null);
    setProblem(null);
    form.resetFields();
  };
  const close = () => {
    reset();
    props.onClose();
  };

  const submit = async (v: Values) => {
    const grid = props.grids.find((g) => g.id === v.gridId);
    if (!grid) return;
    setSending(true);
    setProblem(null);
    try {
      const need = await api.post<NeedWithTimeline>(`/emergency/incidents/${props.incident.id}/phone-needs`, {
        regionCode: grid.regionCode,
        gridId: grid.id,
        callerName: v.callerName.trim(),
        phone: v.phone.trim(),
        compound: v.compound.trim(),
        building: v.building.trim(),
        urgency: v.urgency,
        note: v.note?.trim() || null,
        items: v.items.map((i) => ({ kind: i.kind, name: i.name.trim(), strength: i.strength?.trim() || null, quantity: i.quantity, unit: i.unit?.trim() || null })),
      });
      setRecorded(need);
      props.onRecorded();
    } catch (err) {
      // The server names the field: regionCode is the grid's region here.
      if (!applyFormError(form, err, { regionCode: 'gridId' })) setProblem(errorText(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <Drawer open={props.open} onClose={close} width={520} title={t('emergency.console.phoneNeed.title')} destroyOnClose data-testid="phone-need-drawer">
      {recorded ? (
        <Result
          status="success"
          title={t('emergency.console.phoneNeed.done')}
          subTitle={t('emergency.console.phoneNeed.readBack', { phone4: recorded.phone.slice(-4) })}
          extra={
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Title level={2} copyable data-testid="phone-need-tracking" style={{ letterSpacing: 2 }}>
                {recorded.caseTrackingNumber ?? '—'}
              </Typography.Title>
              {!recorded.caseTrackingNumber ? <Alert type="warning" showIcon message={t('emergency.console.phoneNeed.noTracking')} /> : null}
              <Typography.Paragraph className="lx-muted">{recorded.items.map(itemText).join('；')}</Typography.Paragraph>
              <Space wrap>
                <Button type="primary" onClick={reset} data-testid="phone-need-another">
                  {t('emergency.console.phoneNeed.another')}
                </Button>
                <Link to={`/emergency/need/${recorded.id}`}>{t('emergency.need.open')}</Link>
              </Space>
            </Space>
          }
        />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ urgency: 'urgent', items: [{ kind: 'medicine', quantity: 1 }] }}
          data-testid="phone-need-form"
          scrollToFirstError
        >
          <Alert type="info" showIcon message={t('emergency.console.phoneNeed.hint')} style={{ marginBottom: 16 }} />
          <Form.Item name="gridId" label={t('emergency.need.grid')} extra={t('emergency.console.phoneNeed.gridHint')} rules={[{ required: true, message: t('emergency.console.phoneNeed.gridRequired') }]}>
            <Select showSearch optionFilterProp="label" options={props.grids.map((g) => ({ value: g.id, label: g.name }))} data-testid="phone-need-grid"
              notFoundContent={t('emergency.console.phoneNeed.noGrids')} />
          </Form.Item>
          <Form.Item name="callerName" label={t('emergency.console.phoneNeed.callerName')} rules={[{ required: true, whitespace: true, message: t('emergency.console.phoneNeed.callerNameRequired') }, { max: 30 }]}>
            <Input maxLength={30} data-testid="phone-need-caller" />
          </Form.Item>
          <Form.Item name="phone" label={t('emergency.need.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('emergency.need.phoneInvalid') }]}>
            <Input inputMode="tel" maxLength={11} data-testid="phone-need-phone" />
          </Form.Item>
          <Form.Item name="urgency" label={t('emergency.need.urgency')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={URGENCIES.map((u) => ({ value: u, label: t(`emergency.urgency.${u}`) }))} />
          </Form.Item>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
                {fields.map((field, index) => (
                  <Card key={field.key} size="small" title={t('emergency.need.itemN', { n: index + 1 })}
                    extra={fields.length > 1 ? <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('emergency.need.removeItem')} /> : null}
                  >
                    <Space.Compact block>
                      <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]} style={{ flex: 1 }}>
                        <Select options={KINDS.map((k) => ({ value: k, label: t(`emergency.kind.${k}`) }))} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('emergency.need.itemNameRequired') }, { max: 60 }]} style={{ flex: 2 }}>
                        <Input maxLength={60} placeholder={t('emergency.need.itemName')} data-testid="phone-need-item-name" />
                      </Form.Item>
                    </Space.Compact>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const required = NEEDS_STRENGTH.includes(form.getFieldValue(['items', field.name, 'kind']) as string);
                        return (
                          <Space.Compact block>
                            <Form.Item name={[field.name, 'strength']} rules={[{ required, whitespace: true, message: t('emergency.need.strengthRequired') }, { max: 30 }]} style={{ flex: 2 }}>
                              <Input maxLength={30} placeholder={t('emergency.need.strength')} data-testid="phone-need-item-strength" />
                            </Form.Item>
                            <Form.Item name={[field.name, 'quantity']} rules={[{ required: true }]} style={{ flex: 1 }}>
                              <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} aria-label={t('emergency.need.quantity')} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'unit']} style={{ flex: 1 }}>
                              <Input maxLength={10} placeholder={t('emergency.need.unitPlaceholder')} />
                            </Form.Item>
                          </Space.Compact>
                        );
                      }}
                    </Form.Item>
                  </Card>
                ))}
                {fields.length < 20 ? (
                  <Button block icon={<PlusOutlined />} onClick={() => add({ kind: 'medicine', quantity: 1 })}>
                    {t('emergency.need.addItem')}
                  </Button>
                ) : null}
              </Space>
            )}
          </Form.List>
          <Form.Item name="compound" label={t('emergency.need.compound')} rules={[{ required: true, whitespace: true, message: t('emergency.need.compoundRequired') }]}>
            <Input maxLength={60} placeholder={t('emergency.need.compoundPlaceholder')} data-testid="phone-need-compound" />
          </Form.Item>
          <Form.Item name="building" label={t('emergency.need.building')} rules={[{ required: true, whitespace: true, message: t('emergency.need.buildingRequired') }]}>
            <Input maxLength={60} data-testid="phone-need-building" />
          </Form.Item>
          <Form.Item name="note" label={t('emergency.console.phoneNeed.note')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('emergency.console.phoneNeed.notePlaceholder')} />
          </Form.Item>
          {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" block loading={sending} data-testid="phone-need-submit">
            {t('emergency.console.phoneNeed.submit')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
