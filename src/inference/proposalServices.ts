/**
 * What the proposal workflow needs from the rest of the app, injected through the store's
 * services: the models a user may run on an item (the registry, `GET /api/models`), and the
 * inference client (the worker runtime). Tests give in-process implementations of both.
 */
import type { ItemKind } from '../core/item';
import type { ModelManifest } from '../core/models/manifest';
import type { InferenceClient } from './client';

/** A model a user may run: its manifest, and whether the project ships it (a demonstration model). */
export interface AvailableModel {
  readonly manifest: ModelManifest;
  readonly builtin: boolean;
}

export interface ProposalServices {
  /** The enabled models whose manifest names this label set and item kind. */
  listModels(filter: { readonly labelSetId: string; readonly itemKind: ModelManifest['itemKinds'][number] }): Promise<readonly AvailableModel[]>;
  /** The inference client; created on first use (it starts a worker), then the same one. */
  inference(): InferenceClient;
}

/** The manifest's name for an item kind. */
export function manifestItemKind(kind: ItemKind): ModelManifest['itemKinds'][number] {
  return kind === 'frameSet' ? 'frames' : kind;
}
