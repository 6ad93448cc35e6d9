import { Alert, Button, Card, Form, Input, Space, Tabs, Typography } from 'antd';
import { LockOutlined, MessageOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, api, applyFormError, errorText, setCsrfToken } from '../api/client.js';
import type { SignInResult } from '../api/types.js';
import { isStaff, useAuth } from '../app/auth.js';
import { ResidentLayout } from '../app/ResidentLayout.js';
import { useFeedback } from '../app/feedback.js';

const PHONE = /^1[3-9]\d{9}$/;

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}

/** After a sign-in: remember the CSRF token and load who I am; the page then redirects (below). */
function useAfterSignIn() {
  const { refresh } = useAuth();
  return async (result: SignInResult) => {
    setCsrfToken(result.csrfToken);
    await refresh().catch(() => null);
  };
}

function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/** An error the person must read, in words (not only colour), with what to do next. */
function SignInError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  let hint = '';
  if (error.status === 423) hint = t('auth.lockedHint');
  else if (error.status === 429) hint = t('auth.rateLimitedHint');
  else if (error.status === 401) hint = t('auth.wrongHint');
  return (
    <Alert
      type={error.status === 423 || error.status === 429 ? 'warning' : 'error'}
      showIcon
      role="alert"
      data-testid="login-error"
      data-status={error.status}
      message={error.message}
      description={hint || undefined}
    />
  );
}

function ResidentSignIn() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ phone: string; code: string; name?: string }>();
  const feedback = useFeedback();
  const afterSignIn = useAfterSignIn();
  const [countdown, setCountdown] = useState(0);
  const [requesting, setRequesting] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [needName, setNeedName] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const requestCode = async () => {
    setError(null);
    let phone: string;
    try {
      phone = (await form.validateFields(['phone'])).phone;
    } catch {
      return;
    }
    setRequesting(true);
    try {
      const result = await api.post<{ sent: boolean; retryAfterSeconds?: number }>('/auth/otp/request', { phone }, { quiet401: true });
      setCountdown(result?.retryAfterSeconds && result.retryAfterSeconds > 0 ? result.retryAfterSeconds : 60);
      setSentTo(phone);
      feedback.success(t('auth.codeSent', { phone: maskPhone(phone) }));
      setTimeout(() => form.getFieldInstance('code')?.focus?.(), 0);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        const wait = err.details.retryAfterSeconds ?? 0;
        if (wait > 0 && wait <= 3600) setCountdown(Math.ceil(wait));
      }
      if (!applyFormError(form, err)) setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', errorText(err)));
    } finally {
      setRequesting(false);
    }
  };

  const verify = async (values: { phone: string; code: string; name?: string }) => {
    setError(null);
    setVerifying(true);
    try {
      const result = await api.post<SignInResult>(
        '/auth/otp/verify',
        // A new number opens an account with this name (else the server names it 居民 + last four digits).
        { phone: values.phone, code: values.code.trim(), ...(values.name?.trim() ? { name: values.name.trim() } : {}) },
        { quiet401: true },
      );
      await afterSignIn(result);
    } catch (err) {
      // A new number: the server asks for a name before it opens the account.
      if (err instanceof ApiError && err.field === 'name') {
        setNeedName(true);
        setTimeout(() => {
          form.setFields([{ name: 'name', errors: [err.message] }]);
          form.getFieldInstance('name')?.focus?.();
        }, 0);
      } else if (!applyFormError(form, err)) {
        setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', errorText(err)));
      }
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={verify} className="lx-login-form" data-testid="login-form-resident">
      <Form.Item
        name="phone"
        label={t('auth.phone')}
        rules={[
          { required: true, message: t('auth.phoneRequired') },
          { pattern: PHONE, message: t('auth.phoneInvalid') },
        ]}
      >
        <Input
          prefix={<MobileOutlined aria-hidden />}
          inputMode="numeric"
          autoComplete="tel"
          maxLength={11}
          placeholder={t('auth.phonePlaceholder')}
          data-testid="login-phone"
          onChange={() => setNeedName(false)}
        />
      </Form.Item>
      <Form.Item label={t('auth.code')} required={false}>
        <div className="lx-code-row">
          <Form.Item name="code" noStyle rules={[{ required: true, message: t('auth.codeRequired') }, { pattern: /^\s*\d{6}\s*$/, message: t('auth.codeInvalid') }]}>
            <Input
              prefix={<MessageOutlined aria-hidden />}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder={t('auth.codePlaceholder')}
              aria-label={t('auth.code')}
              data-testid="login-code"
            />
          </Form.Item>
          <Button
            onClick={requestCode}
            loading={requesting}
            disabled={countdown > 0}
            data-testid="request-code"
            data-countdown={countdown}
            className="lx-code-button"
          >
            {countdown > 0 ? t('auth.resendIn', { seconds: countdown }) : sentTo ? t('auth.resend') : t('auth.requestCode')}
          </Button>
        </div>
      </Form.Item>
      {sentTo ? (
        <Typography.Paragraph className="lx-hint" data-testid="code-sent">
          {t('auth.codeSent', { phone: maskPhone(sentTo) })}
        </Typography.Paragraph>
      ) : null}
      {needName || sentTo ? (
        <Form.Item
          name="name"
          label={needName ? t('auth.yourName') : t('auth.yourNameOptional')}
          extra={t('auth.yourNameHint')}
          rules={[{ required: needName, whitespace: true, message: t('auth.nameRequired') }, { max: 40 }]}
        >
          <Input prefix={<UserOutlined aria-hidden />} autoComplete="name" data-testid="login-name" />
        </Form.Item>
      ) : null}
      <SignInError error={error} />
      <Button type="primary" htmlType="submit" block loading={verifying} data-testid="verify-code" className="lx-submit">
        {needName ? t('auth.createAndSignIn') : t('auth.signIn')}
      </Button>
    </Form>
  );
}

