import type { MessageTable } from '../types';

/** Messages of the reviewer's screen of a frame set (the rest it shares with the CT screen's reviewItem table). */
export const reviewFramesMessages = {
  'reviewFrames.frames': { en: 'Frames', ja: 'フレーム' },
  'reviewFrames.frame': { en: 'Frame {n}', ja: 'フレーム {n}' },
  'reviewFrames.frameDiffers': { en: 'Frame {n} (readers differ)', ja: 'フレーム {n}（読影者間で不一致）' },
  'reviewFrames.goTo': { en: 'Go to frame {n}', ja: 'フレーム {n} へ移動' },
  'reviewFrames.differences': { en: '{count} frames differ. N / P: next / previous; ← / →: one frame.', ja: '{count} フレームで不一致。N / P：次 / 前へ、← / →：1 フレーム移動。' },
  'reviewFrames.differencesNamed': {
    en: '{count} frames differ ({frames}). N / P: next / previous; ← / →: one frame.',
    ja: '{count} フレームで不一致（{frames}）。N / P：次 / 前へ、← / →：1 フレーム移動。',
  },
  'reviewFrames.noDifferences': { en: 'The handed-in readers agree on every frame.', ja: '提出された読影はすべてのフレームで一致しています。' },
} as const satisfies MessageTable;
