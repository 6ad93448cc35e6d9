import { Alert, Button, Card, Empty, Popconfirm, Select, Space, Typography } from 'antd';
import { CalendarOutlined, CheckCircleOutlined, ClockCircleOutlined, DeleteOutlined, LeftOutlined, PlusOutlined, RightOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { regionPrefix } from '../../../common/regions.js';
import { api } from '../api/client.js';
import type { DutyItem, Page, Person, RegionDetail, Roster } from '../api/types.js';
import { isAdmin, staffGrants, useAuth } from '../app/auth.js';
import { useFeedback } from '../app/feedback.js';
import { ErrorState, Loading } from '../components/states.js';
import { StatusTag } from '../components/StatusTag.js';
import { addDays, formatCalendarDate, formatTime, mondayOf, todayInShanghai } from '../lib/time.js';
import { useLoad } from '../lib/useLoad.js';
import { ConsolePage } from './ConsolePage.js';
import { UnitSelect } from './UnitSelect.js';

interface UnitChoice {
  id: string;
  name: string;
  prefix: string;
}

function DayCard({
  date,
  today,
  items,
  people,
  unitId,
  myId,
  canManage,
  onChanged,
}: {
  date: string;
  today: string;
  items: DutyItem[];
  people: Person[];
  unitId: string;
  myId?: string;
  canManage: boolean;
  onChanged(): void;
}) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const isToday = date === today;
  const past = date < today;

  const assign = async () => {
    if (!userId) return;
    setBusy(true);
    try {
      await api.put('/duty', { unitId, date, userId });
      setUserId(undefined);
      feedback.success(t('duty.assigned'));
      onChanged();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (item: DutyItem) => {
    try {
      await api.del(`/duty/${item.id}`);
      feedback.success(t('duty.removed'));
      onChanged();
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Card
      size="small"
      className={`lx-duty-day${isToday ? ' lx-duty-today' : ''}`}
      data-testid="duty-day"
      data-date={date}
      title={formatCalendarDate(date, i18n.language)}
    >
      {isToday ? (
        <div className="lx-today-label" data-testid="duty-today-label">
          <CalendarOutlined aria-hidden /> {t('duty.today')}
        </div>
      ) : null}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.nobody')} />
      ) : (
        <ul className="lx-duty-list">
          {items.map((item) => (
            <li key={item.id} data-testid="duty-item">
              <div className="lx-duty-person">
                <strong>{item.user.name}</strong>
                {item.user.id === myId ? <span className="lx-muted"> （{t('household.me')}）</span> : null}
              </div>
              {item.checkedInAt ? (
                <StatusTag tone="success">{t('duty.checkedInAt', { time: formatTime(item.checkedInAt, i18n.language) })}</StatusTag>
              ) : past || isToday ? (
                <StatusTag tone="pending">{t('duty.notCheckedIn')}</StatusTag>
              ) : null}
              {item.abilities?.remove ?? (canManage && !past) ? (
                <Popconfirm title={t('duty.removeConfirm', { name: item.user.name })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => remove(item)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('duty.remove', { name: item.user.name })} />
                </Popconfirm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage && !past ? (
        <div className="lx-duty-assign">
          <Select
            showSearch
            optionFilterProp="label"
            value={userId}
            onChange={setUserId}
            placeholder={t('duty.pickPerson')}
            aria-label={t('duty.pickPersonFor', { date: formatCalendarDate(date, i18n.language) })}
            style={{ width: '100%' }}
            options={people.map((p) => ({ value: p.id, label: p.name }))}
            data-testid="duty-person"
          />
          <Button block icon={<PlusOutlined />} onClick={assign} loading={busy} disabled={!userId} data-testid="duty-assign" aria-label={t('duty.assign')}>
            {t('duty.assignShort')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

/** 值班表: a unit's week of duty; set who is on duty; 「今天我值班」 check-in. */
export default function DutyPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const feedback = useFeedback();
  const [params, setParams] = useSearchParams();
  const today = todayInShanghai();
  const [week, setWeek] = useState(() => mondayOf(params.get('week') ?? today));
  const [extraUnit, setExtraUnit] = useState<UnitChoice | null>(null);
  const [checking, setChecking] = useState(false);

  const myUnits = useMemo<UnitChoice[]>(() => {
    const seen = new Map<string, UnitChoice>();
    // Duty is kept by region units (村委会, 街道办 …), not by departments.
    for (const g of staffGrants(me))
      if (g.departmentId === null && g.role !== 'resident' && !seen.has(g.unitId)) seen.set(g.unitId, { id: g.unitId, name: g.unitName, prefix: g.regionPrefix });
    return [...seen.values()];
  }, [me]);
  const choices = extraUnit && !myUnits.some((u) => u.id === extraUnit.id) ? [...myUnits, extraUnit] : myUnits;
  const unitId = params.get('unit') ?? choices[0]?.id ?? '';
  const unit = choices.find((u) => u.id === unitId);

  // Arriving from the region tree (?region=code): find that region's own unit.
  const regionParam = params.get('region');
  useEffect(() => {
    if (!regionParam) return;
    api
      .get<RegionDetail>(`/regions/${regionParam}`)
      .then((region) => {
        const next = new URLSearchParams(params);
        next.delete('region');
        if (region.unitId) {
          setExtraUnit({ id: region.unitId, name: region.name, prefix: regionPrefix(region.code) });
          next.set('unit', region.unitId);
        }
        setParams(next, { replace: true });
      })
      .catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [regionParam]);

  const to = addDays(week, 6);
  const roster = useLoad(
    (signal) => (unitId ? api.get<Roster>('/duty', { unitId, from: week, to }, { signal }) : Promise.resolve<Roster>({ items: [] })),
    [unitId, week],
  );
  const people = useLoad(
    (signal) =>
      unit ? api.get<Page<Person>>('/people', { regionPrefix: unit.prefix, pageSize: 100 }, { signal }) : Promise.resolve({ items: [], total: 0, page: 1, pageSize: 100 }),
    [unit?.prefix],
  );
  const candidates = useMemo(() => {
    const all = people.data?.items ?? [];
    const atUnit = all.filter((p) => p.grants?.some((g) => g.unitId === unitId && g.role !== 'resident'));
    return atUnit.length ? atUnit : all;
  }, [people.data, unitId]);

  const items = roster.data?.items ?? [];
  const mineToday = items.find((i) => i.date === today && i.user.id === me?.user.id);
  const canManage = roster.data?.abilities?.manage ?? false;
  const canCheckIn = !!mineToday && !mineToday.checkedInAt && (mineToday.abilities?.checkIn ?? true);
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));

  const checkIn = async () => {
    setChecking(true);
    try {
      await api.post('/duty/check-in', { unitId });
      feedback.success(t('duty.checkedIn'));
      roster.reload();
    } catch (err) {
      feedback.error(err);
    } finally {
      setChecking(false);
    }
  };

  return (
    <ConsolePage title={t('console.nav.duty')} description={t('duty.pageHint')} testId="page-duty">
      <Space wrap className="lx-filters">
        <Select
          value={unitId || undefined}
          placeholder={t('units.pick')}
          aria-label={t('duty.unit')}
          style={{ width: 260 }}
          onChange={(id: string) => {
            const next = new URLSearchParams(params);
            next.set('unit', id);
            setParams(next, { replace: true });
          }}
          options={choices.map((u) => ({ value: u.id, label: u.name }))}
          data-testid="duty-unit"
        />
        {isAdmin(me) ? (
          <UnitSelect
            style={{ width: 260 }}
            onChange={(id, u) => {
              if (u) setExtraUnit({ id: u.id, name: u.name, prefix: regionPrefix(u.regionCode) });
              const next = new URLSearchParams(params);
              next.set('unit', id);
              setParams(next, { replace: true });
            }}
          />
        ) : null}
        <Space.Compact>
          <Button icon={<LeftOutlined />} onClick={() => setWeek(addDays(week, -7))} aria-label={t('duty.prevWeek')}>
            {t('duty.prevWeekShort')}
          </Button>
          <Button onClick={() => setWeek(mondayOf(today))} data-testid="duty-this-week">
            {t('duty.thisWeek')}
          </Button>
          <Button onClick={() => setWeek(addDays(week, 7))} aria-label={t('duty.nextWeek')}>
            {t('duty.nextWeekShort')} <RightOutlined />
          </Button>
        </Space.Compact>
        <Typography.Text strong>
          {formatCalendarDate(week, i18n.language, false)} – {formatCalendarDate(to, i18n.language, false)}
        </Typography.Text>
      </Space>

      {mineToday ? (
        <Alert
          className="lx-duty-me"
          type={mineToday.checkedInAt ? 'success' : 'info'}
          showIcon
          icon={mineToday.checkedInAt ? <CheckCircleOutlined /> : <ClockCircleOutlined />}
          message={mineToday.checkedInAt ? t('duty.youCheckedIn', { time: formatTime(mineToday.checkedInAt, i18n.language) }) : t('duty.youAreOnDuty', { unit: unit?.name ?? '' })}
          action={
            !canCheckIn ? undefined : (
              <Button type="primary" size="large" icon={<ScheduleOutlined />} loading={checking} onClick={checkIn} data-testid="duty-check-in">
                {t('duty.checkIn')}
              </Button>
            )
          }
        />
      ) : null}

      {!unitId ? <Alert type="info" showIcon message={t('duty.noUnit')} /> : null}
      {roster.error ? <ErrorState error={roster.error} onRetry={roster.reload} /> : null}
      {roster.loading && !roster.data ? <Loading /> : null}
      {unitId && roster.data ? (
        <div className="lx-duty-grid" data-testid="duty-week">
          {days.map((date) => (
            <div key={date}>
              <DayCard
                date={date}
                today={today}
                items={items.filter((i) => i.date === date)}
                people={candidates}
                unitId={unitId}
                myId={me?.user.id}
                canManage={canManage}
                onChanged={roster.reload}
              />
            </div>
          ))}
        </div>
      ) : null}
    </ConsolePage>
  );
}