function StaffSignIn() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ login: string; password: string }>();
  const afterSignIn = useAfterSignIn();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (values: { login: string; password: string }) => {
    setError(null);
    setBusy(true);
    try {
      const result = await api.post<SignInResult>('/auth/password', { login: values.login.trim(), password: values.password }, { quiet401: true });
      await afterSignIn(result);
    } catch (err) {
      form.setFieldValue('password', '');
      const known = err instanceof ApiError && (err.status === 401 || err.status === 423 || err.status === 429);
      if (known || !applyFormError(form, err)) setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', errorText(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} className="lx-login-form" data-testid="login-form-staff">
      <Form.Item name="login" label={t('auth.login')} rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}>
        <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" placeholder={t('auth.loginPlaceholder')} data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <SignInError error={error} />
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit" className="lx-submit">
        {t('auth.signIn')}
      </Button>
    </Form>
  );
}

/** `/login`: residents by phone and one-time code, staff by password. */
export default function LoginPage() {
  const { t } = useTranslation();
  const { status, me } = useAuth();
  const [params, setParams] = useSearchParams();
  const [demo, setDemo] = useState(false);
  const tab = params.get('tab') === 'staff' ? 'staff' : 'resident';

  useEffect(() => {
    // The dev outbox exists only in demo mode (404 otherwise).
    const controller = new AbortController();
    api
      .get('/dev/outbox', undefined, { signal: controller.signal, quiet401: true })
      .then(() => setDemo(true))
      .catch(() => setDemo(false));
    return () => controller.abort();
  }, []);

  // Signed in (just now, or already): go back where the person came from; staff signing in by password go to the console.
  if (status === 'signedIn')
    return <Navigate to={safeNext(params.get('next')) ?? (tab === 'staff' && isStaff(me) ? '/console' : '/')} replace />;

  return (
    <ResidentLayout>
      <div className="lx-login">
        <div className="lx-login-intro">
          <Typography.Title level={2}>{t('auth.welcome')}</Typography.Title>
          <Typography.Paragraph className="lx-hint">{t('auth.welcomeHint')}</Typography.Paragraph>
        </div>
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(key) => {
              const next = new URLSearchParams(params);
              if (key === 'staff') next.set('tab', 'staff');
              else next.delete('tab');
              setParams(next, { replace: true });
            }}
            items={[
              {
                key: 'resident',
                label: <span data-testid="login-tab-resident">{t('auth.tabResident')}</span>,
                children: <ResidentSignIn />,
              },
              {
                key: 'staff',
                label: <span data-testid="login-tab-staff">{t('auth.tabStaff')}</span>,
                children: <StaffSignIn />,
              },
            ]}
          />
        </Card>
        {demo ? (
          <Alert
            className="lx-demo-note"
            type="info"
            showIcon
            message={t('auth.demoTitle')}
            description={
              <Space direction="vertical" size={4}>
                <span>{t('auth.demoHint')}</span>
                <Link to="/dev/outbox" data-testid="dev-outbox-link">
                  {t('auth.demoOutboxLink')}
                </Link>
              </Space>
            }
          />
        ) : null}
      </div>
    </ResidentLayout>
  );
}
