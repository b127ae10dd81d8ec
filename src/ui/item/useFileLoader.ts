import { useCallback, useEffect, useRef } from 'react';
import { appServices } from '../../store';

interface HeadStart {
  readonly fileId: string;
  readonly bytes: Promise<ArrayBuffer>;
}

/**
 * The item page's DICOM file loader. The file of the slice shown first is requested as soon as
 * the item is known, while the viewer chunk and Cornerstone still initialise (~0.4 s on a warm
 * load); the viewer then receives that request instead of starting its own. Mount once per item.
 */
export function useFileLoader(itemId: string, firstFileId: string | undefined): (fileId: string) => Promise<ArrayBuffer> {
  const started = useRef(false);
  const headStart = useRef<HeadStart | null>(null);

  useEffect(() => {
    if (!firstFileId || started.current) return;
    started.current = true;
    const bytes = appServices().api.loadFile(itemId, firstFileId);
    bytes.catch(() => undefined); // the viewer reports a failure when it asks for the file
    headStart.current = { fileId: firstFileId, bytes };
  }, [itemId, firstFileId]);

  return useCallback(
    (fileId: string) => {
      const early = headStart.current;
      if (early?.fileId === fileId) {
        headStart.current = null;
        return early.bytes;
      }
      return appServices().api.loadFile(itemId, fileId);
    },
    [itemId],
  );
}
