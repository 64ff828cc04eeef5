// The app's one logger: a JSON line per event of interest on stdout (pino), with the current ids
// (./context.ts) mixed in. LOG_LEVEL sets the level (info by default); LOG_PRETTY=on (set by the launcher
// for `npm run demo` and `dev` only) prints lines for a person instead, through pino-pretty, a dev
// dependency that production never loads. Redaction is configuration: pino's redact paths for keys that
// hold secrets, and a formatter that scrubs free text (./scrub.ts) in every line.
import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import { processShared } from "@/lib/cache/process-shared";
import { logContext } from "./context";
import { REDACTED, SECRET_KEYS, scrubText, scrubValue } from "./scrub";

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

function prettyStream(): DestinationStream | undefined {
  if (process.env.LOG_PRETTY !== "on") return undefined;
  try {
    // Loaded at run time so a production install without dev dependencies never needs it.
    const pretty = createRequire(import.meta.url)("pino-pretty") as (options: object) => DestinationStream;
    return pretty({ colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname", sync: true });
  } catch {
    return undefined;
  }
}

/** The app's logger configuration; `destination` only for tests that read what it writes. */
export function createLogger(destination?: DestinationStream): Logger {
  const level = (process.env.LOG_LEVEL ?? "info").toLowerCase();
  const options: pino.LoggerOptions = {
    level: LEVELS.has(level) ? level : "info",
    base: { service: process.env.OTEL_SERVICE_NAME ?? "callbridge", pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: "msg",
    // Known secret keys at the top and one level down (headers.authorization, credentials.apiToken …).
    redact: { paths: SECRET_KEYS.flatMap((key) => [`["${key}"]`, `*["${key}"]`]), censor: REDACTED },
    serializers: { err: (error: unknown) => scrubValue(error), error: (error: unknown) => scrubValue(error) },
    formatters: {
      level: (label) => ({ level: label }),
      // Free text anywhere in the line: CRM answers and error messages quote numbers and addresses.
      log: (object) => scrubValue(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        // The message itself is free text too.
        method.apply(this, args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg)) as Parameters<typeof method>);
      },
    },
    mixin: () => {
      const ids = logContext();
      return ids ? Object.fromEntries(Object.entries(ids).filter(([, value]) => value !== undefined)) : {};
    },
  };
  if (destination) return pino(options, destination);
  const pretty = prettyStream();
  // Synchronous writes: the last lines before a crash or an exit are not lost in a buffer.
  return pretty ? pino(options, pretty) : pino(options, pino.destination({ fd: 1, sync: true }));
}

/** This process's logger (one for all of Next's bundles). */
export const logger = (): Logger => processShared("logger", () => createLogger());

/** A logger for one part of the app: its lines say which (`component`). */
export const log = (component: string): Logger => processShared(`logger:${component}`, () => logger().child({ component }));
