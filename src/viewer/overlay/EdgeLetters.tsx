import type { EdgeMarkers } from './orientationMarkers';
import './EdgeLetters.css';

const EDGES = ['top', 'bottom', 'left', 'right'] as const;

/** Orientation letters at the middle of each edge of the box it is placed in (positioned). */
export function EdgeLetters({ markers, testIdPrefix }: { readonly markers: EdgeMarkers; readonly testIdPrefix: string }) {
  return (
    <>
      {EDGES.map((edge) => (
        <span key={edge} className={`sv-marker sv-marker-${edge}`} data-testid={`${testIdPrefix}-${edge}`}>
          {markers[edge]}
        </span>
      ))}
    </>
  );
}
