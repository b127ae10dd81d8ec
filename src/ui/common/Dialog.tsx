import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog: focus moves into it, Escape closes it, and key presses stay inside so the
 * item page's shortcuts do not fire underneath.
 */
export function Dialog({
  title,
  children,
  onClose,
  testId,
  wide = false,
}: {
  readonly title: string;
  readonly children: ReactNode;
  readonly onClose: () => void;
  readonly testId?: string;
  readonly wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>('button, [href], input, select, textarea');
    (first ?? ref.current)?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div
      className="dialog-backdrop"
      // The second press of a double click (detail 2) lands here when the first opened the dialog: not a dismissal.
      onMouseDown={(event) => event.target === event.currentTarget && event.detail < 2 && onClose()}
    >
      <div
        ref={ref}
        className={`dialog${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
