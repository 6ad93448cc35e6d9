import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../../api/client.js';

const CONDITIONS = ['asymptomatic', 'mild', 'moderate', 'severe'] as const;
const REASONS = ['no_home_isolation', 'fear_infecting_family', 'no_caregiver'] as const;

interface Values {
  name: string;
  phone: string;
  age: number;
  condition: (typeof CONDITIONS)[number];
  reasons: string[];
  consent: string[];
  hasUnderlyingCondition: boolean;
  pregnant: boolean;
}

/**
 * An application for a stay, taken by phone or at the desk (seed 001: 无症状或轻症; 不具备居家隔离条件、
 * 担心传染家人或身边无人照顾; 知情、自愿、自费). The server decides eligibility and names the field.
 */
export function ApplyModal({ incidentId, stationId, open, onClose, onDone }: { incidentId: string; stationId: string; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/emergency/incidents/${incidentId}/stations/applications`, {
        stationId,
        name: v.name.trim(),
        phone: v.phone.trim(),
        age: v.age,
        condition: v.condition,
        reasons: v.reasons ?? [],
        informed: v.consent?.includes('informed') ?? false,
        voluntary: v.consent?.includes('voluntary') ?? false,
        selfPaid: v.consent?.includes('selfPaid') ?? false,
        hasUnderlyingCondition: v.hasUnderlyingCondition ?? false,
        pregnant: v.pregnant ?? false,
      });
      form.resetFields();
      onDone();
    } catch (err) {
      if (!applyFormError(form, err, { informed: 'consent', voluntary: 'consent', selfPaid: 'consent' })) setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('emergency.console.stays.register')} footer={null} width={640} destroyOnHidden>
      <Alert type="info" showIcon className="lx-em-gap" message={t('emergency.console.apply.rules')} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ condition: 'asymptomatic', reasons: [], consent: [] }} data-testid="apply-form">
        <Form.Item name="name" label={t('emergency.console.stays.name')} rules={[{ required: true, whitespace: true, message: t('emergency.console.apply.nameRequired') }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="phone" label={t('emergency.console.stays.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('emergency.need.phoneInvalid') }]}>
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
        <Form.Item name="age" label={t('emergency.console.stays.age')} rules={[{ required: true, message: t('emergency.console.apply.ageRequired') }]}>
          <InputNumber min={0} max={130} precision={0} />
        </Form.Item>
        <Form.Item name="condition" label={t('emergency.console.stays.condition')} rules={[{ required: true }]}>
          <Radio.Group options={CONDITIONS.map((c) => ({ value: c, label: t(`emergency.console.stays.conditions.${c}`) }))} />
        </Form.Item>
        <Form.Item name="reasons" label={t('emergency.console.stays.reasons')} extra={t('emergency.console.apply.reasonsHint')}>
          <Checkbox.Group options={REASONS.map((r) => ({ value: r, label: t(`emergency.console.stays.reason.${r}`) }))} />
        </Form.Item>
        <Form.Item name="consent" label={t('emergency.console.apply.consent')}>
          <Checkbox.Group options={(['informed', 'voluntary', 'selfPaid'] as const).map((c) => ({ value: c, label: t(`emergency.console.apply.${c}`) }))} />
        </Form.Item>
        <Form.Item name="hasUnderlyingCondition" valuePropName="checked">
          <Checkbox>{t('emergency.console.apply.underlying')}</Checkbox>
        </Form.Item>
        <Form.Item name="pregnant" valuePropName="checked">
          <Checkbox>{t('emergency.console.apply.pregnant')}</Checkbox>
        </Form.Item>
        {problem ? <Alert type="error" showIcon message={problem} className="lx-em-gap" data-testid="apply-error" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('emergency.console.apply.submit')}
        </Button>
      </Form>
    </Modal>
  );
}
