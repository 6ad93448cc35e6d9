import { Alert, Button, Card, Descriptions, Radio, Select, Space, Table, Typography, Upload } from 'antd';
import { CloudUploadOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { yuan } from '../shared/money.js';
import { postFile } from '../shared/upload.js';
import { IMPORT_FIELDS, type ImportMapping, type ImportPreview, type ImportResult, type Publication } from '../shared/types.js';

type Mode = 'append' | 'replace';

/**
 * Ledger import: pick a CSV/XLSX export, check it (every row that would be
 * rejected, and why), adjust the column mapping (saved for the village), then
 * import — all rows or none.
 */
export function ImportPanel({ publication, onImported }: { publication: Publication; onImported(): void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const feedback = useFeedback();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('append');
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | 'save' | null>(null);
  const csrf = me?.csrfToken ?? null;
  const base = `/disclosures/publications/${publication.id}`;

  const check = async (f: File, m: ImportMapping | null, md: Mode) => {
    setBusy('preview');
    setError(null);
    try {
      const result = await postFile<ImportPreview>(`${base}/imports/preview?mode=${md}`, f, m ? { mapping: JSON.stringify(m) } : {}, csrf);
      setPreview(result);
      setMapping(result.mapping);
    } catch (err) {
      setPreview(null);
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const runImport = async () => {
    if (!file) return;
    setBusy('import');
    setError(null);
    try {
      const result = await postFile<ImportResult>(`${base}/imports?mode=${mode}`, file, mapping ? { mapping: JSON.stringify(mapping) } : {}, csrf);
      feedback.success(t('disclosures.console.imported', { count: result.imported, flags: result.openFlags }));
      setFile(null);
      setPreview(null);
      onImported();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const saveMapping = async () => {
    if (!mapping) return;
    setBusy('save');
    try {
      await api.put(`/disclosures/villages/${publication.regionCode}/import-mapping`, { mapping });
      feedback.success(t('disclosures.console.mappingSaved'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(null);
    }
  };

  const headerOptions = [{ value: '', label: t('disclosures.console.notInFile') }, ...(preview?.headers ?? []).map((h) => ({ value: h, label: h }))];

  return (
    <Card size="small" title={t('disclosures.console.importTitle')} data-testid="import-panel">
      <Typography.Paragraph className="lx-hint">{t('disclosures.console.importHint')}</Typography.Paragraph>
      <Space wrap>
        <Upload
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            void check(f, null, mode);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy === 'preview'} data-testid="import-file">
            {file ? file.name : t('disclosures.console.chooseFile')}
          </Button>
        </Upload>
        <Radio.Group
          value={mode}
          onChange={(e) => {
            setMode(e.target.value as Mode);
            if (file) void check(file, mapping, e.target.value as Mode);
          }}
          optionType="button"
          options={[
            { value: 'append', label: t('disclosures.console.modeAppend') },
            { value: 'replace', label: t('disclosures.console.modeReplace') },
          ]}
        />
      </Space>
      {error ? <Alert className="lx-dc-gap" type="error" showIcon message={error} description={t('disclosures.console.importErrorNext')} data-testid="import-error" /> : null}
      {preview ? (
        <div className="lx-dc-gap" data-testid="import-preview" data-rejected={preview.rejectedCount} data-accepted={preview.acceptedCount}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
            <Descriptions.Item label={t('disclosures.console.format')}>{preview.format} · {preview.encoding}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.console.rows')}>{preview.rowCount}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.console.accepted')}>{preview.acceptedCount}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.console.rejectedRows')}>{preview.rejectedCount}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.income')}>{yuan(preview.totals.incomeFen)}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.expense')}>{yuan(preview.totals.expenseFen)}</Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5}>{t('disclosures.console.mapping')}</Typography.Title>
          <Typography.Paragraph className="lx-hint">{t('disclosures.console.mappingHint')}</Typography.Paragraph>
          <div className="lx-dc-mapping">
            {IMPORT_FIELDS.map((field) => (
              <label key={field} className="lx-dc-mapping-row">
                <span>{t(`disclosures.console.importField.${field}`)}</span>
                <Select
                  size="small"
                  value={mapping?.[field] ?? ''}
                  options={headerOptions}
                  onChange={(v) => setMapping((m) => ({ ...(m ?? {}), [field]: v || undefined }))}
                  data-testid={`mapping-${field}`}
                  style={{ minWidth: 160 }}
                />
              </label>
            ))}
          </div>
          <Space wrap className="lx-dc-gap">
            <Button onClick={() => file && void check(file, mapping, mode)} loading={busy === 'preview'} data-testid="import-recheck">
              {t('disclosures.console.recheck')}
            </Button>
            <Button icon={<SaveOutlined />} onClick={() => void saveMapping()} loading={busy === 'save'}>
              {t('disclosures.console.saveMapping')}
            </Button>
          </Space>

          {preview.rejectedCount > 0 ? (
            <>
              <Alert
                className="lx-dc-gap"
                type="warning"
                showIcon
                message={t('disclosures.console.rejectedTitle', { count: preview.rejectedCount })}
                description={t('disclosures.console.rejectedHint')}
              />
              <Table
                size="small"
                rowKey={(r) => `${r.row}-${r.field}-${r.code}`}
                dataSource={preview.rejected}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                data-testid="import-rejected"
                columns={[
                  { title: t('disclosures.console.line'), dataIndex: 'row', width: 80 },
                  { title: t('disclosures.console.column'), render: (_, r) => t(`disclosures.console.importField.${r.field}`, { defaultValue: r.field }), width: 120 },
                  { title: t('disclosures.console.value'), dataIndex: 'value', width: 160 },
                  { title: t('disclosures.console.why'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : (
            <Alert className="lx-dc-gap" type="success" showIcon message={t('disclosures.console.allAccepted', { count: preview.acceptedCount })} />
          )}
          <Button
            className="lx-dc-gap"
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={preview.rejectedCount > 0 || preview.acceptedCount === 0}
            loading={busy === 'import'}
            onClick={() => void runImport()}
            data-testid="import-submit"
          >
            {t('disclosures.console.importSubmit', { count: preview.acceptedCount })}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
