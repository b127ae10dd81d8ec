import { useState, type FormEvent } from 'react';
import type { ModelRefusal, ModelSummary } from '../../core/models/registryApi';
import { ApiRequestError } from '../../data/api';
import { useT } from '../../i18n';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { adminTransport, beginModelUpload, sendModelFiles } from './modelAdminApi';
import { orderUploadFiles } from './modelUploadFiles';

type UploadState =
  | { readonly step: 'idle' }
  | { readonly step: 'checking' }
  | { readonly step: 'sending'; readonly sent: number; readonly total: number }
  | { readonly step: 'done'; readonly model: ModelSummary }
  | { readonly step: 'refused'; readonly reasons: readonly string[] }
  | { readonly step: 'failed'; readonly error: AppError };

function refusalOf(caught: unknown): readonly string[] | null {
  if (!(caught instanceof ApiRequestError) || caught.status !== 422) return null;
  const body = caught.body as Partial<ModelRefusal> | null;
  return Array.isArray(body?.reasons) ? body.reasons : null;
}

/** Manifest first (checked by the server at once), then the ONNX bytes with a progress bar; a refusal lists every reason. */
export function ModelUploadForm({ onAdded }: { readonly onAdded: () => void }) {
  const t = useT();
  const [manifestFile, setManifestFile] = useState<File | null>(null);
  const [onnxFiles, setOnnxFiles] = useState<readonly File[]>([]);
  const [state, setState] = useState<UploadState>({ step: 'idle' });
  const busy = state.step === 'checking' || state.step === 'sending';

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!manifestFile) return;
    let manifest: unknown;
    try {
      manifest = JSON.parse(await manifestFile.text()) as unknown;
    } catch (caught) {
      setState({ step: 'refused', reasons: [t('models.upload.notJson', { reason: (caught as Error).message })] });
      return;
    }
    setState({ step: 'checking' });
    const transport = adminTransport();
    try {
      const started = await beginModelUpload(transport, manifest);
      const ordered = orderUploadFiles(started.files, onnxFiles);
      if (!ordered) {
        setState({ step: 'refused', reasons: [t('models.upload.fileCount', { expected: started.files.length, chosen: onnxFiles.length })] });
        return;
      }
      const total = ordered.reduce((sum, file) => sum + file.size, 0);
      setState({ step: 'sending', sent: 0, total });
      const model = await sendModelFiles(transport, started.uploadId, ordered, (sent) => setState({ step: 'sending', sent, total }));
      setState({ step: 'done', model });
      onAdded();
    } catch (caught) {
      const reasons = refusalOf(caught);
      setState(reasons ? { step: 'refused', reasons } : { step: 'failed', error: toAppError(caught) });
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} data-testid="model-upload" data-step={state.step} aria-labelledby="model-upload-title">
      <h3 id="model-upload-title">{t('models.upload.title')}</h3>
      <p className="muted">{t('models.upload.help')}</p>
      <label>
        {t('models.upload.manifest')}
        <input type="file" accept=".json,application/json" disabled={busy} data-testid="model-upload-manifest" onChange={(e) => setManifestFile(e.target.files?.[0] ?? null)} />
      </label>
      <label>
        {t('models.upload.files')}
        <input type="file" accept=".onnx" multiple disabled={busy} data-testid="model-upload-files" onChange={(e) => setOnnxFiles(Array.from(e.target.files ?? []))} />
      </label>
      <button type="submit" disabled={busy || !manifestFile || onnxFiles.length === 0} data-testid="model-upload-submit">
        {t('models.upload.submit')}
      </button>
      {state.step === 'checking' && <p role="status">{t('models.upload.checking')}</p>}
      {state.step === 'sending' && (
        <p role="status">
          {t('models.upload.sending')} <progress max={state.total || 1} value={state.sent} aria-label={t('models.upload.progress')} />
        </p>
      )}
      {state.step === 'done' && (
        <p role="status" data-testid="model-upload-done">
          {t('models.upload.done', { name: state.model.manifest.name, version: state.model.manifest.version })}
        </p>
      )}
      {state.step === 'refused' && (
        <div role="alert" className="error" data-testid="model-upload-refusal">
          <p>{t('models.upload.refused')}</p>
          <ul>
            {state.reasons.map((reason, i) => (
              <li key={i} data-testid="model-upload-reason">
                {reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.step === 'failed' && <ErrorText error={state.error} testId="model-upload-error" />}
    </form>
  );
}
