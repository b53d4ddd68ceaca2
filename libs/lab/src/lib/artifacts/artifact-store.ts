/** Files a run leaves in its out dir, each recorded with its size for the report. */
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactRecord } from '../report';

export class ArtifactStore {
  readonly records: ArtifactRecord[] = [];

  constructor(readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  pathOf(name: string): string {
    return join(this.dir, name);
  }

  async writeText(name: string, text: string): Promise<void> {
    await writeFile(this.pathOf(name), text);
    await this.add(name);
  }

  async writeJson(name: string, value: unknown): Promise<void> {
    await this.writeText(name, `${JSON.stringify(value, null, 2)}\n`);
  }

  async copyIn(name: string, source: string): Promise<void> {
    await copyFile(source, this.pathOf(name));
    await this.add(name);
  }

  /** Records a file something else wrote at pathOf(name) (e.g. a capture). */
  async add(name: string): Promise<void> {
    const path = this.pathOf(name);
    const { size } = await stat(path);
    this.records.push({ name, path, bytes: size });
  }
}
