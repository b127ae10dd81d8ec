import type { AdjudicationView, ItemDetail } from '../../core/api';
import { exportFileName } from '../../core/exchange/fileName';
import { useLanguage, useT } from '../../i18n';
import { appServices, useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { useDownload, type Download } from '../common/useDownload';
import { consensusExportBlocker, offersConsensusExport } from './consensusExport';

const REASON_ID = 'consensus-export-reason';

/**
 * The settled consensus of a CT or MR item as the DICOM SEG and SR the server writes of it
 * (`GET …/exports/seg|sr?reader=consensus`: every handed-in reader Performing, the lead Verifying).
 * For the item's WG lead; until the consensus is complete the buttons stay disabled and say why.
 */
export function ConsensusExports({ view, detail }: { readonly view: AdjudicationView; readonly detail: ItemDetail }) {
  const t = useT();
  const [language] = useLanguage();
  const roles = useAppStore((state) => state.session?.user.roles);
  const seg = useDownload();
  const sr = useDownload();
  if (!roles || !offersConsensusExport(detail.item.content.kind, roles)) return null;
  const blocker = consensusExportBlocker(view);
  const { itemId } = view;
  const title = detail.item.title;
  const regions = detail.labelSet.questions.filter((q) => q.target === 'region');
  // With several region questions the server must be told which one: a button each, as on the CT page.
  const several = regions.length > 1;
  const srChoices = several ? regions.map((q) => ({ id: q.id as string | undefined, name: q.name[language] })) : [{ id: undefined, name: '' }];
  const disabled = blocker !== null || seg.busy || sr.busy;
  const describedBy = blocker ? REASON_ID : undefined;

  const saveSeg = (questionId: string) =>
    seg.save(() => appServices().api.exportSeg(itemId, questionId, 'consensus'), exportFileName(title, itemId, several ? `-${questionId}-consensus-seg.dcm` : '-consensus-seg.dcm'));
  const saveSr = (questionId: string | undefined) =>
    sr.save(() => appServices().api.exportSr(itemId, questionId, 'consensus'), exportFileName(title, itemId, questionId === undefined ? '-consensus-sr.dcm' : `-${questionId}-consensus-sr.dcm`));

  return (
    <section className="consensus-exports" data-testid="consensus-exports" data-blocked={blocker ?? ''}>
      <h2>{t('consensusExport.title')}</h2>
      <div className="consensus-export-buttons">
        {regions.map((question) => (
          <button
            key={question.id}
            type="button"
            onClick={() => void saveSeg(question.id)}
            disabled={disabled}
            aria-busy={seg.busy}
            aria-describedby={describedBy}
            title={t('consensusExport.seg.tooltip')}
            data-testid={`consensus-seg-export-${question.id}`}
          >
            {several ? t('consensusExport.segOf', { question: question.name[language] }) : t('consensusExport.seg')}
          </button>
        ))}
        {srChoices.map((choice) => (
          <button
            key={choice.id ?? ''}
            type="button"
            onClick={() => void saveSr(choice.id)}
            disabled={disabled}
            aria-busy={sr.busy}
            aria-describedby={describedBy}
            title={t('consensusExport.sr.tooltip')}
            data-testid={choice.id === undefined ? 'consensus-sr-export' : `consensus-sr-export-${choice.id}`}
          >
            {choice.id === undefined ? t('consensusExport.sr') : t('consensusExport.srOf', { question: choice.name })}
          </button>
        ))}
      </div>
      {blocker && (
        <p className="muted" id={REASON_ID} data-testid="consensus-export-reason">
          {t(blocker)}
        </p>
      )}
      {(seg.busy || sr.busy) && (
        <p role="status" data-testid="consensus-export-busy">
          {t(seg.busy ? 'consensusExport.buildingSeg' : 'consensusExport.buildingSr')}
        </p>
      )}
      <Refusal download={seg} testId="consensus-seg-error" />
      <Refusal download={sr} testId="consensus-sr-error" />
    </section>
  );
}

/** Why the server refused a download: the sentence for its code, then the server's own words (what it found missing). */
function Refusal({ download, testId }: { readonly download: Download; readonly testId: string }) {
  const t = useT();
  const { error } = download;
  return (
    <>
      <ErrorText error={error} testId={testId} />
      {error?.kind === 'http' && (
        <p className="muted" data-testid={`${testId}-server`}>
          {t('consensusExport.serverSaid', { message: error.message })}
        </p>
      )}
    </>
  );
}
