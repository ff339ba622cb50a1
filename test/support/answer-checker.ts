import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule.default;

/** What an answer is checked against: the operation of the document that served it. */
export interface CheckedAnswer {
  readonly method: string;
  /** The request path without the query string, e.g. `/api/user/order/detail`. */
  readonly path: string;
  readonly body: unknown;
}

/**
 * Checks answers against the API document served at `/openapi.json`: an answer of an operation
 * the document names must match the operation's 200 schema (the envelope with the route's answer
 * schema, or a failure); any other answer under `/api/user` must be a failure envelope.
 */
export class AnswerChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly operations: ReadonlySet<string>;

  constructor(document: { paths: Record<string, Record<string, unknown>> }) {
    addFormats(this.ajv);
    this.ajv.addSchema(document, 'openapi');
    this.operations = new Set(
      Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)),
    );
  }

  /** The problems of `answer` (an empty list when it matches), or null when the document does not say. */
  problems(answer: CheckedAnswer): string[] | null {
    const key = `${answer.method} ${answer.path}`;
    if (this.operations.has(key)) return this.run(key, pointer(answer.path, answer.method), answer.body);
    if (answer.path.startsWith('/api/user/')) return this.run('Failure', '#/components/schemas/Failure', answer.body);
    return null;
  }

  private run(key: string, ref: string, body: unknown): string[] {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi${ref}` });
      this.validators.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}

/** The JSON pointer of an operation's 200 JSON schema in the document. */
function pointer(path: string, method: string): string {
  const escaped = path.replace(/~/g, '~0').replace(/\//g, '~1');
  return `#/paths/${escaped}/${method.toLowerCase()}/responses/200/content/application~1json/schema`;
}
