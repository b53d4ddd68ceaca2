// Test helpers: the fixture specs as text and as plain objects to mutate.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type FixtureName = 'half-close-echo' | 'ping-client';

export const fixturePath = (name: FixtureName) => join(__dirname, `${name}.yaml`);
export const fixtureText = (name: FixtureName) => readFileSync(fixturePath(name), 'utf8');

/** A plain YAML document that tests edit freely before validating it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FixtureDocument = any;

/** A fresh, mutable copy of a fixture document. */
export const fixtureDocument = (name: FixtureName): FixtureDocument => parse(fixtureText(name));
