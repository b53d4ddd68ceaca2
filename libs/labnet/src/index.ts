export { LabnetError, LabnetErrorCode } from './errors';
export { assertInterfaceName } from './tap/interface-name';
export { FrameIoHub, FrameIoHubOptions, FrameIoDevice, WriteOutcome } from './tap/frame-io-hub';
export { TapDevice, TapDeviceOptions, TapStats, FramesListener } from './tap/tap-device';
export { LabNamespace, createVethPair } from './netns/lab-namespace';
export {
  bringUpLoopback,
  configureInterface,
  InterfaceConfig,
  MAX_LAB_MTU,
} from './netns/configure-interface';
export { inNetns, netnsFilePath } from './netns/enter-netns';
export { NetnsCounters, readNetnsCounters } from './netns/netns-counters';
export { readNetnsTcpSockets } from './netns/netns-tcp-sockets';
export { DiagEndpoint, DiagTcpSocket } from './netlink/sock-diag';
export { runCommand, runIp, CommandResult } from './netns/run-ip';
export { Scheduler, MonotonicScheduler, VirtualScheduler } from './clock/scheduler';
export { SeededRandom } from './impair/seeded-random';
export {
  Impairment,
  FrameContext,
  FramePredicate,
  Verdict,
  PortId,
  LinkDirection,
  PASS,
  DROP,
} from './impair/impairment';
export { FrameAnnotation, FrameAnnotationKind, isDropped } from './impair/annotations';
export {
  ImpairmentPipeline,
  ImpairmentHandle,
  PipelineDecision,
  SurvivingCopy,
  Release,
} from './impair/impairment-pipeline';
export { dropNth, DropNthOptions, dropMatching, dropRate, blackhole } from './impair/drop';
export { delay, DelayOptions, reorder, ReorderOptions } from './impair/delay';
export { duplicate } from './impair/duplicate';
export { rateLimit, RateLimitOptions } from './impair/rate-limit';
export { partition } from './impair/partition';
export { MacTable, MacEntry, DEFAULT_AGEING_NS } from './switch/mac-table';
export { SwitchPort, PortInput, FrameHook } from './switch/switch-port';
export { LearningSwitch, LearningSwitchOptions, SwitchCounters } from './switch/learning-switch';
export { connectTap } from './switch/tap-port';
export { LabAddressPool, LabAddressPoolOptions, LabAddressBlock } from './addressing/lab-address-pool';
