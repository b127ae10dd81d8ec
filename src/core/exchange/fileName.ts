/** File names of exports: the item's title, without characters file systems refuse. */
export function exportFileName(title: string, fallback: string, suffix: string): string {
  const safe = title.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '_').trim().replace(/^\.+/, '');
  return `${safe || fallback}${suffix}`;
}
