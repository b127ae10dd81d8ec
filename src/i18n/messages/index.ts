import type { MessageTable } from '../types';
import { adjudicationMessages } from './adjudication';
import { appMessages } from './app';
import { auditMessages } from './audit';
import { burnedInMessages } from './burnedIn';
import { dashboardMessages } from './dashboard';
import { deidAdminMessages } from './deidAdmin';
import { exchangeMessages } from './exchange';
import { frameMessages } from './frames';
import { frameRegionMessages } from './frameRegions';
import { labelImportMessages } from './labelImport';
import { labelSetEditorMessages } from './labelSetEditor';
import { labelSetMigrationMessages } from './labelSetMigration';
import { modelRegistryMessages } from './modelRegistry';
import { pacsPushMessages } from './pacsPush';
import { proposalMessages } from './proposals';
import { readingContextMessages } from './readingContext';
import { reviewQueueMessages } from './reviewQueue';
import { reviewItemMessages } from './reviewItem';
import { reviewFramesMessages } from './reviewFrames';
import { reviewSlideMessages } from './reviewSlide';
import { segmentationMessages } from './segmentation';
import { slideMessages } from './slide';
import { slideAnnotationMessages } from './slideAnnotation';
import { toolMessages } from './tools';
import { videoMessages } from './video';
import { viewerMessages } from './viewer';

/** Every feature's table; listed separately so a test can catch one key defined twice. */
export const messageTables = {
  appMessages,
  viewerMessages,
  readingContextMessages,
  segmentationMessages,
  labelImportMessages,
  slideMessages,
  slideAnnotationMessages,
  toolMessages,
  exchangeMessages,
  modelRegistryMessages,
  proposalMessages,
  auditMessages,
  burnedInMessages,
  reviewQueueMessages,
  dashboardMessages,
  reviewItemMessages,
  adjudicationMessages,
  reviewSlideMessages,
  reviewFramesMessages,
  frameMessages,
  frameRegionMessages,
  videoMessages,
  labelSetEditorMessages,
  labelSetMigrationMessages,
  deidAdminMessages,
  pacsPushMessages,
} as const satisfies Record<string, MessageTable>;

export const messages = {
  ...appMessages,
  ...viewerMessages,
  ...readingContextMessages,
  ...segmentationMessages,
  ...labelImportMessages,
  ...slideMessages,
  ...slideAnnotationMessages,
  ...toolMessages,
  ...exchangeMessages,
  ...modelRegistryMessages,
  ...proposalMessages,
  ...auditMessages,
  ...burnedInMessages,
  ...reviewQueueMessages,
  ...dashboardMessages,
  ...reviewItemMessages,
  ...adjudicationMessages,
  ...reviewSlideMessages,
  ...reviewFramesMessages,
  ...frameMessages,
  ...frameRegionMessages,
  ...videoMessages,
  ...labelSetEditorMessages,
  ...labelSetMigrationMessages,
  ...deidAdminMessages,
  ...pacsPushMessages,
} as const satisfies MessageTable;

export type MessageKey = keyof typeof messages;
