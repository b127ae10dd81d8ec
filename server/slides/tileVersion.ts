/**
 * SlideItem.tileVersion of a tile pack: its blob's SHA-256, short. A pack is content-addressed,
 * so a rebuilt pyramid gets a new version and the same pyramid keeps its own; 64 bits keep the
 * few packs one item ever has apart.
 */
export const tileVersionOf = (packSha256: string): string => packSha256.slice(0, 16);
