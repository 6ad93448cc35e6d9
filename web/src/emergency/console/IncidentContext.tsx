import { Select, Space, Tag } from 'antd';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { ErrorState, Loading, EmptyState } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Incident, Paged } from '../api.js';

const STORAGE = 'lx.em.incident';

interface Ctx {
  incident: Incident | null;
  incidents: Incident[];
  select(id: string): void;
  reload(): void;
}
const IncidentCtx = createContext<Ctx | null>(null);

/**
 * The incident every console page works in: `?incident=` in the address (so
 * a link can be shared), else the last one chosen, else the newest active one.
 */
export function IncidentProvider({ children }: { children: ReactNode }) {
  const [search, setSearch] = useSearchParams();
  const list = useLoad((signal) => api.get<Paged<Incident>>('/emergency/incidents', { pageSize: 100 }, { signal }), []);
  const incidents = useMemo(
    () => [...(list.data?.items ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || b.startedAt.localeCompare(a.startedAt)),
    [list.data],
  );
  const wanted = search.get('incident') ?? localStorage.getItem(STORAGE);
  const incident = incidents.find((i) => i.id === wanted) ?? incidents[0] ?? null;
  useEffect(() => {
    if (incident) localStorage.setItem(STORAGE, incident.id);
  }, [incident]);
  const value = useMemo<Ctx>(
    () => ({
      incident,
      incidents,
      reload: list.reload,
      select(id) {
        localStorage.setItem(STORAGE, id);
        const next = new URLSearchParams(search);
        next.set('incident', id);
        setSearch(next, { replace: true });
      },
    }),
    [incident, incidents, list.reload, search, setSearch],
  );
  if (list.loading && !list.data) return <Loading rows={4} />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  return <IncidentCtx.Provider value={value}>{children}</IncidentCtx.Provider>;
}

export function useIncident(): Ctx {
  const ctx = useContext(IncidentCtx);
  if (!ctx) throw new Error('useIncident outside IncidentProvider');
  return ctx;
}

/** The incident switcher shown in each page's header. */
export function IncidentSwitch() {
  const { t } = useTranslation();
  const { incident, incidents, select } = useIncident();
  if (incidents.length === 0) return null;
  return (
    <Space>
      <Select
        style={{ minWidth: 280 }}
        value={incident?.id}
        onChange={select}
        aria-label={t('emergency.console.incident')}
        data-testid="incident-switch"
        options={incidents.map((i) => ({
          value: i.id,
          label: (
            <span>
              {i.name} {i.active ? <Tag color="red">{t('emergency.console.active')}</Tag> : <Tag>{t('emergency.console.ended')}</Tag>}
            </span>
          ),
        }))}
      />
    </Space>
  );
}

/** Renders children with the chosen incident, or tells the person there is none. */
export function WithIncident({ children }: { children: (incident: Incident) => ReactNode }) {
  const { t } = useTranslation();
  const { incident } = useIncident();
  if (!incident) return <EmptyState title={t('emergency.console.noIncident')} hint={t('emergency.console.noIncidentHint')} />;
  return <>{children(incident)}</>;
}
