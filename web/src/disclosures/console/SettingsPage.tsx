import { Alert, Button, Checkbox, Form, Input, InputNumber, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { ErrorState, Loading } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import { parseYuanToFen } from '../shared/money.js';
import { kindLabel } from '../shared/labels.js';
import { PUBLICATION_KINDS, type Settings } from '../shared/types.js';
import { RegionScope, useRegionParam } from './scope.js';

const MONEY = ['cashLimitFen', 'approvalThresholdFen', 'majorSpendFen'] as const;
type Values = { dueDay: number; splitWindowDays: number; gapTolerancePct: number; requiredKinds: string[]; trackingFrom: string } & Record<(typeof MONEY)[number], string>;

const toYuanText = (fen: number) => (fen / 100).toFixed(2);

/** `/console/disclosures/settings`: due day and red-flag thresholds of a region (inherited by the villages below). */
export default function SettingsPage() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [region, setRegion] = useRegionParam(false);
  const settings = useLoad((signal) => (region ? api.get<Settings>(`/disclosures/settings/${region}`, undefined, { signal }) : Promise.resolve(null)), [region]);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const s = settings.data;
  useEffect(() => {
    if (s) form.setFieldsValue({ ...s, cashLimitFen: toYuanText(s.cashLimitFen), approvalThresholdFen: toYuanText(s.approvalThresholdFen), majorSpendFen: toYuanText(s.majorSpendFen), trackingFrom: s.trackingFrom ?? '' });
  }, [s, form]);

  const submit = async (v: Values) => {
    const money: Record<string, number> = {};
    for (const k of MONEY) {
      const fen = parseYuanToFen(v[k]);
      if (fen === null) {
        form.setFields([{ name: k, errors: [t('disclosures.console.amountInvalid')] }]);
        return;
      }
      money[k] = fen;
    }
    setBusy(true);
    try {
      settings.setData(
        await api.put<Settings>(`/disclosures/settings/${region}`, {
          dueDay: v.dueDay,
          splitWindowDays: v.splitWindowDays,
          gapTolerancePct: v.gapTolerancePct,
          requiredKinds: v.requiredKinds,
          trackingFrom: v.trackingFrom || null,
          ...money,
        }),
      );
      feedback.success(t('disclosures.console.saved'));
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConsolePage title={t('disclosures.console.menu.settings')} description={t('disclosures.console.settingsHint')} testId="page-disclosure-settings">
      <RegionScope code={region} onChange={setRegion} needVillage={false} />
      {settings.loading && !s ? <Loading rows={4} /> : null}
      {settings.error ? <ErrorState error={settings.error} onRetry={settings.reload} /> : null}
      {s ? (
        <>
          <Alert
            className="lx-dc-gap"
            type="info"
            showIcon
            message={s.inheritedFrom ? t('disclosures.console.inheritedFrom', { code: s.inheritedFrom }) : s.inheritedFrom === null ? t('disclosures.console.ownOrDefault') : ''}
          />
          <Form form={form} layout="vertical" onFinish={submit} disabled={!s.abilities.edit} style={{ maxWidth: 560 }} className="lx-dc-gap">
            <Space wrap>
              <Form.Item name="dueDay" label={t('disclosures.console.dueDay')} extra={t('disclosures.console.dueDayHint')} rules={[{ required: true }]}>
                <InputNumber min={1} max={31} />
              </Form.Item>
              <Form.Item name="splitWindowDays" label={t('disclosures.console.splitWindowDays')} rules={[{ required: true }]}>
                <InputNumber min={1} max={366} />
              </Form.Item>
              <Form.Item name="gapTolerancePct" label={t('disclosures.console.gapTolerancePct')} rules={[{ required: true }]}>
                <InputNumber min={0} max={100} addonAfter="%" />
              </Form.Item>
            </Space>
            {MONEY.map((k) => (
              <Form.Item key={k} name={k} label={t(`disclosures.console.${k}`)} rules={[{ required: true, whitespace: true }]}>
                <Input prefix="¥" inputMode="decimal" style={{ maxWidth: 220 }} />
              </Form.Item>
            ))}
            <Form.Item name="requiredKinds" label={t('disclosures.console.requiredKinds')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Checkbox.Group options={PUBLICATION_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
            </Form.Item>
            <Form.Item name="trackingFrom" label={t('disclosures.console.trackingFrom')} extra={t('disclosures.console.trackingFromHint')}>
              <Input type="month" style={{ maxWidth: 180 }} />
            </Form.Item>
            {s.abilities.edit ? (
              <Button type="primary" htmlType="submit" loading={busy} data-testid="settings-save">
                {t('disclosures.console.save')}
              </Button>
            ) : (
              <Alert type="warning" showIcon message={t('disclosures.console.settingsReadOnly')} />
            )}
          </Form>
        </>
      ) : null}
    </ConsolePage>
  );
}
