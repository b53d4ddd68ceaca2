export { LabnetError, LabnetErrorCode } from './errors';
export { assertInterfaceName } from './tap/interface-name';
export { FrameIoHub, FrameIoHubOptions, FrameIoDevice, WriteOutcome } from './tap/frame-io-hub';
export { TapDevice, TapDeviceOptions, TapStats, FramesListener } from './tap/tap-device';
export { LabNamespace, createVethPair } from './netns/lab-namespace';
export { configureInterface, InterfaceConfig, MAX_LAB_MTU } from './netns/configure-interface';
export { runCommand, runIp, CommandResult } from './netns/run-ip';
