import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { isCurrentPath, navigate } from './router';

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  readonly href: string;
  /** A plain click on a link to the page already shown, where navigating would do nothing: e.g. reload its data. */
  readonly onReselect?: () => void;
};

/** An anchor that navigates in-app on a plain click and behaves as a link otherwise (new tab…). */
export function Link({ href, onClick, onReselect, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>): void {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (onReselect && isCurrentPath(href)) onReselect();
    else navigate(href);
  }
  return <a href={href} onClick={handleClick} {...rest} />;
}
