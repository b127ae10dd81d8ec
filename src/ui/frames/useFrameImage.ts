import { useEffect, useState } from 'react';
import { appServices } from '../../store';

export type FrameImage = { readonly status: 'loading' } | { readonly status: 'ready'; readonly url: string } | { readonly status: 'error' };

/** The full image of one frame as an object URL, released when another frame is shown. */
export function useFrameImage(itemId: string, targetId: string | undefined): FrameImage {
  const [image, setImage] = useState<FrameImage>({ status: 'loading' });
  useEffect(() => {
    if (!targetId) return;
    let url: string | null = null;
    let current = true;
    setImage({ status: 'loading' });
    appServices()
      .api.loadFrame(itemId, targetId)
      .then((blob) => {
        if (!current) return;
        url = URL.createObjectURL(blob);
        setImage({ status: 'ready', url });
      })
      .catch(() => current && setImage({ status: 'error' }));
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [itemId, targetId]);
  return image;
}
