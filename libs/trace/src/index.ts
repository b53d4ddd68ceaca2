export * from './errors';
export * from './model/tcp-state';
export * from './model/trace-schema';
export * from './model/json-schema';
export * from './kernel/collector';
export * from './kernel/kernel-events';
export * from './kernel/tracefs';
export * from './kernel/cpu-stats';
