import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { Unit } from '../api/types.js';

/** Pick a unit (村委会, 街道办, a department …) by name, searched on the server within the given subtree. */
export function UnitSelect({
  value,
  onChange,
  regionPrefix,
  testId,
  style,
}: {
  value?: string;
  onChange?: (unitId: string, unit?: Unit) => void;
  regionPrefix?: string;
  testId?: string;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [units, setUnits] = useState<Unit[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      api
        .get<{ items: Unit[] }>('/units', { q: q.trim(), regionPrefix }, { signal: controller.signal })
        .then((r) => setUnits(r.items))
        .catch(() => undefined)
        .finally(() => setLoading(false));
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, regionPrefix]);

  return (
    <Select
      showSearch
      value={value}
      style={style}
      placeholder={t('units.pick')}
      aria-label={t('units.pick')}
      filterOption={false}
      onSearch={setQ}
      loading={loading}
      notFoundContent={loading ? t('common.loading') : t('units.none')}
      onChange={(id: string) => onChange?.(id, units.find((u) => u.id === id))}
      options={units.map((u) => ({ value: u.id, label: u.regionName && !u.name.includes(u.regionName) ? `${u.name}（${u.regionName}）` : u.name }))}
      data-testid={testId}
    />
  );
}
