/** The units where the readers differ: each reader's answer (a button that picks it) and the lead's decision. */
import type { AdjudicationReader, AdjudicationUnit } from '../../core/api';
import { isPick, isRegionEdit, type ConsensusDecision } from '../../core/consensus';
import type { ItemKind } from '../../core/item';
import type { LabelSet, Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { ClassChooser } from './ClassChooser';
import { answerText, className, placeText, questionOf } from './unitText';

export interface AdjudicationUnitsProps {
  readonly units: readonly AdjudicationUnit[];
  readonly readers: readonly AdjudicationReader[];
  readonly targetIds: readonly string[];
  readonly itemKind: ItemKind;
  readonly labelSet: LabelSet;
  readonly selected: number;
  readonly busy: boolean;
  readonly onSelect: (index: number) => void;
  readonly onDecide: (unit: AdjudicationUnit, decision: ConsensusDecision) => void;
}

export function AdjudicationUnits({ units, readers, targetIds, itemKind, labelSet, selected, busy, onSelect, onDecide }: AdjudicationUnitsProps) {
  const t = useT();
  const [language] = useLanguage();
  const readerNumber = (readerId: string) => readers.findIndex((r) => r.id === readerId) + 1;
  const decisionText = (unit: AdjudicationUnit, question: Question | undefined): string => {
    const decision = unit.decision?.decision;
    if (!unit.settled || !decision) return t('adjudication.undecided');
    if (isPick(decision)) return t('adjudication.picked', { number: readerNumber(decision.pick) });
    if (isRegionEdit(decision)) return t('adjudication.editedDrawing', { count: decision.edit.geometries.length });
    return t('adjudication.edited', { classes: decision.edit.classCodes.map((code) => className(question, code, language)).join(', ') });
  };
  return (
    <table className="adjudication-units">
      <thead>
        <tr>
          <th scope="col">{t('adjudication.column.place')}</th>
          <th scope="col">{t('adjudication.column.question')}</th>
          {readers.map((reader, i) => (
            <th scope="col" key={reader.id}>
              {t('adjudication.reader', { number: i + 1, name: reader.displayName || reader.username })}
            </th>
          ))}
          <th scope="col">{t('adjudication.column.decision')}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((unit, index) => {
          const question = questionOf(labelSet, unit.questionId);
          const decision = unit.decision?.decision;
          return (
            <tr
              key={`${unit.questionId}/${unit.targetKey}`}
              data-testid={`adjudication-unit-${unit.questionId}-${unit.targetKey}`}
              data-selected={index === selected ? 'true' : 'false'}
              data-settled={unit.settled ? 'true' : 'false'}
              data-basis={!unit.settled || !decision ? '' : isPick(decision) ? 'picked' : 'edited'}
              aria-selected={index === selected}
              className={index === selected ? 'selected' : undefined}
              onClick={() => onSelect(index)}
            >
              <td>{placeText(unit.targetKey, targetIds, question, language, t, itemKind)}</td>
              <td>{question?.name[language] ?? unit.questionId}</td>
              {unit.answers.map((answer) => (
                <td key={answer.readerId}>
                  <button
                    type="button"
                    data-testid={`adjudication-pick-${answer.readerId}`}
                    aria-pressed={decision !== undefined && isPick(decision) && decision.pick === answer.readerId}
                    disabled={busy}
                    title={t('adjudication.pick', { number: readerNumber(answer.readerId) })}
                    onClick={() => onDecide(unit, { pick: answer.readerId })}
                  >
                    {answerText(answer.value, question, language, t)}
                  </button>
                </td>
              ))}
              <td data-testid="adjudication-decision">
                {decisionText(unit, question)}
                {question && question.target !== 'region' && index === selected && <ClassChooser question={question} disabled={busy} onChoose={(classCodes) => onDecide(unit, { edit: { classCodes } })} />}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

