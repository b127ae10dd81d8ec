import type { CatalogSlice } from './catalogSlice';
import type { OpenItemSlice } from './openItemSlice';
import type { ProposalSlice } from './proposalSlice';
import type { SessionSlice } from './sessionSlice';

/** The whole client state: one bound store composed of slices. */
export type AppState = SessionSlice & CatalogSlice & OpenItemSlice & ProposalSlice;
