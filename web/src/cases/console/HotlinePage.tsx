import { Button, Card, Form, Input, Result, Select, Space, Switch } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { CASE_PRIORITIES } from '../../../../common/cases/types.js';
import { api, applyFormError } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { RegionPicker, type PickedRegion } from '../../components/RegionPicker.js';
import { useLoad } from '../../lib/useLoad.js';
import { postWithKey, titleFrom } from '../api.js';
import { newIdempotencyKey, priorityText, useLang } from '../shared.js';
import type { CaseView, Category } from '../types.js';

interface Values {
  callerName?: string;
  callerPhone: string;
  categoryCode: string;
  title?: string;
  description: string;
  address?: string;
  priority?: string;
  isPublic: boolean;
}

/**
 * `/console/cases/hotline`: a 12345/12349 operator records a call as a case
 * for the caller (channel `hotline`); the caller tracks it by number and the
 * last 4 digits of the phone. One Idempotency-Key per call form.
 */
export default function HotlinePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const categories = useLoad((signal) => api.get<{ items: Category[] }>('/cases/categories', undefined, { signal }), []);
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [regionError, setRegionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CaseView | null>(null);
  const options = useMemo(
    () => (categories.data?.items ?? []).filter((c) => !c.confidential).map((c) => ({ value: c.code, label: c.parentCode ? `— ${c.name}` : c.name })),
    [categories.data],
  );

  const submit = async (values: Values) => {
    if (!region) return setRegionError(t('cases.regionRequired'));
    setBusy(true);
    try {
      const body = {
        channel: 'hotline',
        callerPhone: values.callerPhone.trim(),
        ...(values.callerName?.trim() ? { callerName: values.callerName.trim() } : {}),
        categoryCode: values.categoryCode,
        title: values.title?.trim() || titleFrom(values.description),
        description: values.description.trim(),
        regionCode: region.code,
        ...(values.address?.trim() ? { address: values.address.trim() } : {}),
        ...(values.priority ? { priority: values.priority } : {}),
        isPublic: values.isPublic,
      };
      const { data } = await postWithKey<CaseView>('/cases', body, key.current, me?.csrfToken ?? null);
      setCreated(data);
    } catch (err) {
      if (!applyFormError(form, err)) {
        if ((err as { field?: string }).field === 'regionCode') setRegionError((err as Error).message);
        else feedback.error(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    key.current = newIdempotencyKey();
    form.resetFields();
    setRegion(null);
    setCreated(null);
  };

  return (
    <ConsolePage title={t('cases.hotlineTitle')} description={t('cases.hotlineHint')} testId="page-case-hotline">
      {created ? (
        <Card data-testid="hotline-created">
          <Result
            status="success"
            title={t('cases.hotlineCreated')}
            subTitle={
              <span>
                {t('cases.trackingNumber')}：<strong className="lx-case-number" data-testid="tracking-number">{created.trackingNumber}</strong>
              </span>
            }
            extra={
              <Space wrap>
                <Link to={`/console/cases/${created.id}`}>
                  <Button type="primary">{t('cases.open')}</Button>
                </Link>
                <Button onClick={next} data-testid="hotline-next">
                  {t('cases.hotlineNext')}
                </Button>
              </Space>
            }
          />
          <p className="lx-hint">{t('cases.hotlineTellCaller', { number: created.trackingNumber })}</p>
        </Card>
      ) : (
        <Card style={{ maxWidth: 720 }}>
          <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ isPublic: false }}>
            <Space wrap style={{ width: '100%' }} align="start">
              <Form.Item name="callerPhone" label={t('cases.callerPhone')} rules={[{ required: true, message: t('cases.callerPhoneRequired') }, { pattern: /^\s*[0-9][0-9-]{6,19}\s*$/, message: t('cases.callerPhoneInvalid') }]}>
                <Input prefix={<PhoneOutlined />} inputMode="tel" data-testid="hotline-phone" />
              </Form.Item>
              <Form.Item name="callerName" label={t('cases.callerName')} rules={[{ max: 30 }]}>
                <Input data-testid="hotline-name" />
              </Form.Item>
            </Space>
            <Form.Item name="description" label={t('cases.description')} rules={[{ required: true, whitespace: true, message: t('cases.descriptionRequired') }, { min: 2, message: t('cases.descriptionShort') }, { max: 2000 }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount data-testid="hotline-description" />
            </Form.Item>
            <Form.Item name="categoryCode" label={t('cases.category')} rules={[{ required: true, message: t('cases.categoryRequired') }]}>
              <Select showSearch optionFilterProp="label" options={options} data-testid="hotline-category" />
            </Form.Item>
            <Form.Item name="title" label={t('cases.titleLabel')} extra={t('cases.titleHint')} rules={[{ min: 2, message: t('cases.titleShort') }, { max: 60 }]}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item label={t('cases.place')} required validateStatus={regionError ? 'error' : undefined} help={regionError ?? undefined}>
              <RegionPicker
                value={region}
                onChange={(r) => {
                  setRegion(r);
                  setRegionError(null);
                }}
              />
            </Form.Item>
            <Form.Item name="address" label={t('cases.address')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="priority" label={t('cases.priority')} extra={t('cases.priorityHint')}>
              <Select allowClear options={CASE_PRIORITIES.map((p) => ({ value: p, label: priorityText(lang, p) }))} />
            </Form.Item>
            <Form.Item name="isPublic" label={t('cases.isPublic')} valuePropName="checked" extra={t('cases.hotlinePublicHint')}>
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="hotline-submit">
              {t('cases.hotlineSubmit')}
            </Button>
          </Form>
        </Card>
      )}
    </ConsolePage>
  );
}
