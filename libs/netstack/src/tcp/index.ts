export * from './api';
export { defaultTcpConfig, resolveTcpConfig } from './config';
export { TcpError, type TcpErrorCode } from './errors';
export { createTcpLayer, type TcpLayerOptions } from './layer';
export { seqAdd, seqDiff, seqGe, seqGt, seqInWindow, seqLe, seqLt, seqMax } from './seq';
