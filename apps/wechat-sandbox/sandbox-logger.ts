/** Where the sandbox writes its log lines; `console` and pino loggers both fit. */
export interface SandboxLogger {
  info(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything: the default, so tests stay quiet. */
export const SILENT_LOGGER: SandboxLogger = Object.freeze({
  info: () => undefined,
  error: () => undefined,
});
