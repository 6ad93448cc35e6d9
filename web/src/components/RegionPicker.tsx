import { Breadcrumb, Button, Input, List, Tag } from 'antd';
import { CheckCircleOutlined, EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { RegionChild, RegionDetail, RegionRef } from '../api/types.js';
import { useLoad } from '../lib/useLoad.js';
import { EmptyState, ErrorState, Loading } from './states.js';

export const ZHUZHOU = '430200000000';
const SELECTABLE = new Set(['village', 'grid']);

interface SearchHit extends RegionRef {
  level: string;
  kind: string | null;
  path: RegionRef[];
}

export interface PickedRegion {
  code: string;
  name: string;
  path: RegionRef[];
}

/**
 * Drills down the region tree from 株洲市 (GET /api/regions/:code) to a
 * village/community or a grid, with search by name. Inline (no pop-up), large
 * targets, works at 375 px.
 */
export function RegionPicker({
  value,
  onChange,
  root = ZHUZHOU,
}: {
  value?: PickedRegion | null;
  onChange?: (region: PickedRegion) => void;
  root?: string;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(root);
  const [query, setQuery] = useState('');
  const region = useLoad((signal) => api.get<RegionDetail>(`/regions/${current}`, undefined, { signal }), [current]);
  const [hits, setHits] = useState<SearchHit[] | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<{ items: SearchHit[] }>('/regions', { q, parent: root }, { signal: controller.signal })
        .then((r) => setHits(r.items))
        .catch(() => setHits([]));
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, root]);

  const detail = region.data;
  /** The breadcrumb from the picker's root (株洲市) down to a region. */
  const fromRoot = (path: RegionRef[]): RegionRef[] => {
    const i = path.findIndex((p) => p.code === root);
    return i >= 0 ? path.slice(i) : path;
  };
  const pathOf = (d: RegionDetail): RegionRef[] => {
    const p = d.path ?? [];
    return fromRoot(p.length && p[p.length - 1]?.code === d.code ? p : [...p, { code: d.code, name: d.name }]);
  };

  const choose = (child: RegionChild) => {
    if (SELECTABLE.has(child.level) && detail) {
      onChange?.({ code: child.code, name: child.name, path: [...pathOf(detail), { code: child.code, name: child.name }] });
    }
    if (child.childCount > 0) setCurrent(child.code);
  };

  const visibleCrumbs = detail ? pathOf(detail) : [];

  return (
    <div className="lx-region-picker" data-testid="region-picker">
      <Input.Search
        allowClear
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('region.searchPlaceholder')}
        aria-label={t('region.search')}
        data-testid="region-search"
      />
      {value ? (
        <div className="lx-region-selected" data-testid="region-selected" role="status">
          <CheckCircleOutlined aria-hidden /> {t('region.selected')}: <strong>{value.path.map((p) => p.name).join(' / ') || value.name}</strong>
        </div>
      ) : (
        <div className="lx-region-hint">{t('region.pickHint')}</div>
      )}
      {hits ? (
        <List
          bordered
          dataSource={hits}
          locale={{ emptyText: <EmptyState title={t('region.noMatch')} hint={t('region.noMatchHint')} /> }}
          renderItem={(hit) => (
            <List.Item>
              <Button
                type="text"
                block
                className="lx-region-option"
                data-testid="region-option"
                onClick={() => {
                  if (SELECTABLE.has(hit.level)) onChange?.({ code: hit.code, name: hit.name, path: fromRoot(hit.path ?? []) });
                  setCurrent(hit.code);
                  setQuery('');
                }}
              >
                <span className="lx-region-option-name">{hit.name}</span>
                <span className="lx-region-option-path">{fromRoot(hit.path ?? []).map((p) => p.name).join(' / ')}</span>
              </Button>
            </List.Item>
          )}
        />
      ) : (
        <>
          <Breadcrumb
            className="lx-region-crumbs"
            items={visibleCrumbs.map((c, i) => ({
              key: c.code,
              title:
                i === visibleCrumbs.length - 1 ? (
                  <span aria-current="location">{c.name}</span>
                ) : (
                  <Button type="link" size="small" onClick={() => setCurrent(c.code)}>
                    {c.name}
                  </Button>
                ),
            }))}
          />
          {region.loading ? <Loading rows={4} /> : null}
          {region.error ? <ErrorState error={region.error} onRetry={region.reload} /> : null}
          {detail && !region.loading ? (
            <List
              bordered
              dataSource={detail.children}
              locale={{ emptyText: <EmptyState title={t('region.noChildren')} /> }}
              renderItem={(child) => {
                const selected = value?.code === child.code;
                return (
                  <List.Item>
                    <Button
                      type={selected ? 'primary' : 'text'}
                      ghost={selected}
                      block
                      className="lx-region-option"
                      data-testid="region-option"
                      data-code={child.code}
                      aria-pressed={SELECTABLE.has(child.level) ? selected : undefined}
                      onClick={() => choose(child)}
                    >
                      <span className="lx-region-option-name">
                        {SELECTABLE.has(child.level) ? <EnvironmentOutlined aria-hidden /> : null} {child.name}
                      </span>
                      <span className="lx-region-option-meta">
                        {child.kind ? <Tag>{child.kind}</Tag> : null}
                        {selected ? <span>{t('region.chosen')}</span> : null}
                        {child.childCount > 0 ? <RightOutlined aria-label={t('region.open')} /> : null}
                      </span>
                    </Button>
                  </List.Item>
                );
              }}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
