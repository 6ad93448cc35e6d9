import { Button, Card, Descriptions, Form, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../api/client.js';
import { ROLES, type MembershipStatus, type Person, type PersonGrant, type Role } from '../api/types.js';
import { useAuth } from '../app/auth.js';
import { useFeedback } from '../app/feedback.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { MembershipTag, StatusTag } from '../components/StatusTag.js';
import { relationLabel, roleLabel } from '../lib/labels.js';
import { formatDateTime } from '../lib/time.js';
import { useLoad } from '../lib/useLoad.js';
import { ConsolePage } from './ConsolePage.js';
import { UnitSelect } from './UnitSelect.js';

function GrantForm({ personId, roles, onGranted }: { personId: string; roles: readonly Role[]; onGranted(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ role: Role; unitId: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { role: Role; unitId: string }) => {
    setBusy(true);
    try {
      await api.post(`/people/${personId}/grants`, values);
      feedback.success(t('people.granted'));
      form.resetFields();
      onGranted();
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="inline" onFinish={submit} className="lx-grant-form" data-testid="grant-form">
      <Form.Item name="role" rules={[{ required: true, message: t('people.roleRequired') }]}>
        <Select
          placeholder={t('people.role')}
          aria-label={t('people.role')}
          style={{ width: 180 }}
          options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          data-testid="grant-role"
        />
      </Form.Item>
      <Form.Item name="unitId" rules={[{ required: true, message: t('people.unitRequired') }]}>
        <UnitSelect style={{ width: 280 }} testId="grant-unit" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy} data-testid="grant-submit">
          {t('people.grant')}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** A person: details, role grants, grant and revoke. */
export default function PersonPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { me, refresh } = useAuth();
  const feedback = useFeedback();
  const person = useLoad((signal) => api.get<Person>(`/people/${id}`, undefined, { signal }), [id]);

  const revoke = async (grant: PersonGrant) => {
    try {
      await api.del(`/people/${id}/grants/${grant.id}`);
      feedback.success(t('people.revoked'));
      person.reload();
      if (id === me?.user.id) void refresh();
    } catch (err) {
      feedback.error(err);
    }
  };

  const p = person.data;
  return (
    <ConsolePage
      title={p?.name ?? t('people.detail')}
      testId="page-person"
      extra={
        <Link to="/console/people">
          <Button icon={<ArrowLeftOutlined />}>{t('people.backToList')}</Button>
        </Link>
      }
    >
      {person.loading && !p ? <Loading /> : null}
      {person.error ? <ErrorState error={person.error} onRetry={person.reload} /> : null}
      {p ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
              <Descriptions.Item label={t('people.name')}>{p.name}</Descriptions.Item>
              <Descriptions.Item label={t('people.phone')}>{p.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('people.username')}>{p.username ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('people.status')}>
                {p.status === 'disabled' ? <StatusTag tone="danger">{t('people.disabled')}</StatusTag> : <StatusTag tone="success">{t('people.active')}</StatusTag>}
              </Descriptions.Item>
              {p.createdAt ? <Descriptions.Item label={t('people.createdAt')}>{formatDateTime(p.createdAt, i18n.language)}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
          <Card title={t('people.roles')}>
            <Table<PersonGrant>
              rowKey="id"
              dataSource={p.grants}
              pagination={false}
              data-testid="grant-table"
              locale={{ emptyText: <EmptyState title={t('people.noRoles')} hint={t('people.noRolesHint')} /> }}
              columns={[
                { title: t('people.role'), dataIndex: 'role', render: (r: string) => roleLabel(t, r) },
                { title: t('people.unit'), dataIndex: 'unitName', render: (name: string, g) => (g.regionName && !name.includes(g.regionName) ? `${name}（${g.regionName}）` : name) },
                { title: t('people.grantedAt'), dataIndex: 'grantedAt', render: (v?: string) => (v ? formatDateTime(v, i18n.language) : '—') },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, g) =>
                    g.abilities?.revoke === false ? null : (
                      <Popconfirm
                        title={t('people.revokeConfirm', { role: roleLabel(t, g.role), unit: g.unitName })}
                        okText={t('people.revoke')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => revoke(g)}
                      >
                        <Button danger icon={<DeleteOutlined />} data-testid="grant-revoke">
                          {t('people.revoke')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]}
            />
            {p.abilities?.addGrant === false ? null : (
              <>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('people.addRole')}
                </Typography.Title>
                <GrantForm personId={p.id} roles={p.abilities?.grantableRoles?.length ? p.abilities.grantableRoles : ROLES} onGranted={person.reload} />
              </>
            )}
          </Card>
          {p.households?.length ? (
            <Card title={t('people.households')}>
              <Table
                rowKey="householdId"
                pagination={false}
                dataSource={p.households}
                columns={[
                  { title: t('household.region'), dataIndex: 'regionName' },
                  { title: t('household.address'), dataIndex: 'address' },
                  { title: t('household.relationLabel'), dataIndex: 'relation', render: (r: string) => relationLabel(t, r) },
                  {
                    title: t('people.status'),
                    dataIndex: 'status',
                    render: (s: MembershipStatus, m) => (
                      <Space wrap>
                        <MembershipTag status={s} />
                        {m.isRepresentative ? <span>{t('household.representative')}</span> : null}
                      </Space>
                    ),
                  },
                ]}
              />
            </Card>
          ) : null}
        </Space>
      ) : null}
    </ConsolePage>
  );
}
