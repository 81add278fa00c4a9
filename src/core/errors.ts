/**
 * Programmer errors of the evaluator. Data problems are never thrown: they come back as reasons
 * on rows and notes on the result. These are thrown only when the caller broke the contract
 * (a malformed rulebook, an unknown rulebook id, an as-of date that is not a date).
 */

/** Base class so adapters can tell our programmer errors from anything else. */
export class CompetencyError extends Error {
  /** A stable code, e.g. "rulebook.invalid". */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A rulebook failed its schema. `path` is the exact JSON path of the problem, e.g. `$.exams[3].role`. */
export class RulebookError extends CompetencyError {
  readonly path: string;
  constructor(path: string, problem: string) {
    super('rulebook.invalid', `Invalid rulebook at ${path}: ${problem}`);
    this.path = path;
  }
}

/** A rulebook id that no loaded rulebook has. */
export class UnknownRulebookError extends CompetencyError {
  readonly rulebookId: string;
  readonly known: readonly string[];
  constructor(id: string, known: readonly string[]) {
    super('rulebook.unknown', `Unknown rulebook "${id}"; known: ${known.join(', ')}`);
    this.rulebookId = id;
    this.known = known;
  }
}

/** An argument that is not of the documented form (e.g. as-of "2018-02-30"). */
export class InvalidArgumentError extends CompetencyError {
  readonly argument: string;
  constructor(argument: string, problem: string) {
    super('argument.invalid', `Invalid ${argument}: ${problem}`);
    this.argument = argument;
  }
}
