/**
 * Calls `onChange` when the element's size really changes. A ResizeObserver also reports the
 * size it starts with; that first report is swallowed, since nothing needs redoing for it.
 */
export function watchElementSize(element: HTMLElement, onChange: () => void): () => void {
  let width = element.clientWidth;
  let height = element.clientHeight;
  const observer = new ResizeObserver(() => {
    if (element.clientWidth === width && element.clientHeight === height) return;
    width = element.clientWidth;
    height = element.clientHeight;
    onChange();
  });
  observer.observe(element);
  return () => observer.disconnect();
}
