// The one logger: each line, with time, level, scope and (for a job) the job id, goes to a size-capped file
// in the data folder (logs/latent-studio.log, one rotated .1 kept) and, at or above a level, to stderr.
// Not a tracing system: no JSON, no async buffering (lines are few; a crash must not lose the last ones).
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What a domain module receives when it needs to log: no file, no levels config, no import of this module. */
export type LogFn = (level: LogLevel, message: string, fields?: LogFields) => void;

export interface LogFields {
  /** The job the line belongs to (`job-…`): `grep job-…` on the log file finds the job's whole story. */
  job?: string;
}

export interface LoggerOptions {
  /** The log file; undefined logs to stderr only. See logFilePath(dataDir). */
  file?: string;
  /** Lowest level echoed to stderr; 'silent' echoes nothing. Default 'warn'. */
  stderrLevel?: LogLevel | 'silent';
  /** Lowest level written to the file. Default 'debug'. */
  fileLevel?: LogLevel;
  /** Rotate when the file would grow past this many bytes. Default 5 MiB. */
  maxBytes?: number;
  /** Where stderr lines go (tests); default process.stderr. */
  writeStderr?: (text: string) => void;
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;

/** The log file in a data folder (see services/app-paths.ts resolveAppPaths()). */
export function logFilePath(dataDir: string): string {
  return path.join(dataDir, 'logs', 'latent-studio.log');
}

/** Parses a level name from a flag or LATENT_STUDIO_LOG_LEVEL; undefined when it is not one. */
export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  const v = value?.toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v ?? '') ? (v as LogLevel) : undefined;
}

const rank = (level: LogLevel | 'silent') => (level === 'silent' ? Infinity : LOG_LEVELS.indexOf(level));

export class Logger {
  readonly file: string | undefined;
  private readonly stderrRank: number;
  private readonly fileRank: number;
  private readonly maxBytes: number;
  private readonly writeStderr: (text: string) => void;
  private fd: number | undefined;
  private size = 0;

  constructor(options: LoggerOptions = {}) {
    this.file = options.file;
    this.stderrRank = rank(options.stderrLevel ?? 'warn');
    this.fileRank = rank(options.fileLevel ?? 'debug');
    this.maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
    this.writeStderr = options.writeStderr ?? ((t) => process.stderr.write(t));
  }

  /** Logs one message; a multi-line message becomes several lines, each with the full prefix (grep-able). */
  log(level: LogLevel, scope: string, message: string, fields: LogFields = {}): void {
    const r = rank(level);
    const job = fields.job ? ` ${fields.job}` : '';
    const lines = message.replace(/\s+$/, '').split(/\r?\n/);
    if (r >= this.stderrRank) this.writeStderr(lines.map((l) => `${level}: ${scope}${job}: ${l}\n`).join(''));
    if (this.file && r >= this.fileRank) {
      const time = new Date().toISOString();
      this.append(lines.map((l) => `${time} ${level.toUpperCase().padEnd(5)} ${scope}${job} ${l}\n`).join(''));
    }
  }

  /** A log function bound to a scope (and a job), to hand to a domain module. */
  scoped(scope: string, job?: string): LogFn {
    return (level, message, fields) => this.log(level, scope, message, { job, ...fields });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private append(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.fd === undefined) this.open();
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    writeSync(this.fd!, text);
    this.size += bytes;
  }

  private open(): void {
    mkdirSync(path.dirname(this.file!), { recursive: true });
    this.fd = openSync(this.file!, 'a');
    this.size = fstatSync(this.fd).size;
  }

  /**
   * latent-studio.log → latent-studio.log.1 (replacing the older one), then a fresh file.
   * NOTE: two processes logging to one data folder each count their own bytes; a file may overshoot the cap
   * by the other's lines until the next rotation. Nothing is lost but the oldest file.
   */
  private rotate(): void {
    this.close();
    renameSync(this.file!, `${this.file}.1`);
    this.open();
  }
}
