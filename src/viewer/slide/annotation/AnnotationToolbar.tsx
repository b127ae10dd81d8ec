/** The tool buttons (pan first) and the lesion-class buttons, each with its key. */
import type { Question } from '../../../core/labelSet';
import { useLanguage, useT, type MessageKey } from '../../../i18n';
import type { SessionSnapshot } from './annotationSession';
import { PAN, type ControllerTool } from '../../annotation/toolController';
import type { ToolKit } from './toolKit';

const PAN_KEY = 'h';

export function AnnotationToolbar({
  kit,
  question,
  snapshot,
  editable,
  onTool,
  onClass,
}: {
  readonly kit: ToolKit;
  readonly question: Question;
  readonly snapshot: SessionSnapshot;
  /** Drawing tools are offered only where the item accepts edits. */
  readonly editable: boolean;
  readonly onTool: (tool: ControllerTool) => void;
  readonly onClass: (code: string) => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  const tools: { id: ControllerTool; key: string; name: MessageKey; hint: MessageKey }[] = [
    { id: PAN, key: PAN_KEY, name: 'annotation.pan', hint: 'annotation.pan.hint' },
    ...kit.tools.map((entry) => ({ id: entry.id, key: entry.key, name: entry.messageKey, hint: `${entry.messageKey}.hint` as const })),
  ];
  return (
    <div className="slide-annotation-toolbar" role="toolbar" aria-label={t('annotation.toolbar.label')}>
      {tools.map(({ id, key, name: nameKey, hint }) => {
        const name = t(nameKey);
        return (
          <button
            key={id}
            type="button"
            data-testid={`annotation-tool-${id}`}
            aria-pressed={snapshot.tool === id}
            aria-keyshortcuts={key}
            title={t('annotation.tool.tooltip', { name, key: key.toUpperCase(), hint: t(hint) })}
            disabled={!editable && id !== PAN && id !== 'select'}
            onClick={() => onTool(id)}
          >
            {name}
            <kbd aria-hidden="true">{key.toUpperCase()}</kbd>
          </button>
        );
      })}
      <span className="slide-annotation-classes" role="group" aria-label={t('annotation.classes.label')}>
        {question.classes.map((c) => (
          <button
            key={c.code}
            type="button"
            data-testid={`annotation-class-${c.code}`}
            aria-pressed={snapshot.classCode === c.code}
            aria-keyshortcuts={c.key}
            onClick={() => onClass(c.code)}
          >
            <span className="swatch" style={{ background: c.color }} aria-hidden="true" />
            {c.name[language]}
            {c.key && <kbd aria-hidden="true">{c.key}</kbd>}
          </button>
        ))}
      </span>
    </div>
  );
}
