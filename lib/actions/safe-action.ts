// The one builder every server action goes through: session, project membership, role, then zod.
// Actions answer a serialisable result instead of throwing, so forms can show the message in place.
import type { z } from "zod";
import { currentUser, projectAccessForAction } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import type { ProjectAccess } from "@/lib/auth/session";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/observability/logger";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; fieldErrors?: Record<string, string> } };

export function projectAction<S extends z.ZodType, T>(config: {
  /** The least role allowed to run it: ADMIN for every change, VIEWER for reads. */
  role: Role;
  schema: S;
  run: (input: z.output<S>, access: ProjectAccess) => Promise<T>;
}) {
  return (projectKey: string, raw: z.input<S>): Promise<ActionResult<T>> => checked(() => projectAccessForAction(String(projectKey), config.role), config.schema, raw, config.run);
}

/** An action of the signed-in user outside any project (creating one): session, then zod. */
export function userAction<S extends z.ZodType, T>(config: { schema: S; run: (input: z.output<S>, user: SignedInUser) => Promise<T> }) {
  return (raw: z.input<S>): Promise<ActionResult<T>> =>
    checked(
      async () => {
        const user = await currentUser();
        if (!user) throw new AppError("UNAUTHENTICATED", "error.signIn");
        return user;
      },
      config.schema,
      raw,
      config.run,
    );
}

type SignedInUser = { id: string; email: string; name: string | null };

/** An action without a session (the invitation page): the one-time token in its input is what it checks. */
export function publicAction<S extends z.ZodType, T>(config: { schema: S; run: (input: z.output<S>) => Promise<T> }) {
  return (raw: z.input<S>): Promise<ActionResult<T>> => checked(async () => null, config.schema, raw, (input) => config.run(input));
}

async function checked<S extends z.ZodType, W, T>(who: () => Promise<W>, schema: S, raw: unknown, run: (input: z.output<S>, who: W) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const access = await who();
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
      return { ok: false, error: { code: "VALIDATION", message: "validation.invalid", fieldErrors } };
    }
    return { ok: true, data: await run(parsed.data, access) };
  } catch (error) {
    if (isAppError(error)) {
      // Issues from deeper checks (e.g. against the CRM) land next to their fields like zod's.
      const fieldErrors = error.issues.length ? Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message])) : undefined;
      return { ok: false, error: { code: error.code, message: error.message, ...(fieldErrors ? { fieldErrors } : {}) } };
    }
    log("action").error({ err: error }, "server action failed");
    return { ok: false, error: { code: "INTERNAL", message: "Something went wrong on our side. Try again." } };
  }
}
