import { Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { parseYuanToFen } from '../shared/money.js';
import { directionLabel, paymentLabel } from '../shared/labels.js';
import type { Entry, Fund } from '../shared/types.js';

interface Values {
  entryDate: dayjs.Dayjs;
  voucherNo: string;
  direction: 'income' | 'expense' | 'transfer';
  amount: string;
  counterparty: string;
  counterpartyKind: 'person' | 'organisation';
  purpose: string;
  fundId: string;
  toFundId?: string;
  approvers: string[];
  paymentMethod: 'cash' | 'bank' | 'other';
}

/** Add a ledger entry to a draft, or change one (a correction): the amount is typed in yuan and sent as integer fen. */
export function EntryDialog({ publicationId, period, funds, entry, open, onClose, onSaved }: { publicationId: string; period: string; funds: Fund[]; entry?: Entry | null; open: boolean; onClose(): void; onSaved(e: Entry): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    const amountFen = parseYuanToFen(v.amount);
    if (amountFen === null) {
      form.setFields([{ name: 'amount', errors: [t('disclosures.console.amountInvalid')] }]);
      return;
    }
    setBusy(true);
    try {
      const body = {
        entryDate: v.entryDate.format('YYYY-MM-DD'),
        voucherNo: v.voucherNo.trim(),
        direction: v.direction,
        amountFen,
        counterparty: v.counterparty?.trim() ?? '',
        counterpartyKind: v.counterpartyKind,
        purpose: v.purpose.trim(),
        fundId: v.fundId,
        toFundId: v.toFundId || null,
        approvers: v.approvers ?? [],
        paymentMethod: v.paymentMethod,
      };
      const saved = entry
        ? await api.patch<Entry>(`/disclosures/entries/${entry.id}`, body)
        : await api.post<Entry>(`/disclosures/publications/${publicationId}/entries`, body);
      feedback.success(entry ? t('disclosures.console.saved') : t('disclosures.console.entryAdded'));
      form.resetFields();
      onSaved(saved);
    } catch (err) {
      if (!applyFormError(form, err, { amountFen: 'amount' })) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  const fundOptions = funds.map((f) => ({ value: f.id, label: `${f.code} ${f.name}` }));
  return (
    <Modal open={open} onCancel={onClose} title={entry ? t('disclosures.console.editEntry', { voucher: entry.voucherNo }) : t('disclosures.console.addEntry')} footer={null} destroyOnHidden width={560}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          entry
            ? {
                entryDate: dayjs(entry.entryDate),
                voucherNo: entry.voucherNo,
                direction: entry.direction,
                amount: (entry.amountFen / 100).toFixed(2),
                counterparty: entry.counterparty,
                counterpartyKind: entry.counterpartyKind === 'person' ? 'person' : 'organisation',
                purpose: entry.purpose,
                fundId: entry.fund.id,
                toFundId: entry.toFund?.id,
                approvers: entry.approvers,
                paymentMethod: entry.paymentMethod,
              }
            : { entryDate: dayjs(`${period}-01`), direction: 'expense', counterpartyKind: 'organisation', paymentMethod: 'bank', approvers: [] }
        }
      >
        <Space wrap>
          <Form.Item name="entryDate" label={t('disclosures.console.entryDate')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="voucherNo" label={t('disclosures.console.voucherNo')} rules={[{ required: true, whitespace: true }, { max: 40 }]}>
            <Input data-testid="entry-voucher" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="direction" label={t('disclosures.console.direction')} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={(['income', 'expense', 'transfer'] as const).map((d) => ({ value: d, label: directionLabel(t, d) }))} />
          </Form.Item>
          <Form.Item name="amount" label={t('disclosures.console.amountYuan')} rules={[{ required: true, whitespace: true }]} extra={t('disclosures.console.amountHint')}>
            <Input inputMode="decimal" prefix="¥" data-testid="entry-amount" />
          </Form.Item>
          <Form.Item name="paymentMethod" label={t('disclosures.console.payment')}>
            <Select style={{ width: 120 }} options={(['bank', 'cash', 'other'] as const).map((p) => ({ value: p, label: paymentLabel(t, p) }))} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="counterparty" label={t('disclosures.counterparty')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="counterpartyKind" label={t('disclosures.console.counterpartyKind')} extra={t('disclosures.console.counterpartyKindHint')}>
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'organisation', label: t('disclosures.console.organisation') },
                { value: 'person', label: t('disclosures.console.person') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item name="purpose" label={t('disclosures.console.purpose')} rules={[{ required: true, whitespace: true }, { max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="fundId" label={t('disclosures.fund')} rules={[{ required: true, message: t('disclosures.console.fundRequired') }]} extra={funds.length ? undefined : t('disclosures.console.noFundsYet')}>
          <Select options={fundOptions} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="toFundId" label={t('disclosures.console.toFund')} extra={t('disclosures.console.toFundHint')}>
          <Select allowClear options={fundOptions} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="approvers" label={t('disclosures.console.approvers')}>
          <Select mode="tags" maxCount={5} tokenSeparators={[',', '，', '、']} open={false} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="entry-submit">
            {t('disclosures.console.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
