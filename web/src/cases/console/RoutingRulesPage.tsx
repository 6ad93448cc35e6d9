import { Alert, Button, Card, Col, Descriptions, Form, Input, Popconfirm, Row, Select, Table, Typography } from 'antd';
import { DeleteOutlined, EyeOutlined, SaveOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEPARTMENT_TYPES } from '../../../../server/modules/regions/departments.js';
import { ROUTING_LEVELS } from '../../../../common/cases/types.js';
import { api, applyFormError } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { RegionPicker, type PickedRegion } from '../../components/RegionPicker.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { useLang } from '../shared.js';
import type { Category, RoutePreview, RoutingRule } from '../types.js';

interface RuleValues {
  categoryCode: string;
  regionPrefix?: string;
  targetLevel: RoutingRule['targetLevel'];
  departmentType?: string | null;
}

/** `/console/cases/routing`: category × region → handling unit, edited by administrators, with a preview. */
export default function RoutingRulesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const feedback = useFeedback();
  const rules = useLoad((signal) => api.get<{ items: RoutingRule[] }>('/cases/routing-rules', undefined, { signal }), []);
  const categories = useLoad((signal) => api.get<{ items: Category[] }>('/cases/categories', undefined, { signal }), []);
  const [form] = Form.useForm<RuleValues>();
  const [previewForm] = Form.useForm<{ categoryCode: string }>();
  const [busy, setBusy] = useState(false);
  const [sample, setSample] = useState<PickedRegion | null>(null);
  const [preview, setPreview] = useState<RoutePreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [sampleMissing, setSampleMissing] = useState(false);
  const names = new Map((categories.data?.items ?? []).map((c) => [c.code, c.name]));
  const categoryOptions = (categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.parentCode ? `— ${c.name}` : c.name }));

  const save = async (values: RuleValues) => {
    setBusy(true);
    try {
      await api.put('/cases/routing-rules', {
        categoryCode: values.categoryCode,
        regionPrefix: values.regionPrefix?.trim() ?? '',
        targetLevel: values.targetLevel,
        departmentType: values.departmentType || null,
      });
      feedback.success(t('cases.ruleSaved'));
      rules.reload();
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (rule: RoutingRule) => {
    try {
      await api.del(`/cases/routing-rules/${rule.id}`);
      feedback.success(t('cases.ruleDeleted'));
      rules.reload();
    } catch (err) {
      feedback.error(err);
    }
  };

  const runPreview = async (values: { categoryCode: string }) => {
    setPreviewError(null);
    setPreview(null);
    if (!sample) return setSampleMissing(true);
    try {
      setPreview(await api.get<RoutePreview>('/cases/routing-rules/preview', { categoryCode: values.categoryCode, regionCode: sample.code }));
    } catch (err) {
      if (!applyFormError(previewForm, err)) setPreviewError(err);
    }
  };

  return (
    <ConsolePage title={t('cases.rulesTitle')} description={t('cases.rulesHint')} testId="page-case-rules">
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          {rules.error ? <ErrorState error={rules.error} onRetry={rules.reload} /> : null}
          <Table<RoutingRule>
            rowKey="id"
            size="small"
            loading={rules.loading}
            dataSource={rules.data?.items ?? []}
            locale={{ emptyText: <EmptyState title={t('cases.rulesEmpty')} hint={t('cases.rulesEmptyHint')} /> }}
            onRow={(r) => ({ onClick: () => form.setFieldsValue({ ...r, departmentType: r.departmentType ?? undefined }), 'data-testid': 'rule-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('cases.category'), render: (_: unknown, r: RoutingRule) => names.get(r.categoryCode) ?? r.categoryCode },
              { title: t('cases.regionPrefix'), render: (_: unknown, r: RoutingRule) => r.regionPrefix || t('cases.everywhere') },
              { title: t('cases.targetLevel'), render: (_: unknown, r: RoutingRule) => t(`cases.level.${r.targetLevel}`) },
              { title: t('cases.departmentType'), render: (_: unknown, r: RoutingRule) => r.departmentType ?? t('cases.regionBody') },
              { title: t('cases.updatedAt'), render: (_: unknown, r: RoutingRule) => formatDateTime(r.updatedAt, lang) },
              {
                title: t('common.actions'),
                render: (_: unknown, r: RoutingRule) => (
                  <Popconfirm title={t('cases.ruleDeleteConfirm')} onConfirm={() => void remove(r)}>
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={(e) => e.stopPropagation()}>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('cases.ruleEdit')} size="small" data-testid="rule-form">
            <Typography.Paragraph className="lx-hint">{t('cases.ruleEditHint')}</Typography.Paragraph>
            <Form form={form} layout="vertical" requiredMark={false} onFinish={save} initialValues={{ targetLevel: 'village', regionPrefix: '' }}>
              <Form.Item name="categoryCode" label={t('cases.category')} rules={[{ required: true, message: t('cases.categoryRequired') }]}>
                <Select showSearch optionFilterProp="label" options={categoryOptions} data-testid="rule-category" />
              </Form.Item>
              <Form.Item name="regionPrefix" label={t('cases.regionPrefix')} extra={t('cases.regionPrefixHint')} rules={[{ pattern: /^([0-9]{2,15})?$/, message: t('cases.regionPrefixInvalid') }]}>
                <Input placeholder="430212" data-testid="rule-prefix" />
              </Form.Item>
              <Form.Item name="targetLevel" label={t('cases.targetLevel')} rules={[{ required: true }]}>
                <Select options={ROUTING_LEVELS.map((l) => ({ value: l, label: t(`cases.level.${l}`) }))} data-testid="rule-level" />
              </Form.Item>
              <Form.Item name="departmentType" label={t('cases.departmentType')} extra={t('cases.departmentTypeHint')}>
                <Select allowClear options={DEPARTMENT_TYPES.map((d) => ({ value: d, label: d }))} data-testid="rule-department" />
              </Form.Item>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid="rule-save">
                {t('cases.ruleSave')}
              </Button>
            </Form>
          </Card>
          <Card title={t('cases.previewTitle')} size="small" style={{ marginTop: 16 }} data-testid="rule-preview">
            <Form form={previewForm} layout="vertical" requiredMark={false} onFinish={runPreview}>
              <Form.Item name="categoryCode" label={t('cases.category')} rules={[{ required: true, message: t('cases.categoryRequired') }]}>
                <Select showSearch optionFilterProp="label" options={categoryOptions} data-testid="preview-category" />
              </Form.Item>
              <Form.Item label={t('cases.place')} required validateStatus={sampleMissing ? 'error' : undefined} help={sampleMissing ? t('cases.regionRequired') : undefined}>
                <RegionPicker
                  value={sample}
                  onChange={(r) => {
                    setSample(r);
                    setSampleMissing(false);
                  }}
                />
              </Form.Item>
              <Button htmlType="submit" icon={<EyeOutlined />} data-testid="preview-run">
                {t('cases.previewRun')}
              </Button>
            </Form>
            {previewError ? <ErrorState error={previewError} /> : null}
            {preview ? (
              <Alert
                style={{ marginTop: 12 }}
                type={preview.unit ? 'success' : 'warning'}
                showIcon
                data-testid="preview-result"
                message={preview.unit ? t('cases.previewGoesTo', { unit: preview.unit.name }) : t('cases.previewPool')}
                description={
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t('cases.previewRule')}>
                      {preview.rule
                        ? `${names.get(preview.rule.categoryCode) ?? preview.rule.categoryCode} · ${preview.rule.regionPrefix || t('cases.everywhere')} · ${t(`cases.level.${preview.rule.targetLevel}`)}${preview.rule.departmentType ? ` · ${preview.rule.departmentType}` : ''}`
                        : t('cases.previewNoRule')}
                    </Descriptions.Item>
                    {preview.fallback ? <Descriptions.Item label={t('cases.previewFallback')}>{t('cases.previewFallbackHint')}</Descriptions.Item> : null}
                  </Descriptions>
                }
              />
            ) : null}
          </Card>
        </Col>
      </Row>
    </ConsolePage>
  );
}
