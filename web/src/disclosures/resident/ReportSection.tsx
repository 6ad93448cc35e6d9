import { Alert, Button, Card, Checkbox, Form, Input, Result, Select, Space, Typography } from 'antd';
import { LockOutlined, SafetyOutlined } from '@ant-design/icons';
import { useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { newKey, postWithKey } from '../shared/upload.js';
import { loginPath, useAuth } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { useLoad } from '../../lib/useLoad.js';
import { yuan } from '../shared/money.js';
import type { EntryPage, Publication, ReportReceipt } from '../shared/types.js';

interface Values {
  description: string;
  entryIds: string[];
  isAnonymous: boolean;
}

/**
 * 举报: a confidential report to the township's discipline inspectors (a
 * confidential case). The page says plainly who will see it; after filing it
 * shows only the tracking number (nothing is kept in this page's state
 * beyond that).
 */
export function ReportSection({ publication }: { publication: Publication }) {
  const { t } = useTranslation();
  const { status, me } = useAuth();
  const location = useLocation();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  const key = useRef(newKey());
  const entries = useLoad(
    (signal) => (open ? api.get<EntryPage>(`/disclosures/publications/${publication.id}/entries`, { pageSize: 500 }, { signal }) : Promise.resolve(null)),
    [publication.id, open],
  );
  const entryOptions = useMemo(
    () => (entries.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.voucherNo} · ${e.purpose} · ${yuan(e.amountFen)}` })),
    [entries.data],
  );

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const body = { description: values.description.trim(), isAnonymous: values.isAnonymous, ...(values.entryIds?.length ? { entryIds: values.entryIds } : {}) };
      setReceipt(await postWithKey<ReportReceipt>(`/disclosures/publications/${publication.id}/reports`, body, key.current, me?.csrfToken ?? null));
      key.current = newKey();
      form.resetFields();
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="dc-report" data-testid="report-section">
      <Typography.Title level={4} id="dc-report">
        <SafetyOutlined aria-hidden /> {t('disclosures.report')}
      </Typography.Title>
      <Alert type="info" showIcon icon={<LockOutlined />} message={t('disclosures.reportWho')} description={t('disclosures.reportWhoDetail')} data-testid="report-who" />
      {receipt ? (
        <Result
          status="success"
          title={t('disclosures.reportFiled')}
          subTitle={
            <div data-testid="report-receipt">
              <div>
                {t('disclosures.trackingNumber')}: <strong data-testid="report-tracking">{receipt.trackingNumber}</strong>
              </div>
              {receipt.routedTo ? <div>{t('disclosures.routedTo', { unit: receipt.routedTo })}</div> : null}
              <div className="lx-hint">{t('disclosures.reportKeepNumber')}</div>
            </div>
          }
          extra={
            <Space wrap>
              <Link to="/cases/mine">
                <Button>{t('disclosures.myCases')}</Button>
              </Link>
              <Button onClick={() => setReceipt(null)}>{t('disclosures.reportAnother')}</Button>
            </Space>
          }
        />
      ) : status !== 'signedIn' ? (
        <Card size="small">
          <Space wrap>
            <span className="lx-hint">{t('disclosures.signInToReport')}</span>
            <Link to={loginPath(location.pathname)} data-testid="report-sign-in">
              <Button>{t('disclosures.signIn')}</Button>
            </Link>
          </Space>
        </Card>
      ) : !open ? (
        <Button block size="large" icon={<SafetyOutlined />} onClick={() => setOpen(true)} data-testid="report-open">
          {t('disclosures.reportOpen')}
        </Button>
      ) : (
        <Card size="small" data-testid="report-form">
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ description: '', entryIds: [], isAnonymous: false }}>
            <Form.Item
              name="description"
              label={t('disclosures.reportDescription')}
              extra={t('disclosures.reportDescriptionHint')}
              rules={[
                { required: true, whitespace: true, message: t('disclosures.reportDescriptionRequired') },
                { min: 5, message: t('disclosures.reportDescriptionShort') },
                { max: 1500 },
              ]}
            >
              <Input.TextArea rows={4} data-testid="report-description" />
            </Form.Item>
            <Form.Item name="entryIds" label={t('disclosures.reportEntries')} extra={t('disclosures.reportEntriesHint')}>
              <Select mode="multiple" allowClear options={entryOptions} loading={entries.loading} maxCount={20} optionFilterProp="label" data-testid="report-entries" />
            </Form.Item>
            <Form.Item name="isAnonymous" valuePropName="checked" extra={t('disclosures.anonymousHint')}>
              <Checkbox data-testid="report-anonymous">{t('disclosures.anonymous')}</Checkbox>
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">
                {t('disclosures.reportSubmit')}
              </Button>
              <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
    </section>
  );
}
