import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../api/client.js';
import { ROLES, type Page, type Person } from '../api/types.js';
import { isAdmin, useAuth } from '../app/auth.js';
import { useFeedback } from '../app/feedback.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { StatusTag } from '../components/StatusTag.js';
import { roleLabel } from '../lib/labels.js';
import { useLoad } from '../lib/useLoad.js';
import { scopesOf } from './access.js';
import { UnitSelect } from './UnitSelect.js';
import { ConsolePage } from './ConsolePage.js';

interface NewPerson {
  name: string;
  phone?: string;
  username?: string;
  password?: string;
  role?: string;
  unitId?: string;
}

function AddPersonModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  // Everyone but administrators places the new person in their own area with a first role.
  const roleRequired = !isAdmin(me);
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewPerson>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: NewPerson) => {
    setBusy(true);
    setError(null);
    try {
      const body: NewPerson = { name: values.name.trim() };
      if (values.phone?.trim()) body.phone = values.phone.trim();
      if (values.username?.trim()) body.username = values.username.trim();
      if (values.password) body.password = values.password;
      if (values.role) body.role = values.role;
      if (values.unitId) body.unitId = values.unitId;
      const person = await api.post<Person>('/people', body);
      feedback.success(t('people.added', { name: person.name }));
      form.resetFields();
      onClose();
      navigate(`/console/people/${person.id}`);
    } catch (err) {
      if (!applyFormError(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('people.addTitle')}
      onCancel={onClose}
      okText={t('people.addSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'person-add-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true, message: t('people.nameRequired') }, { max: 40 }]}>
          <Input data-testid="person-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('people.phone')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('auth.phoneInvalid') }]}>
          <Input inputMode="numeric" maxLength={11} data-testid="person-phone" />
        </Form.Item>
        <Form.Item name="role" label={t('people.firstRole')} rules={[{ required: roleRequired, message: t('people.roleRequired') }]}>
          <Select allowClear options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} data-testid="person-role" />
        </Form.Item>
        <Form.Item name="unitId" label={t('people.unit')} rules={[{ required: roleRequired, message: t('people.unitRequired') }]}>
          <UnitSelect testId="person-unit" />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('people.username')}
          extra={t('people.usernameHint')}
          rules={[{ pattern: /^[a-z][a-z0-9_]{2,31}$/, message: t('people.usernameInvalid') }]}
        >
          <Input autoComplete="off" data-testid="person-username" />
        </Form.Item>
        <Form.Item name="password" label={t('people.initialPassword')} extra={t('people.passwordHint')} rules={[{ min: 10, message: t('people.passwordTooShort') }]}>
          <Input.Password autoComplete="new-password" data-testid="person-password" />
        </Form.Item>
        {error ? <Alert type="error" showIcon message={error} role="alert" /> : null}
      </Form>
    </Modal>
  );
}

/** 人员与角色: people in my scope, searchable and filtered, with their grants. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const scope = params.get('scope') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const scopes = scopesOf(me);

  const set = (changes: Record<string, string | number | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '' || v === undefined) next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const people = useLoad(
    (signal) => api.get<Page<Person>>('/people', { q, role, regionPrefix: scope, page, pageSize }, { signal }),
    [q, role, scope, page, pageSize],
  );

  return (
    <ConsolePage
      title={t('console.nav.people')}
      description={t('people.pageHint')}
      testId="page-people"
      extra={
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="person-add">
          {t('people.add')}
        </Button>
      }
    >
      <Space wrap className="lx-filters">
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('people.searchPlaceholder')}
          aria-label={t('people.search')}
          onSearch={(value) => set({ q: value.trim() })}
          style={{ width: 260 }}
          data-testid="people-search"
        />
        <Select
          allowClear
          value={role || undefined}
          placeholder={t('people.filterRole')}
          aria-label={t('people.filterRole')}
          style={{ width: 180 }}
          onChange={(value: string | undefined) => set({ role: value ?? null })}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          data-testid="people-role"
        />
        <Select
          allowClear={isAdmin(me)}
          value={scope || undefined}
          placeholder={t('people.filterScope')}
          aria-label={t('people.filterScope')}
          style={{ width: 220 }}
          onChange={(value: string | undefined) => set({ scope: value ?? null })}
          options={scopes.map((s) => ({ value: s.prefix, label: s.label }))}
          data-testid="people-scope"
        />
      </Space>
      {people.error ? <ErrorState error={people.error} onRetry={people.reload} /> : null}
      <Table<Person>
        rowKey="id"
        loading={people.loading}
        dataSource={people.data?.items ?? []}
        data-testid="people-table"
        locale={{ emptyText: people.loading ? ' ' : <EmptyState title={t('people.empty')} hint={t('people.emptyHint')} /> }}
        scroll={{ x: 720 }}
        pagination={{
          current: page,
          pageSize,
          total: people.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, size) => set({ page: p, pageSize: size }),
        }}
        columns={[
          {
            title: t('people.name'),
            dataIndex: 'name',
            render: (name: string, p) => (
              <Link to={`/console/people/${p.id}`} data-testid="person-link">
                {name}
              </Link>
            ),
          },
          { title: t('people.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          { title: t('people.username'), dataIndex: 'username', render: (v: string | null | undefined) => v ?? '—' },
          {
            title: t('people.roles'),
            dataIndex: 'grants',
            render: (grants: Person['grants']) =>
              grants?.length ? (
                <Space size={[4, 4]} wrap>
                  {grants.map((g) => (
                    <Tag key={g.id}>
                      {roleLabel(t, g.role)} · {g.unitName}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <span className="lx-muted">{t('people.noRoles')}</span>
              ),
          },
          {
            title: t('people.status'),
            dataIndex: 'status',
            render: (s: Person['status']) =>
              s === 'disabled' ? <StatusTag tone="danger">{t('people.disabled')}</StatusTag> : <StatusTag tone="success">{t('people.active')}</StatusTag>,
          },
        ]}
      />
      <AddPersonModal open={adding} onClose={() => setAdding(false)} />
    </ConsolePage>
  );
}
