import { Button, Card, Form, Input, Space } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../api/client.js';
import type { Post } from '../api/types.js';
import { useFeedback } from '../app/feedback.js';

/** A resident asks the unit a question in its feed. */
export function AskForm({ regionCode, onPosted, onCancel }: { regionCode: string; onPosted(post: Post | undefined): void; onCancel(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ title?: string; body: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { title?: string; body: string }) => {
    setBusy(true);
    try {
      const post = await api.post<Post>(`/feeds/${regionCode}/posts`, {
        kind: 'question',
        ...(values.title?.trim() ? { title: values.title.trim() } : {}),
        body: values.body.trim(),
      });
      form.resetFields();
      feedback.success(t('feed.askSent'));
      onPosted(post);
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('feed.askTitle')} data-testid="ask-form">
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="title" label={t('feed.askSubject')} rules={[{ max: 100 }]}>
          <Input data-testid="ask-title" />
        </Form.Item>
        <Form.Item name="body" label={t('feed.askBody')} extra={t('feed.askHint')} rules={[{ required: true, whitespace: true, message: t('feed.askRequired') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="ask-body" />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} data-testid="ask-submit">
            {t('feed.askSubmit')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
