import { Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { ErrorState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { CaseStatusTag, CaseTimeline, ratingText, useLang } from '../shared.js';
import type { TrackView } from '../types.js';

/** `/cases/track`: anyone looks a case up by its number (private ones: with the phone's last 4 digits). No sign-in. */
export default function TrackPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ trackingNumber: string; phoneLast4?: string }>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TrackView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [needPhone, setNeedPhone] = useState(false);

  const submit = async (values: { trackingNumber: string; phoneLast4?: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const number = values.trackingNumber.trim().toUpperCase();
      setResult(await api.get<TrackView>(`/cases/track/${encodeURIComponent(number)}`, { phoneLast4: values.phoneLast4?.trim() }, { quiet401: true }));
    } catch (err) {
      if ((err as { field?: string }).field === 'phoneLast4') setNeedPhone(true);
      if (!applyFormError(form, err, { trackingNumber: 'trackingNumber' })) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="page-case-track">
      <Typography.Title level={3}>{t('cases.trackTitle')}</Typography.Title>
      <Typography.Paragraph className="lx-hint">{t('cases.trackHint')}</Typography.Paragraph>
      <Card>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ trackingNumber: params.get('number') ?? '' }}>
          <Form.Item
            name="trackingNumber"
            label={t('cases.trackingNumber')}
            rules={[
              { required: true, whitespace: true, message: t('cases.trackNumberRequired') },
              { pattern: /^\s*[Zz][Zz][0-9]{10,12}\s*$/, message: t('cases.trackNumberInvalid') },
            ]}
          >
            <Input placeholder="ZZ2611220001" autoCapitalize="characters" data-testid="track-number" />
          </Form.Item>
          <Form.Item
            name="phoneLast4"
            label={t('cases.phoneLast4')}
            extra={needPhone ? t('cases.phoneLast4Needed') : t('cases.phoneLast4Hint')}
            rules={[{ pattern: /^[0-9]{4}$/, message: t('cases.phoneLast4Invalid') }]}
          >
            <Input inputMode="numeric" maxLength={4} data-testid="track-phone" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy} block data-testid="track-submit">
            {t('common.search')}
          </Button>
        </Form>
      </Card>
      {error ? <ErrorState error={error} /> : null}
      {result ? (
        <Card className="lx-case-track-result" data-testid="track-result">
          <Typography.Title level={4}>{result.title}</Typography.Title>
          <CaseStatusTag status={result.status} />
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('cases.trackingNumber')}>{result.trackingNumber}</Descriptions.Item>
            <Descriptions.Item label={t('cases.category')}>{result.category.name}</Descriptions.Item>
            <Descriptions.Item label={t('cases.place')}>
              {result.region.name}
              {result.address ? ` · ${result.address}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.requester')}>{result.requesterName}</Descriptions.Item>
            <Descriptions.Item label={t('cases.handlingUnit')}>{result.handlingUnit?.name ?? t('cases.awaitingDispatch')}</Descriptions.Item>
            <Descriptions.Item label={t('cases.submittedAt')}>{formatDateTime(result.createdAt, lang)}</Descriptions.Item>
            {result.rating ? <Descriptions.Item label={t('cases.rating')}>{ratingText(lang, result.rating)}</Descriptions.Item> : null}
            {result.mergedInto ? <Descriptions.Item label={t('cases.mergedInto')}>{result.mergedInto.trackingNumber}</Descriptions.Item> : null}
          </Descriptions>
          {result.description ? <Typography.Paragraph>{result.description}</Typography.Paragraph> : null}
          <CaseTimeline events={[...result.timeline].reverse()} />
        </Card>
      ) : null}
    </div>
  );
}
