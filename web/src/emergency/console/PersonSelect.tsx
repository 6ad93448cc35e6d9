import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { Person } from '../../api/types.js';
import type { Paged } from '../api.js';

/** Finds a person by name or phone (GET /people) for a grid's leader, team or a task's owner. */
export function PersonSelect({ value, onChange, testId }: { value?: string; onChange?: (id: string) => void; testId?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (q.trim().length < 1) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Paged<Person>>('/people', { q: q.trim(), pageSize: 20 }, { signal: controller.signal })
        .then((r) => setOptions(r.items.map((p) => ({ value: p.id, label: `${p.name}${p.phone ? ` ${p.phone}` : ''}` }))))
        .catch(() => setOptions([]))
        .finally(() => setLoading(false));
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      loading={loading}
      options={options}
      placeholder={t('emergency.console.grids.findPerson')}
      notFoundContent={q ? t('emergency.console.grids.noPerson') : null}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
