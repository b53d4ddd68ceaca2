/**
 * The impairments of one link direction, applied in order and changeable while the lab
 * runs (scenario steps add and remove stages).
 *
 * Combining verdicts: 'drop' ends the frame; 'delay's add up; 'duplicate' forks copies
 * that each continue through the remaining stages with their own decisions. Every
 * surviving copy is released through the scheduler after its total delay (at once when
 * zero) together with the annotations describing what happened to it.
 *
 * Deciding and releasing are separate steps so the caller can record the arrival (with
 * every decision) before any copy moves on.
 */
import { formatNs, FrameContext, Impairment, LinkDirection, PortId } from './impairment';
import { FrameAnnotation, NO_ANNOTATIONS } from './annotations';
import { Scheduler } from '../clock/scheduler';

export interface ImpairmentHandle {
  readonly impairment: Impairment;
  /** Takes the stage out of the pipeline; frames already delayed by it stay delayed. */
  remove(): void;
}

/** Called for each copy that survives, at release time. */
export type Release = (frame: Uint8Array, annotations: readonly FrameAnnotation[]) => void;

export interface SurvivingCopy {
  readonly delayNs: bigint;
  /** What happened to this copy (for its departure record). */
  readonly annotations: readonly FrameAnnotation[];
}

export interface PipelineDecision {
  /** Every decision taken for the frame and its copies (for its arrival record). */
  readonly annotations: readonly FrameAnnotation[];
  /** Empty when the frame was dropped. */
  readonly copies: readonly SurvivingCopy[];
}

const PASSED_UNCHANGED: PipelineDecision = {
  annotations: NO_ANNOTATIONS,
  copies: [{ delayNs: 0n, annotations: NO_ANNOTATIONS }],
};

export class ImpairmentPipeline {
  private stages: Impairment[] = [];

  constructor(
    readonly port: PortId,
    readonly direction: LinkDirection,
    private readonly scheduler: Scheduler,
  ) {}

  get impairments(): readonly Impairment[] {
    return this.stages;
  }

  add(impairment: Impairment): ImpairmentHandle {
    this.stages = [...this.stages, impairment];
    return { impairment, remove: () => (this.stages = this.stages.filter((stage) => stage !== impairment)) };
  }

  clear(): void {
    this.stages = [];
  }

  /** Runs the stages over the frame now; nothing is released until `release` is called. */
  decide(frame: Uint8Array, fromPort?: PortId): PipelineDecision {
    if (this.stages.length === 0) return PASSED_UNCHANGED;
    const nowNs = this.scheduler.nowNs();
    const context: FrameContext = { frame, nowNs, port: this.port, direction: this.direction, fromPort };
    const all: FrameAnnotation[] = [];
    const note = (own: FrameAnnotation[], annotation: FrameAnnotation): void => {
      own.push(annotation);
      all.push(annotation);
    };
    // The original goes first; copies made by 'duplicate' wait in this work list.
    const work: { firstStage: number; delayNs: bigint; own: FrameAnnotation[] }[] = [
      { firstStage: 0, delayNs: 0n, own: [] },
    ];
    const copies: SurvivingCopy[] = [];
    for (let item = work.shift(); item; item = work.shift()) {
      const { own } = item;
      let { delayNs } = item;
      let dropped = false;
      for (let i = item.firstStage; i < this.stages.length && !dropped; i++) {
        const stage = this.stages[i];
        const verdict = stage.decide(context);
        switch (verdict.action) {
          case 'pass':
            break;
          case 'drop':
            note(own, { kind: 'dropped', by: stage.label, text: `dropped by impairment ${stage.label}` });
            dropped = true;
            break;
          case 'delay':
            delayNs += verdict.delayNs;
            note(own, {
              kind: verdict.kind,
              by: stage.label,
              text: `${verdict.kind} ${formatNs(verdict.delayNs)} by impairment ${stage.label}`,
            });
            break;
          case 'duplicate':
            for (let copy = 1; copy <= verdict.copies; copy++) {
              const copyNote: FrameAnnotation = {
                kind: 'duplicate-copy',
                by: stage.label,
                text: `copy ${copy} made by impairment ${stage.label}`,
              };
              work.push({ firstStage: i + 1, delayNs, own: [...own, copyNote] });
            }
            note(own, {
              kind: 'duplicated',
              by: stage.label,
              text: `duplicated (${verdict.copies} extra) by impairment ${stage.label}`,
            });
            break;
        }
      }
      if (!dropped) copies.push({ delayNs, annotations: own });
    }
    return { annotations: all, copies };
  }

  /** Hands each surviving copy to `release`, at once or after its delay. */
  release(frame: Uint8Array, decision: PipelineDecision, release: Release): void {
    for (const copy of decision.copies) {
      if (copy.delayNs === 0n) release(frame, copy.annotations);
      else this.scheduler.schedule(copy.delayNs, () => release(frame, copy.annotations));
    }
  }
}
