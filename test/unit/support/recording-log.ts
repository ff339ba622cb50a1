import type { LogFields, OrderingLog } from '../../../core/index.js';

export interface LogLine {
  readonly level: 'warn' | 'error';
  readonly fields: LogFields;
  readonly message: string;
}

/** An OrderingLog that keeps its lines, for tests that look at what a person would be told. */
export class RecordingLog implements OrderingLog {
  readonly lines: LogLine[] = [];

  warn(fields: LogFields, message: string): void {
    this.lines.push({ level: 'warn', fields, message });
  }

  error(fields: LogFields, message: string): void {
    this.lines.push({ level: 'error', fields, message });
  }

  /** The lines about one order. */
  about(orderNo: string): LogLine[] {
    return this.lines.filter((line) => line.fields['orderNo'] === orderNo);
  }
}
