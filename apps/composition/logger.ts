import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * JSON lines on stdout. Request logs carry the path, never the query (it holds the token), and the
 * redaction list is a second net for secrets passed by mistake.
 */
export function createLogger(level: string, options: { service?: string; destination?: DestinationStream } = {}): Logger {
  const settings = {
    level,
    base: { service: options.service ?? 'o2o-user-api' },
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
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
