import { Button, Dropdown, Space } from 'antd';
import { DesktopOutlined, HomeOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isStaff, useAuth } from '../app/auth.js';
import { ElderlyToggle } from './ElderlyToggle.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';

/**
 * The bar on every page: 连心, who is signed in (sign out / sign out
 * everywhere), the language switcher and the elderly-mode toggle.
 */
export function AppHeader({ leading, area }: { leading?: ReactNode; area?: 'resident' | 'console' }) {
  const { t } = useTranslation();
  const { me, signOut } = useAuth();
  return (
    <header className="lx-header" data-testid="app-header">
      <div className="lx-header-inner">
        <div className="lx-header-brand">
          {leading}
          <Link to="/" className="lx-brand" aria-label={t('app.homeLink')}>
            <span className="lx-brand-mark" aria-hidden>
              连
            </span>
            <span className="lx-brand-name">{t('app.name')}</span>
          </Link>
        </div>
        <div className="lx-header-tools">
          <LanguageSwitcher />
          <ElderlyToggle />
        </div>
        <div className="lx-header-user">
          {me ? (
            <Dropdown
              trigger={['click']}
              autoFocus
              menu={{
                items: [
                  ...(isStaff(me) && area !== 'console'
                    ? [{ key: 'console', icon: <DesktopOutlined />, label: <Link to="/console">{t('nav.console')}</Link> }]
                    : []),
                  ...(area === 'console' ? [{ key: 'home', icon: <HomeOutlined />, label: <Link to="/">{t('nav.residentHome')}</Link> }] : []),
                  { type: 'divider' as const },
                  {
                    key: 'signOut',
                    icon: <LogoutOutlined />,
                    label: <span data-testid="sign-out">{t('auth.signOut')}</span>,
                    onClick: () => void signOut(false),
                  },
                  {
                    key: 'signOutEverywhere',
                    icon: <LogoutOutlined />,
                    label: <span data-testid="sign-out-everywhere">{t('auth.signOutEverywhere')}</span>,
                    onClick: () => void signOut(true),
                  },
                ],
              }}
            >
              <Button icon={<UserOutlined />} data-testid="user-menu" aria-label={t('auth.accountMenu', { name: me.user.name })}>
                <span className="lx-user-name">{me.user.name}</span>
              </Button>
            </Dropdown>
          ) : null}
        </div>
      </div>
    </header>
  );
}
