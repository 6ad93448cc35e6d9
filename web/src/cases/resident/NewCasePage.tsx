import { Alert, Button, Card, Form, Input, List, Result, Select, Space, Switch, Tag, Typography } from 'antd';
import { AimOutlined, CheckCircleOutlined, EnvironmentOutlined, SendOutlined, StarOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import type { RegionDetail } from '../../api/types.js';
import { useAuth } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { RegionPicker, type PickedRegion } from '../../components/RegionPicker.js';
import { ErrorState, Loading } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import { postWithKey, titleFrom } from '../api.js';
import { PhotoPicker, uploadAll, type PendingPhoto } from '../photos.js';
import { CaseStatusTag, newIdempotencyKey } from '../shared.js';
import type { CaseView, Category, SimilarCase, Suggestion } from '../types.js';

interface Values {
  categoryCode?: string;
  title?: string;
  description: string;
  address?: string;
  isPublic: boolean;
  isAnonymous: boolean;
}

/** Debounced value (typing must not send a request per key). */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** `/cases/new`: a resident files a request on a phone. */
export default function NewCasePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  // One key per form session: a double tap or a retry files one case.
  const key = useRef(newIdempotencyKey());
  const categories = useLoad((signal) => api.get<{ items: Category[] }>('/cases/categories', undefined, { signal }), []);
  const homeCode = me?.householdRegions?.[0];
  const home = useLoad(
    (signal) => (homeCode ? api.get<RegionDetail>(`/regions/${homeCode}`, undefined, { signal }) : Promise.resolve(null)),
    [homeCode],
  );
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [picking, setPicking] = useState(false);
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CaseView | null>(null);
  const [regionError, setRegionError] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [similar, setSimilar] = useState<SimilarCase[]>([]);
  const [followed, setFollowed] = useState<Set<string>>(new Set());

  useEffect(() => {
    if (!region && home.data) {
      const d = home.data;
      const path = (d.path ?? []).filter((p) => p.code !== d.code);
      const fromCity = path.slice(Math.max(0, path.findIndex((p) => p.code === '430200000000') + 1));
      setRegion({ code: d.code, name: d.name, path: [...fromCity, { code: d.code, name: d.name }] });
    }
  }, [home.data, region]);

  const description = Form.useWatch('description', form) ?? '';
  const categoryCode = Form.useWatch('categoryCode', form);
  const text = useDebounced(description.trim(), 400);

  useEffect(() => {
    if (text.length < 2) return setSuggestions([]);
    const controller = new AbortController();
    api
      .get<{ items: Suggestion[] }>('/cases/suggest-category', { text }, { signal: controller.signal })
      .then((r) => setSuggestions(r.items.slice(0, 3)))
      .catch(() => undefined);
    return () => controller.abort();
  }, [text]);

  useEffect(() => {
    if (text.length < 2 || !region) return setSimilar([]);
    const controller = new AbortController();
    api
      .get<{ items: SimilarCase[] }>('/cases/similar', { regionCode: region.code, text, lat: point?.lat, lng: point?.lng }, { signal: controller.signal })
      .then((r) => setSimilar(r.items.slice(0, 5)))
      .catch(() => undefined);
    return () => controller.abort();
  }, [text, region, point]);

  const byCode = useMemo(() => new Map((categories.data?.items ?? []).map((c) => [c.code, c])), [categories.data]);
  const chosen = categoryCode ? byCode.get(categoryCode) : undefined;
  const options = useMemo(() => {
    const items = categories.data?.items ?? [];
    return items
      .filter((c) => !c.parentCode)
      .map((parent) => {
        const children = items.filter((c) => c.parentCode === parent.code);
        return children.length ? { label: parent.name, options: children.map((c) => ({ value: c.code, label: c.name })) } : { value: parent.code, label: parent.name };
      });
  }, [categories.data]);

  useEffect(() => {
    // A confidential report is never public; the default for others is public.
    if (chosen?.confidential) form.setFieldsValue({ isPublic: false, isAnonymous: true });
  }, [chosen, form]);

  const locate = () => {
    if (!navigator.geolocation) return setLocateError(t('cases.locateUnavailable'));
    setLocating(true);
    setLocateError(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPoint({ lat: Math.round(pos.coords.latitude * 1e6) / 1e6, lng: Math.round(pos.coords.longitude * 1e6) / 1e6 });
        setLocating(false);
      },
      () => {
        setLocateError(t('cases.locateDenied'));
        setLocating(false);
      },
      { timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const follow = async (c: SimilarCase) => {
    try {
      await api.post(`/cases/${c.id}/follow`);
      setFollowed((prev) => new Set(prev).add(c.id));
      feedback.success(t('cases.followed', { number: c.trackingNumber }));
    } catch (err) {
      feedback.error(err);
    }
  };

  const submit = async (values: Values) => {
    if (!region) return setRegionError(t('cases.regionRequired'));
    setBusy(true);
    try {
      const body = {
        categoryCode: values.categoryCode,
        title: values.title?.trim() || titleFrom(values.description),
        description: values.description.trim(),
        regionCode: region.code,
        ...(values.address?.trim() ? { address: values.address.trim() } : {}),
        ...(point ? point : {}),
        isPublic: values.isPublic,
        isAnonymous: values.isAnonymous,
      };
      const { data } = await postWithKey<CaseView>('/cases', body, key.current, me?.csrfToken ?? null);
      setCreated(data);
      // Files refused before sending were shown as such; only the good ones go up, with their progress.
      const sendable = photos.filter((p) => !p.error);
      setPhotos(sendable);
      if (sendable.some((p) => !p.done)) await uploadAll(data.id, sendable, me?.csrfToken ?? null, setPhotos);
    } catch (err) {
      if (!applyFormError(form, err, { regionCode: 'region' })) {
        if ((err as { field?: string }).field === 'regionCode') setRegionError((err as Error).message);
        else feedback.error(err);
      }
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    const failed = photos.filter((p) => p.error);
    return (
      <Card data-testid="case-created">
        <Result
          status="success"
          title={t('cases.createdTitle')}
          subTitle={
            <span>
              {t('cases.trackingNumber')}：<strong className="lx-case-number" data-testid="tracking-number">{created.trackingNumber}</strong>
            </span>
          }
          extra={
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Paragraph>{created.handlingUnit ? t('cases.createdRouted', { unit: created.handlingUnit.name }) : t('cases.createdPool')}</Typography.Paragraph>
              <Typography.Paragraph className="lx-hint">{t('cases.createdHint')}</Typography.Paragraph>
              {photos.length ? <PhotoPicker photos={photos} onChange={setPhotos} readOnly /> : null}
              {failed.length ? <Alert type="warning" showIcon message={t('cases.photosFailed', { count: failed.length })} /> : null}
              <Link to={`/cases/${created.id}`}>
                <Button type="primary" block data-testid="goto-case">
                  {t('cases.viewProgress')}
                </Button>
              </Link>
              <Link to="/cases/mine">
                <Button block>{t('cases.mineTitle')}</Button>
              </Link>
            </Space>
          }
        />
      </Card>
    );
  }

  if (categories.loading || home.loading) return <Loading />;
  if (categories.error) return <ErrorState error={categories.error} onRetry={categories.reload} />;

  return (
    <div className="lx-case-new" data-testid="page-case-new">
      <Typography.Title level={3}>{t('cases.newTitle')}</Typography.Title>
      <Typography.Paragraph className="lx-hint">{t('cases.newHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ isPublic: true, isAnonymous: false }} data-testid="case-form">
        <Form.Item
          name="description"
          label={t('cases.description')}
          rules={[
            { required: true, whitespace: true, message: t('cases.descriptionRequired') },
            { min: 2, message: t('cases.descriptionShort') },
            { max: 2000 },
          ]}
        >
          <Input.TextArea rows={5} showCount maxLength={2000} placeholder={t('cases.descriptionPlaceholder')} data-testid="case-description" />
        </Form.Item>
        <Form.Item name="categoryCode" label={t('cases.category')} rules={[{ required: true, message: t('cases.categoryRequired') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={options}
            placeholder={t('cases.categoryPlaceholder')}
            aria-label={t('cases.category')}
            data-testid="case-category"
          />
        </Form.Item>
        {suggestions.length ? (
          <div className="lx-case-suggest" data-testid="category-suggestions">
            <span className="lx-hint">{t('cases.suggested')}</span>
            {suggestions.map((s) => (
              <Button
                key={s.code}
                size="small"
                type={categoryCode === s.code ? 'primary' : 'default'}
                data-testid="category-suggestion"
                data-code={s.code}
                onClick={() => form.setFieldsValue({ categoryCode: s.code })}
              >
                {s.name}
              </Button>
            ))}
          </div>
        ) : null}
        {chosen ? (
          <Typography.Paragraph className="lx-hint" data-testid="category-deadline">
            {t('cases.deadlineHint', { response: chosen.responseHours, resolution: chosen.resolutionHours >= 48 ? t('cases.days', { n: Math.round(chosen.resolutionHours / 24) }) : t('cases.hours', { n: chosen.resolutionHours }) })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item name="title" label={t('cases.titleLabel')} extra={t('cases.titleHint')} rules={[{ min: 2, message: t('cases.titleShort') }, { max: 60 }]}>
          <Input maxLength={60} data-testid="case-title" />
        </Form.Item>

        <Form.Item label={t('cases.place')} required validateStatus={regionError ? 'error' : undefined} help={regionError ?? undefined}>
          {region && !picking ? (
            <div className="lx-case-place" data-testid="case-region">
              <EnvironmentOutlined aria-hidden /> <strong>{region.path.map((p) => p.name).join(' / ') || region.name}</strong>{' '}
              <Button type="link" onClick={() => setPicking(true)} data-testid="case-region-change">
                {t('cases.placeChange')}
              </Button>
            </div>
          ) : (
            <RegionPicker
              value={region}
              onChange={(r) => {
                setRegion(r);
                setRegionError(null);
                setPicking(false);
              }}
            />
          )}
        </Form.Item>
        <Form.Item name="address" label={t('cases.address')} rules={[{ max: 200 }]}>
          <Input placeholder={t('cases.addressPlaceholder')} autoComplete="street-address" data-testid="case-address" />
        </Form.Item>
        <div className="lx-case-locate">
          <Button icon={<AimOutlined />} onClick={locate} loading={locating} data-testid="case-locate">
            {point ? t('cases.locateAgain') : t('cases.locate')}
          </Button>
          {point ? (
            <span className="lx-hint" data-testid="case-point">
              <CheckCircleOutlined aria-hidden /> {t('cases.located', { lat: point.lat, lng: point.lng })}{' '}
              <Button type="link" size="small" onClick={() => setPoint(null)}>
                {t('cases.locateClear')}
              </Button>
            </span>
          ) : null}
          {locateError ? <div className="lx-error-text" role="alert">{locateError}</div> : null}
        </div>

        <Form.Item label={t('cases.photos')}>
          <PhotoPicker photos={photos} onChange={setPhotos} />
        </Form.Item>

        <Form.Item name="isPublic" label={t('cases.isPublic')} valuePropName="checked" extra={chosen?.confidential ? t('cases.confidentialHint') : t('cases.isPublicHint')}>
          <Switch disabled={chosen?.confidential} data-testid="case-public" />
        </Form.Item>
        <Form.Item name="isAnonymous" label={t('cases.isAnonymous')} valuePropName="checked" extra={t('cases.isAnonymousHint')}>
          <Switch data-testid="case-anonymous" />
        </Form.Item>

        {similar.length ? (
          <Card size="small" className="lx-case-similar" title={t('cases.similarTitle')} data-testid="similar-cases">
            <Typography.Paragraph className="lx-hint">{t('cases.similarHint')}</Typography.Paragraph>
            <List
              dataSource={similar}
              renderItem={(c) => (
                <List.Item
                  data-testid="similar-item"
                  actions={[
                    c.mine ? (
                      <Link key="open" to={`/cases/${c.id}`}>
                        {t('cases.open')}
                      </Link>
                    ) : followed.has(c.id) ? (
                      <Tag key="done" icon={<CheckCircleOutlined />} color="success">
                        {t('cases.following')}
                      </Tag>
                    ) : (
                      <Button key="follow" size="small" icon={<StarOutlined />} onClick={() => void follow(c)} data-testid="similar-follow">
                        {t('cases.follow')}
                      </Button>
                    ),
                  ]}
                >
                  <List.Item.Meta
                    title={c.title}
                    description={
                      <span>
                        <CaseStatusTag status={c.status} /> {c.region.name}
                        {c.distanceMeters !== null ? ` · ${t('cases.distance', { m: c.distanceMeters })}` : ''}
                      </span>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        ) : null}

        <Button type="primary" htmlType="submit" size="large" block loading={busy} icon={<SendOutlined />} data-testid="case-submit">
          {t('cases.submit')}
        </Button>
      </Form>
    </div>
  );
}
