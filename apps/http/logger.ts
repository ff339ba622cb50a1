import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

/**
 * JSON lines on stdout (or `destination`). Request logs carry the path, never the query (it holds
 * the token), and the redaction list is a second net for secrets passed by mistake.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions<never> = {
    level,
    base: { service: 'o2o-user-api' },
    redact: {
      paths: [
        '*.token',
        '*.secret',
        '*.secretKey',
        '*.session_key',
        '*.verify_code',
        '*.authorization',
        '*.headers.authorization',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
