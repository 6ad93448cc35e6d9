import { Button, Layout, Menu } from 'antd';
import {
  AccountBookOutlined,
  AlertOutlined,
  AuditOutlined,
  FileTextOutlined,
  ApartmentOutlined,
  CalendarOutlined,
  HomeOutlined,
  MenuOutlined,
  NotificationOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../app/auth.js';
import { FeedbackBanner } from '../app/feedback.js';
import { AppHeader } from '../components/AppHeader.js';
import { Loading } from '../components/states.js';
import { canSee, canSeeItem, SECTIONS, type Section } from './access.js';
import type { ConsoleMenuItem } from './menu-types.js';
import { casesMenu } from '../cases/console/menu.js';
import { disclosuresMenu } from '../disclosures/console/menu.js';
import { emergencyMenu } from '../emergency/console/menu.js';

const RegionsPage = lazy(() => import('./RegionsPage.js'));
const PeoplePage = lazy(() => import('./PeoplePage.js'));
const PersonPage = lazy(() => import('./PersonPage.js'));
const HouseholdsPage = lazy(() => import('./HouseholdsPage.js'));
const DutyPage = lazy(() => import('./DutyPage.js'));
const FeedsPage = lazy(() => import('./FeedsPage.js'));
const AuditPage = lazy(() => import('./AuditPage.js'));
const CasesConsole = lazy(() => import('../cases/console/Routes.js'));
const DisclosuresConsole = lazy(() => import('../disclosures/console/Routes.js'));
const EmergencyConsole = lazy(() => import('../emergency/console/Routes.js'));

/** Feature areas: a submenu each, their pages under /console/<feature>/. */
const FEATURES: { key: 'cases' | 'disclosures' | 'emergency'; icon: ReactNode; items: ConsoleMenuItem[] }[] = [
  { key: 'cases', icon: <FileTextOutlined />, items: casesMenu },
  { key: 'disclosures', icon: <AccountBookOutlined />, items: disclosuresMenu },
  { key: 'emergency', icon: <AlertOutlined />, items: emergencyMenu },
];

const ICONS: Record<Section, ReactNode> = {
  regions: <ApartmentOutlined />,
  people: <TeamOutlined />,
  households: <HomeOutlined />,
  duty: <CalendarOutlined />,
  feeds: <NotificationOutlined />,
  audit: <AuditOutlined />,
};

/** `/console/*`: the staff console, a side menu driven by the person's grants. */
export default function ConsoleApp() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const visible = SECTIONS.filter((s) => canSee(me, s));
  const parts = location.pathname.split('/');
  const current = parts[2] ?? '';
  const featureItems = FEATURES.map((f) => ({ ...f, items: f.items.filter((item) => canSeeItem(me, item)) })).filter((f) => f.items.length > 0);
  const featureKey = (feature: string, item: ConsoleMenuItem) => (item.path ? `${feature}/${item.path}` : feature);
  // The longest menu key the address starts with is the selected one.
  const selected = featureItems
    .flatMap((f) => f.items.map((item) => featureKey(f.key, item)))
    .filter((key) => location.pathname === `/console/${key}` || location.pathname.startsWith(`/console/${key}/`))
    .sort((a, b) => b.length - a.length)[0] ?? current;
  const guard = (section: Section, element: ReactNode) => (canSee(me, section) ? element : <Navigate to="/console" replace />);

  return (
    <Layout className="lx-console">
      <AppHeader
        area="console"
        leading={
          <Button
            type="text"
            className="lx-menu-toggle"
            icon={<MenuOutlined />}
            aria-label={t('console.toggleMenu')}
            aria-expanded={!collapsed}
            onClick={() => setCollapsed((c) => !c)}
          />
        }
      />
      <Layout>
        <Layout.Sider
          width={220}
          theme="light"
          breakpoint="lg"
          collapsedWidth={0}
          collapsed={collapsed}
          onBreakpoint={(broken) => setCollapsed(broken)}
          trigger={null}
          className="lx-sider"
        >
          <nav aria-label={t('console.menu')}>
            <Menu
              mode="inline"
              selectedKeys={[selected]}
              defaultOpenKeys={featureItems.some((f) => f.key === current) ? [`group:${current}`] : []}
              data-testid="console-menu"
              onClick={({ key }) => navigate(`/console/${key}`)}
              items={[
                ...featureItems.map((f) =>
                  f.items.length === 1
                    ? {
                        key: featureKey(f.key, f.items[0]!),
                        icon: f.icon,
                        label: <span data-testid={`menu-${f.key}`}>{t(f.items[0]!.labelKey)}</span>,
                      }
                    : {
                        key: `group:${f.key}`,
                        icon: f.icon,
                        label: <span data-testid={`menu-${f.key}`}>{t(`${f.key}.title`)}</span>,
                        children: f.items.map((item) => ({
                          key: featureKey(f.key, item),
                          icon: item.icon,
                          label: <span data-testid={`menu-${featureKey(f.key, item).replace('/', '-')}`}>{t(item.labelKey)}</span>,
                        })),
                      },
                ),
                ...visible.map((s) => ({
                  key: s,
                  icon: ICONS[s],
                  label: <span data-testid={`menu-${s}`}>{t(`console.nav.${s}`)}</span>,
                })),
              ]}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="lx-console-content" id="main">
          <FeedbackBanner />
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route index element={<Navigate to={`/console/${visible.includes('feeds') ? 'feeds' : (visible[0] ?? 'regions')}`} replace />} />
              <Route path="regions" element={guard('regions', <RegionsPage />)} />
              <Route path="people" element={guard('people', <PeoplePage />)} />
              <Route path="people/:id" element={guard('people', <PersonPage />)} />
              <Route path="households" element={guard('households', <HouseholdsPage />)} />
              <Route path="duty" element={guard('duty', <DutyPage />)} />
              <Route path="feeds" element={guard('feeds', <FeedsPage />)} />
              <Route path="feeds/:regionCode" element={guard('feeds', <FeedsPage />)} />
              <Route path="audit" element={guard('audit', <AuditPage />)} />
              <Route path="cases/*" element={<CasesConsole />} />
              <Route path="disclosures/*" element={<DisclosuresConsole />} />
              <Route path="emergency/*" element={<EmergencyConsole />} />
              <Route path="*" element={<Navigate to="/console" replace />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
