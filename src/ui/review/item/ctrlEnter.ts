import type { KeyboardEvent } from 'react';

/** A comment box's key handler: Ctrl+Enter (⌘+Enter on a Mac) sends, Enter alone starts a new line. */
export const sendOnCtrlEnter =
  (send: () => void) =>
  (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    send();
  };
