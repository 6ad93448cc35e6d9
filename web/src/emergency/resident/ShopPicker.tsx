import { Alert, Button, Input, Select, Space } from 'antd';
import { AimOutlined, ShopOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Need, NeedWithTimeline, Paged } from '../api.js';

type Shop = NonNullable<Need['shop']>;
const key = (s: Shop) => `${s.name}@${s.lat},${s.lng}`;

/**
 * Where the runner buys the items (a pharmacy, a 母婴店): one already used
 * for other errands of the incident, or the place the runner stands now
 * (the phone's location) with its name. The route puts the shop before the
 * delivery.
 */
export function ShopPicker({ need, onDone }: { need: NeedWithTimeline; onDone(need: NeedWithTimeline): void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | undefined>(need.shop ? key(need.shop) : undefined);
  const [hereName, setHereName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const others = useLoad(
    (signal) => api.get<Paged<Need>>(`/emergency/incidents/${need.incidentId}/needs`, { pageSize: 100 }, { signal }),
    [need.incidentId],
  );
  const shops = useMemo(() => {
    const map = new Map<string, Shop>();
    for (const n of [need, ...(others.data?.items ?? [])]) if (n.shop) map.set(key(n.shop), n.shop);
    return [...map.values()];
  }, [need, others.data]);

  const save = async (shop: Shop) => {
    setBusy(true);
    setProblem(null);
    try {
      onDone(await api.put<NeedWithTimeline>(`/emergency/needs/${need.id}/shop`, { shop }));
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const useHere = () => {
    if (!hereName.trim()) {
      setProblem(t('emergency.shop.nameRequired'));
      return;
    }
    if (!navigator.geolocation) {
      setProblem(t('emergency.shop.noLocation'));
      return;
    }
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => void save({ name: hereName.trim(), lat: pos.coords.latitude, lng: pos.coords.longitude }),
      () => {
        setBusy(false);
        setProblem(t('emergency.shop.noLocation'));
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  return (
    <div className="lx-em-shop" data-testid="shop-picker">
      <div className="lx-muted">{t('emergency.shop.hint')}</div>
      <Space direction="vertical" style={{ width: '100%' }}>
        {shops.length > 0 ? (
          <Space.Compact block>
            <Select
              size="large"
              style={{ flex: 1 }}
              value={chosen}
              placeholder={t('emergency.shop.choose')}
              onChange={setChosen}
              options={shops.map((s) => ({ value: key(s), label: s.name }))}
              data-testid="shop-select"
            />
            <Button
              size="large"
              type="primary"
              icon={<ShopOutlined />}
              disabled={!chosen}
              loading={busy}
              onClick={() => {
                const shop = shops.find((s) => key(s) === chosen);
                if (shop) void save(shop);
              }}
              data-testid="shop-save"
            >
              {t('emergency.shop.save')}
            </Button>
          </Space.Compact>
        ) : null}
        <Space.Compact block>
          <Input size="large" maxLength={60} value={hereName} onChange={(e) => setHereName(e.target.value)} placeholder={t('emergency.shop.herePlaceholder')} data-testid="shop-here-name" />
          <Button size="large" icon={<AimOutlined />} loading={busy} onClick={useHere} data-testid="shop-here">
            {t('emergency.shop.here')}
          </Button>
        </Space.Compact>
        {problem ? <Alert type="error" showIcon message={problem} role="alert" /> : null}
      </Space>
    </div>
  );
}
