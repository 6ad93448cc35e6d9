import { Breadcrumb, Button, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { RegionDetail } from '../api/types.js';
import { useLoad } from '../lib/useLoad.js';

export const ZHUZHOU = '430200000000';

/**
 * A region subtree filter: the path from 株洲市 as a breadcrumb (click to go
 * up) and a select of the current region's children (pick to go down). Used
 * by the public list, the queue and the dashboard's drill-down.
 */
export function RegionDrill({ code, onChange, root = ZHUZHOU, testId = 'region-drill' }: { code: string; onChange(code: string): void; root?: string; testId?: string }) {
  const { t } = useTranslation();
  const region = useLoad((signal) => api.get<RegionDetail>(`/regions/${code}`, undefined, { signal }), [code]);
  const d = region.data;
  const path = d ? [...(d.path ?? []).filter((p) => p.code !== d.code), { code: d.code, name: d.name }] : [];
  const from = path.findIndex((p) => p.code === root);
  const crumbs = from >= 0 ? path.slice(from) : path;
  return (
    <div className="lx-region-drill" data-testid={testId} data-code={code}>
      <Breadcrumb
        items={crumbs.map((c, i) => ({
          key: c.code,
          title:
            i === crumbs.length - 1 ? (
              <strong aria-current="location">{c.name}</strong>
            ) : (
              <Button type="link" size="small" onClick={() => onChange(c.code)} style={{ padding: 0 }}>
                {c.name}
              </Button>
            ),
        }))}
      />
      {d?.children?.length ? (
        <Select
          size="small"
          showSearch
          optionFilterProp="label"
          placeholder={t('cases.drillDown')}
          aria-label={t('cases.drillDown')}
          value={null}
          style={{ minWidth: 160 }}
          onChange={(c: string) => onChange(c)}
          options={d.children.map((c) => ({ value: c.code, label: c.name }))}
          data-testid={`${testId}-select`}
        />
      ) : null}
    </div>
  );
}
