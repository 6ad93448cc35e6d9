import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../../api/client.js';
import { RegionPicker, type PickedRegion } from '../../components/RegionPicker.js';
import type { Incident } from '../api.js';

const CATEGORIES = ['positive', 'close_contact', 'secondary_contact'] as const;

/** A modal form posting to the server; errors land under the field they name. */
function FormModal<V extends object>({ title, open, onClose, submit, children, initialValues, aliases }: { title: string; open: boolean; onClose(): void; submit(v: V): Promise<void>; children: ReactNode; initialValues?: Partial<V>; aliases?: Record<string, string> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal open={open} onCancel={onClose} title={title} footer={null} width={640} destroyOnHidden>
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={async (v) => {
          setBusy(true);
          setProblem(null);
          try {
            await submit(v);
            form.resetFields();
          } catch (err) {
            if (!applyFormError(form, err, aliases)) setProblem(errorText(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {children}
        {problem ? <Alert type="error" showIcon message={problem} className="lx-em-gap" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('emergency.console.save')}
        </Button>
      </Form>
    </Modal>
  );
}

function LatLng() {
  const { t } = useTranslation();
  return (
    <Space.Compact block>
      <Form.Item name="lat" label={t('emergency.console.grids.lat')} rules={[{ required: true, message: t('emergency.console.transfers.latRequired') }]} style={{ flex: 1 }}>
        <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="lng" label={t('emergency.console.grids.lng')} rules={[{ required: true, message: t('emergency.console.transfers.latRequired') }]} style={{ flex: 1 }}>
        <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
      </Form.Item>
    </Space.Compact>
  );
}

interface Props {
  incident: Incident;
  open: boolean;
  onClose(): void;
  onDone(): void;
}

export function AddPersonModal({ incident, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal<{ name: string; phone?: string; category: string; region: PickedRegion; pickup: string; lat: number; lng: number; note?: string }>
      title={t('emergency.console.transfers.addPerson')}
      open={open}
      onClose={onClose}
      initialValues={{ category: 'close_contact' }}
      aliases={{ regionCode: 'region' }}
      submit={async (v) => {
        await api.post(`/emergency/incidents/${incident.id}/transfer-people`, {
          people: [{ name: v.name.trim(), phone: v.phone?.trim() || null, category: v.category, regionCode: v.region.code, pickup: v.pickup.trim(), lat: v.lat, lng: v.lng, note: v.note?.trim() || null }],
        });
        onDone();
      }}
    >
      <Form.Item name="name" label={t('emergency.console.stays.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="phone" label={t('emergency.console.stays.phone')} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('emergency.need.phoneInvalid') }]}>
        <Input maxLength={11} />
      </Form.Item>
      <Form.Item name="category" label={t('emergency.console.transfers.category')} rules={[{ required: true }]}>
        <Radio.Group options={CATEGORIES.map((c) => ({ value: c, label: t(`emergency.console.transfers.categories.${c}`) }))} />
      </Form.Item>
      <Form.Item name="region" label={t('emergency.console.grids.region')} rules={[{ required: true, message: t('emergency.console.incidents.regionRequired') }]}>
        <RegionPicker root={incident.regionCode} />
      </Form.Item>
      <Form.Item name="pickup" label={t('emergency.console.transfers.pickup')} extra={t('emergency.console.transfers.pickupHint')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={60} />
      </Form.Item>
      <LatLng />
      <Form.Item name="note" label={t('emergency.console.risk.note')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

export function AddVehicleModal({ incident, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal<{ plate: string; capacity: number; driverName: string; driverPhone: string }>
      title={t('emergency.console.transfers.addVehicle')}
      open={open}
      onClose={onClose}
      submit={async (v) => {
        await api.post(`/emergency/incidents/${incident.id}/vehicles`, { plate: v.plate.trim(), capacity: v.capacity, driverName: v.driverName.trim(), driverPhone: v.driverPhone.trim() });
        onDone();
      }}
    >
      <Form.Item name="plate" label={t('emergency.console.transfers.plate')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={12} placeholder="湘B·12345" />
      </Form.Item>
      <Form.Item name="capacity" label={t('emergency.console.transfers.seats')} rules={[{ required: true }]}>
        <InputNumber min={1} max={60} precision={0} />
      </Form.Item>
      <Form.Item name="driverName" label={t('emergency.console.transfers.driver')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="driverPhone" label={t('emergency.console.stays.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('emergency.need.phoneInvalid') }]}>
        <Input maxLength={11} />
      </Form.Item>
    </FormModal>
  );
}

export function AddPointModal({ incident, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal<{ name: string; address?: string; capacity: number; lat: number; lng: number; categories?: string[] }>
      title={t('emergency.console.transfers.addPoint')}
      open={open}
      onClose={onClose}
      submit={async (v) => {
        await api.post(`/emergency/incidents/${incident.id}/isolation-points`, {
          name: v.name.trim(),
          address: v.address?.trim() || null,
          capacity: v.capacity,
          lat: v.lat,
          lng: v.lng,
          ...(v.categories?.length ? { categories: v.categories } : {}),
        });
        onDone();
      }}
    >
      <Form.Item name="name" label={t('emergency.console.transfers.point')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="address" label={t('emergency.console.stations.address')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="capacity" label={t('emergency.console.transfers.beds')} rules={[{ required: true }]}>
        <InputNumber min={1} max={100000} precision={0} />
      </Form.Item>
      <LatLng />
      <Form.Item name="categories" label={t('emergency.console.transfers.categoriesAccepted')} extra={t('emergency.console.transfers.categoriesHint')}>
        <Checkbox.Group options={CATEGORIES.map((c) => ({ value: c, label: t(`emergency.console.transfers.categories.${c}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
