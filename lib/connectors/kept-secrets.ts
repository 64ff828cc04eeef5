// How a config API PUT keeps stored secrets (shared by each CRM's connection.ts): a masked secret means
// "keep the stored one", but only for the same host, endpoint and account — a stored secret is never sent
// anywhere else, so a changed address needs the secret again.
import { AppError } from "@/lib/errors";
import { SECRET_MASK } from "@/lib/validation/connection";

export const keepRefused = (path: string, message: string) => new AppError("UNPROCESSABLE", "The configuration is not valid; nothing was changed.", [{ path, message }]);

/** The secret to store for a masked or new value; `changed` names the addresses that differ from the stored ones. */
export const keptSecret = (changed: string[]) => (value: string, kept: string | undefined, path: string) => {
  if (value !== SECRET_MASK) return value;
  if (!kept) throw keepRefused(path, "Send the secret: none is stored yet.");
  if (changed.length) throw keepRefused(path, `Send the secret again: the stored one is kept only while ${changed.join(", ")} stay the same.`);
  return kept;
};

/** The stored fields of `keep` that the input changed. */
export const changedFields = <T extends object, F extends keyof T & string>(keep: T | null, input: Pick<T, F>, fields: readonly F[]) =>
  keep ? fields.filter((field) => keep[field] !== input[field]) : [];
