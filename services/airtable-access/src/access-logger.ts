/**
 * The logging the access layer does; a pino logger (the kit's `createLogger`) fits as is.
 * Lines carry base ids and operation names, never tokens.
 */
export interface AccessLogger {
  warn(fields: object, message: string): void;
}
