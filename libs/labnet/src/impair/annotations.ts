/**
 * What happened to a frame, as reported to capture hooks. `text` is meant for a pcapng
 * packet comment (RFC draft-ietf-opsawg-pcapng, opt_comment).
 */
export type FrameAnnotationKind =
  'dropped' | 'delayed' | 'reordered' | 'rate-limited' | 'duplicated' | 'duplicate-copy' | 'flooded';

export interface FrameAnnotation {
  readonly kind: FrameAnnotationKind;
  /** The impairment label or switch function responsible, e.g. 'drop-nth(3)'. */
  readonly by: string;
  readonly text: string;
}

export const NO_ANNOTATIONS: readonly FrameAnnotation[] = Object.freeze([]);

export function isDropped(annotations: readonly FrameAnnotation[]): boolean {
  return annotations.some((annotation) => annotation.kind === 'dropped');
}
