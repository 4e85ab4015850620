/**
 * The errors the emulator answers with, in Airtable's wire format: most are
 * `{"error": {"type", "message"}}`, and a request for a route or id that cannot exist gets the
 * bare `{"error": "NOT_FOUND"}`. They are not the platform's problem+json errors: clients such
 * as airtable.js read `error.type` and `error.message`, so the shape is the contract.
 */

/** The body of an Airtable error response. */
export type AirtableErrorBody =
  | { readonly error: { readonly type: string; readonly message?: string } }
  | { readonly error: string };

/** An error that leaves the emulator as an Airtable error response. */
export class AirtableError extends Error {
  readonly status: number;
  readonly body: AirtableErrorBody;

  constructor(status: number, body: AirtableErrorBody) {
    super(typeof body.error === 'string' ? body.error : (body.error.message ?? body.error.type));
    this.name = 'AirtableError';
    this.status = status;
    this.body = body;
  }

  /** The `type` of the error (or the bare string for `{"error": "NOT_FOUND"}`). */
  get type(): string {
    return typeof this.body.error === 'string' ? this.body.error : this.body.error.type;
  }
}

function typed(status: number, type: string, message: string): AirtableError {
  return new AirtableError(status, { error: { type, message } });
}

const MODEL_NOT_FOUND_MESSAGE =
  'Invalid permissions, or the requested model was not found. Check that both your user and ' +
  'your token have the required permissions, and that the model names and/or ids are correct.';

const INVALID_REQUEST_MESSAGE =
  'Invalid request: parameter validation failed. Check your request data.';

