import { Alert, Button, Space } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { uploadHandover, type NeedWithTimeline } from '../api.js';

/**
 * 「拍照交接」: the goods at the compound gate, photographed with the phone's
 * camera (`capture`), previewed, then sent with the hand-over step.
 */
export function HandoverPhoto({ needId, onDone }: { needId: string; onDone(need: NeedWithTimeline): void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const choose = (f: File | undefined) => {
    setProblem(null);
    if (!f) return;
    if (!f.type.startsWith('image/')) {
      setProblem(t('emergency.errand.photoNotImage'));
      return;
    }
    setFile(f);
    setPreview(URL.createObjectURL(f));
  };
  const send = async () => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      onDone(await uploadHandover(needId, file));
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lx-em-handover" data-testid="handover">
      <div className="lx-muted">{t('emergency.errand.photoHint')}</div>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        className="lx-em-file"
        data-testid="handover-file"
        aria-label={t('emergency.errand.takePhoto')}
        onChange={(e) => choose(e.target.files?.[0])}
      />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button size="large" block icon={<CameraOutlined />} onClick={() => input.current?.click()} data-testid="handover-take">
          {file ? t('emergency.errand.retakePhoto') : t('emergency.errand.takePhoto')}
        </Button>
        {preview ? <img src={preview} alt={t('emergency.errand.photoPreview')} className="lx-em-photo" data-testid="handover-preview" /> : null}
        {problem ? <Alert type="error" showIcon message={problem} role="alert" data-testid="handover-error" /> : null}
        <Button type="primary" size="large" block disabled={!file} loading={busy} onClick={() => void send()} data-testid="handover-send">
          {t('emergency.errand.sendHandover')}
        </Button>
      </Space>
    </div>
  );
}
