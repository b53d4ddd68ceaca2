// Test helpers: the fixture specs as text and as plain objects to mutate.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type FixtureName = 'half-close-echo' | 'ping-client';

export const fixturePath = (name: FixtureName) => join(__dirname, `${name}.yaml`);
export const fixtureText = (name: FixtureName) => readFileSync(fixturePath(name), 'utf8');

/** A fresh, mutable copy of a fixture document. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fixtureDocument = (name: FixtureName): any => parse(fixtureText(name));