/** Every error the emulator answers with, by Airtable error type. */
export const airtableErrors = {
  /** 404 with the bare body: an undefined route or an id that is not even well formed. */
  routeNotFound: () => new AirtableError(404, { error: 'NOT_FOUND' }),
  /** 401: no token, a malformed header or a token the emulator does not know. */
  authenticationRequired: () => typed(401, 'AUTHENTICATION_REQUIRED', 'Authentication required'),
  /**
   * 403: the token lacks the scope, the base was not granted, or the base or table does not
   * exist. Airtable answers all of these alike so a token cannot probe for bases.
   */
  modelNotFound: () =>
    typed(403, 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', MODEL_NOT_FOUND_MESSAGE),
  /** 404: a well-formed record id that is not in the table. */
  recordNotFound: () => typed(404, 'MODEL_ID_NOT_FOUND', 'Record not found'),
  /** 404: a well-formed comment id that is not on the record. */
  commentNotFound: () => typed(404, 'MODEL_ID_NOT_FOUND', 'Comment not found'),
  /** 403: editing or deleting another user's comment. */
  notPermitted: () =>
    typed(403, 'INVALID_PERMISSIONS', 'You are not permitted to perform this operation'),
  /** 400: the body is not JSON. */
  invalidBody: () => typed(400, 'INVALID_REQUEST_BODY', 'Could not parse request body'),
  /** 413: the body is larger than the emulator accepts. */
  tooLarge: () => typed(413, 'REQUEST_TOO_LARGE', 'Request body is too large'),
  /** 422: parameters or body that fail validation. */
  invalidRequest: (message: string = INVALID_REQUEST_MESSAGE) =>
    typed(422, 'INVALID_REQUEST_UNKNOWN', message),
  /** 422: a create body without up to 10 `{fields}` objects. */
  invalidCreateRecords: () =>
    typed(
      422,
      'INVALID_RECORDS',
      'You must provide an array of up to 10 record objects, each with a "fields" object for cell values.',
    ),
  /** 422: an update body without up to 10 `{id, fields}` objects. */
  invalidUpdateRecords: () =>
    typed(
      422,
      'INVALID_RECORDS',
      'You must provide an array of up to 10 record objects, each with an "id" ID field and a "fields" object for cell values.',
    ),
  /** 422: a delete without up to 10 record ids. */
  invalidDeleteRecords: () =>
    typed(422, 'INVALID_RECORDS', 'You must provide an array of up to 10 record IDs.'),
  /** 422: an upsert whose merge values match several existing records. */
  upsertAmbiguous: (values: string) =>
    typed(
      422,
      'INVALID_RECORDS',
      `More than one existing record matches the fieldsToMergeOn values ${values}`,
    ),
  /** 422: a field name or id the table does not have. */
  unknownField: (name: string) => typed(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`),
  /** 422: a value the field cannot hold; `problem` says why. */
  invalidValue: (fieldName: string, problem: string) =>
    typed(
      422,
      'INVALID_VALUE_FOR_COLUMN',
      `Field "${fieldName}" cannot accept the provided value: ${problem}`,
    ),
  /** 422: a write to a formula, lookup, rollup, count or other computed field. */
  computedField: (fieldName: string) =>
    typed(
      422,
      'INVALID_VALUE_FOR_COLUMN',
      `Field "${fieldName}" cannot accept a value because the field is computed`,
    ),
  /**
   * 422: a select option that does not exist, without `typecast`. Airtable wraps the option in
   * doubled quotes (`""Paused""`), as seen in its live answers.
   */
  unknownChoice: (choice: string) =>
    typed(
      422,
      'INVALID_MULTIPLE_CHOICE_OPTIONS',
      `Insufficient permissions to create new select option ""${choice}""`,
    ),
  /** 422: an update of a record id that is not in the table. */
  rowDoesNotExist: (recordId: string) =>
    typed(422, 'ROW_DOES_NOT_EXIST', `Record ID ${recordId} does not exist in this table`),
  /** 422: a link to a record id that is not in the linked table. */
  linkedRowDoesNotExist: (recordId: string, tableName: string) =>
    typed(422, 'ROW_DOES_NOT_EXIST', `Record ID ${recordId} does not exist in table ${tableName}`),
  /** 422: a filterByFormula that does not parse; `problem` points at the spot. */
  invalidFormula: (problem: string) =>
    typed(
      422,
      'INVALID_FILTER_BY_FORMULA',
      `The formula for filtering records is invalid: ${problem}`,
    ),
  /** 422: a filterByFormula naming fields the table does not have (Airtable lower-cases them). */
  unknownFormulaFields: (names: readonly string[]) =>
    typed(
      422,
      'INVALID_FILTER_BY_FORMULA',
      `The formula for filtering records is invalid: Unknown field names: ${names
        .map((name) => name.toLowerCase())
        .join(', ')}`,
    ),
  /** 422: an offset the emulator never handed out in that form. */
  invalidOffset: (offset: string) =>
    typed(422, 'INVALID_OFFSET_VALUE', `The value of offset ${offset} is invalid`),
  /** 422: a well-formed list cursor that expired or was never issued. */
  iteratorNotAvailable: () =>
    typed(
      422,
      'LIST_RECORDS_ITERATOR_NOT_AVAILABLE',
      'The list records iterator is no longer available. Restart pagination without an offset.',
    ),
  /** 422: a view name that the table does not have. */
  viewNameNotFound: (view: string) => typed(422, 'VIEW_NAME_NOT_FOUND', `View ${view} not found`),
  /** 422: a view id that the table does not have. */
  viewIdNotFound: (view: string) => typed(422, 'VIEW_ID_NOT_FOUND', `View ${view} not found`),
  /** 422: a table or field name already taken. */
  duplicateName: (kind: 'table' | 'field', name: string) =>
    typed(
      422,
      kind === 'table' ? 'DUPLICATE_TABLE_NAME' : 'DUPLICATE_OR_EMPTY_FIELD_NAME',
      `A ${kind} named "${name}" already exists`,
    ),
  /** 422: a field type the metadata API cannot create. */
  unsupportedFieldType: (type: string) =>
    typed(422, 'UNSUPPORTED_FIELD_TYPE', `Creating fields of type ${type} is not supported`),
  /** 429: over 5 requests per second on a base or 50 per token; wait 30 s. */
  rateLimited: () =>
    typed(429, 'RATE_LIMIT_REACHED', 'Rate limit exceeded. Please try again later'),
  /** 500: a bug in the emulator; details are logged, not sent. */
  serverError: () =>
    typed(500, 'SERVER_ERROR', 'Server encountered an unexpected error. Try again.'),
} as const;
