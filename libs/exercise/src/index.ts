// @socklab/exercise — the exercise spec (browser-safe, ./schema) and the folder loader
// (Node, ./load). Browser code imports '@socklab/exercise/schema' paths only through
// src/schema/index.ts.
export * from './schema';
export * from './load';
