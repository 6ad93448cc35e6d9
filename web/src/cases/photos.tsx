import { Button, Image, Progress, Space, Typography } from 'antd';
import { CameraOutlined, DeleteOutlined, FileExclamationOutlined } from '@ant-design/icons';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n/index.js';
import { ApiError } from '../api/client.js';
import type { Attachment, CaseView } from './types.js';

/** Photos: JPEG, PNG or WebP up to 5 MB, 9 per case (the server checks the bytes again). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 9;

export interface PendingPhoto {
  key: string;
  file: File;
  url: string;
  progress: number;
  error: string | null;
  done: boolean;
}

/** A plain-words reason a file cannot be sent, or null. */
export function photoProblem(file: File): string | null {
  if (!PHOTO_TYPES.includes(file.type)) return i18n.t('cases.photoType', { name: file.name });
  if (file.size > MAX_PHOTO_BYTES) return i18n.t('cases.photoSize', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1) });
  return null;
}

/**
 * `POST /api/cases/:id/attachments` with upload progress (fetch cannot report
 * it, so XMLHttpRequest), the CSRF token from `GET /auth/me`.
 */
export function uploadPhoto(caseId: string, file: File, csrfToken: string | null, onProgress: (percent: number) => void): Promise<CaseView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/cases/${caseId}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as CaseView);
      const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
      const fallback = xhr.status === 413 ? i18n.t('cases.photoSize', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1) }) : i18n.t('errors.unknown');
      reject(new ApiError(xhr.status, error?.code ?? `http_${xhr.status}`, error?.message ?? fallback, error?.field));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('errors.network')));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Pick photos (camera on a phone) and list them with their progress and problems. */
export function PhotoPicker({ photos, onChange, disabled, readOnly }: { photos: PendingPhoto[]; onChange(next: PendingPhoto[]): void; disabled?: boolean; readOnly?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const add = (files: FileList | null) => {
    if (!files) return;
    const next = [...photos];
    for (const file of Array.from(files)) {
      if (next.length >= MAX_PHOTOS) break;
      next.push({ key: `${file.name}-${file.size}-${Math.random()}`, file, url: URL.createObjectURL(file), progress: 0, error: photoProblem(file), done: false });
    }
    onChange(next);
  };
  return (
    <div className="lx-case-photos" data-testid="case-photos">
      <input
        ref={input}
        type="file"
        accept={PHOTO_TYPES.join(',')}
        multiple
        style={{ display: 'none' }}
        data-testid="photo-input"
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      {readOnly ? null : (
        <>
          <Button icon={<CameraOutlined />} onClick={() => input.current?.click()} disabled={disabled || photos.length >= MAX_PHOTOS} data-testid="photo-add">
            {t('cases.photoAdd')}
          </Button>
          <Typography.Text className="lx-hint"> {t('cases.photoHint')}</Typography.Text>
        </>
      )}
      <ul className="lx-case-photo-list">
        {photos.map((p) => (
          <li key={p.key} data-testid="photo-item" data-state={p.error ? 'error' : p.done ? 'done' : 'pending'}>
            {PHOTO_TYPES.includes(p.file.type) ? <img src={p.url} alt={p.file.name} /> : <FileExclamationOutlined className="lx-case-photo-bad" aria-hidden />}
            <div className="lx-case-photo-info">
              <div className="lx-case-photo-name">{p.file.name}</div>
              {p.error ? (
                <div className="lx-error-text" role="alert" data-testid="photo-error">
                  {p.error}
                </div>
              ) : (
                <Progress percent={p.progress} size="small" status={p.done ? 'success' : 'active'} />
              )}
            </div>
            {!p.done && !readOnly ? (
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => onChange(photos.filter((x) => x.key !== p.key))} />
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Uploads every photo not sent yet; returns the latest view (or null when none was sent). */
export async function uploadAll(caseId: string, photos: PendingPhoto[], csrfToken: string | null, update: (p: PendingPhoto[]) => void): Promise<CaseView | null> {
  let current = photos;
  let last: CaseView | null = null;
  const set = (key: string, patch: Partial<PendingPhoto>) => {
    current = current.map((p) => (p.key === key ? { ...p, ...patch } : p));
    update(current);
  };
  for (const p of photos) {
    if (p.done || p.error) continue;
    try {
      last = await uploadPhoto(caseId, p.file, csrfToken, (percent) => set(p.key, { progress: percent }));
      set(p.key, { progress: 100, done: true });
    } catch (err) {
      set(p.key, { error: (err as Error).message });
    }
  }
  return last;
}

/** The photos of a case as thumbnails (served to those who may see the case). */
export function AttachmentGallery({ caseId, attachments }: { caseId: string; attachments: Attachment[] }) {
  if (!attachments.length) return null;
  return (
    <Space wrap className="lx-case-gallery" data-testid="case-gallery">
      <Image.PreviewGroup>
        {attachments.map((a) => (
          <Image key={a.id} width={96} height={96} style={{ objectFit: 'cover' }} src={`/api/cases/${caseId}/attachments/${a.id}`} alt={a.fileName} />
        ))}
      </Image.PreviewGroup>
    </Space>
  );
}
