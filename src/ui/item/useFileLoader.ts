import { useCallback, useEffect, useRef } from 'react';
import { itemFileHeadStart, loadItemFile } from './fileHeadStart';

/**
 * The item page's DICOM file loader. The file of the slice shown first is requested as soon as
 * the item is known (see fileHeadStart: on the item page, usually already when its detail
 * arrived), while the viewer chunk and Cornerstone still initialise; the viewer then receives
 * that request instead of starting its own. Mount once per item.
 */
export function useFileLoader(itemId: string, firstFileId: string | undefined): (fileId: string) => Promise<ArrayBuffer> {
  const started = useRef(false);

  useEffect(() => {
    // Only the first: a slice moved to later is asked for by the viewer itself.
    if (!firstFileId || started.current) return;
    started.current = true;
    itemFileHeadStart.start(itemId, firstFileId);
  }, [itemId, firstFileId]);

  return useCallback((fileId: string) => itemFileHeadStart.take(itemId, fileId) ?? loadItemFile(itemId, fileId), [itemId]);
}
