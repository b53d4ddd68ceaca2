export * from './queues';
export * from './run-status';
export * from './languages';
export * from './lab-events';
export * from './api/errors';
export * from './api/submissions';
