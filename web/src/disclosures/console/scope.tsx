import { Button, Select, Space } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { RegionDetail, Role } from '../../api/types.js';
import { useAuth } from '../../app/auth.js';
import { codeOfPrefix } from '../../console/access.js';
import { RegionPicker } from '../../components/RegionPicker.js';
import { useLoad } from '../../lib/useLoad.js';

/** Roles that work with disclosures in the console. */
export const DISCLOSURE_ROLES: readonly Role[] = ['village_cadre', 'supervision_member', 'township_official', 'discipline_inspector', 'admin'];

/** The region subtrees where the person has a disclosures role (admins: the whole city). */
export function useDisclosureScopes(): { code: string; label: string }[] {
  const { me } = useAuth();
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const g of me?.grants ?? []) {
      if (!DISCLOSURE_ROLES.includes(g.role)) continue;
      const code = g.role === 'admin' ? '430200000000' : codeOfPrefix(g.regionPrefix);
      if (!seen.has(code)) seen.set(code, g.unitName);
    }
    return [...seen.entries()].map(([code, label]) => ({ code, label })).sort((a, b) => a.code.localeCompare(b.code));
  }, [me]);
}

const isVillage = (code: string) => code.length === 12 && code.slice(9) !== '000';

/**
 * The region a console page works on, kept in `?region=` (bookmarkable).
 * Village pages need a village: the default is the first village grant.
 */
export function useRegionParam(needVillage: boolean): [string | null, (code: string) => void] {
  const scopes = useDisclosureScopes();
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('region');
  const fallback = needVillage ? (scopes.find((s) => isVillage(s.code))?.code ?? null) : (scopes[0]?.code ?? null);
  const code = fromUrl && (!needVillage || isVillage(fromUrl)) ? fromUrl : fallback;
  const set = (c: string) => {
    const next = new URLSearchParams(params);
    next.set('region', c);
    next.delete('page');
    setParams(next, { replace: true });
  };
  return [code, set];
}

/** The name of the region being worked on, with a button to choose another one inside the person's scope. */
export function RegionScope({ code, onChange, needVillage }: { code: string | null; onChange(code: string): void; needVillage: boolean }) {
  const { t } = useTranslation();
  const scopes = useDisclosureScopes();
  const [picking, setPicking] = useState(false);
  const [root, setRoot] = useState<string | null>(null);
  const region = useLoad((signal) => (code ? api.get<RegionDetail>(`/regions/${code}`, undefined, { signal }) : Promise.resolve(null)), [code]);
  const place = region.data ? (region.data.path ?? []).slice(2).map((p) => p.name).join(' / ') || region.data.name : '';
  const pickRoot = root ?? scopes.find((s) => code?.startsWith(s.code.replace(/0+$/, '')))?.code ?? scopes[0]?.code ?? '430200000000';

  return (
    <div className="lx-dc-scope" data-testid="region-scope">
      <Space wrap>
        <span>
          <ApartmentOutlined aria-hidden /> <strong data-testid="region-scope-name">{code ? place || code : t('disclosures.console.noRegion')}</strong>
        </span>
        {scopes.length > 1 ? (
          <Select
            value={pickRoot}
            onChange={(v) => {
              setRoot(v);
              if (!needVillage || isVillage(v)) onChange(v);
              else setPicking(true);
            }}
            options={scopes.map((s) => ({ value: s.code, label: s.label }))}
            aria-label={t('disclosures.console.scope')}
            style={{ minWidth: 180 }}
          />
        ) : null}
        {!isVillage(pickRoot) ? (
          <Button onClick={() => setPicking((p) => !p)} aria-expanded={picking} data-testid="region-scope-change">
            {needVillage ? t('disclosures.console.pickVillage') : t('disclosures.console.pickRegion')}
          </Button>
        ) : null}
        {!needVillage && code && code !== pickRoot ? <Button type="link" onClick={() => onChange(pickRoot)}>{t('disclosures.console.wholeScope')}</Button> : null}
      </Space>
      {picking ? (
        <div className="lx-dc-picker">
          <RegionPicker
            root={pickRoot}
            onChange={(r) => {
              const village = r.code.slice(0, 12);
              onChange(village);
              setPicking(false);
            }}
          />
          {!needVillage ? <div className="lx-hint">{t('disclosures.console.pickRegionHint')}</div> : null}
        </div>
      ) : null}
    </div>
  );
}
