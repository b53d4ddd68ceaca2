/** Declared names of one kind (hosts, steps, connections…) and the errors of resolving against them. */
import { formatPath, specError, type SpecError, type SpecPointer } from './errors';
import { didYouMean, listAlternatives } from './suggest';

export class Namespace {
  private readonly declared = new Map<string, SpecPointer>();

  constructor(
    private readonly noun: string,
    private readonly errors: SpecError[],
  ) {}

  /** Declares `name`; a second declaration is a duplicate-id error. */
  declare(name: string, pointer: SpecPointer): void {
    const first = this.declared.get(name);
    if (first !== undefined) {
      this.errors.push(
        specError(
          'exercise/duplicate-id',
          pointer,
          `duplicate ${this.noun} "${name}" (first declared at ${formatPath(first)})`,
        ),
      );
      return;
    }
    this.declared.set(name, pointer);
  }

  has(name: string): boolean {
    return this.declared.has(name);
  }

  names(): string[] {
    return [...this.declared.keys()];
  }

  /** True when `name` is declared; otherwise records an unknown-reference error with a suggestion. */
  resolve(name: string, pointer: SpecPointer, context = ''): boolean {
    if (this.declared.has(name)) return true;
    this.errors.push(specError('exercise/unknown-reference', pointer, this.unknownMessage(name, context)));
    return false;
  }

  unknownMessage(name: string, context = ''): string {
    const names = this.names();
    const where = context === '' ? '' : ` ${context}`;
    if (names.length === 0) return `unknown ${this.noun} "${name}"${where}: no ${this.noun} is declared`;
    const hint = didYouMean(name, names);
    return `unknown ${this.noun} "${name}"${where}${hint || ` — declared: ${listAlternatives(names)}`}`;
  }
}
