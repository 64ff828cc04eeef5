// Real rows for integration tests, created through the same code the CLI uses.
import { randomBytes } from "node:crypto";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/projects/create-user";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { acceptEvent } from "@/lib/events/ingest";
import { parseEvent } from "@/lib/validation/platform-event";

export const uniqueEmail = (label = "user") => `${label}-${randomBytes(4).toString("hex")}@example.test`;

export async function makeProject(name = "Test project") {
  return createProject({ name, timezone: "Europe/Kyiv", defaultCountry: "UA" }, { actor: "test" });
}

export async function makeMember(projectKey: string, role: Role, password = "correct-horse-battery") {
  const email = uniqueEmail(role.toLowerCase());
  await createUser({ email, password, projectKey, role }, { actor: "test" });
  return { email, password };
}

/** An event stored as the webhook stores it (validated, keyed by client, with its delivery job), unsigned. */
export async function insertTestEvent(projectId: string, payload: Record<string, unknown>): Promise<string> {
  const project = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { id: true, defaultCountry: true, integration: { select: { concurrency: true } } } });
  const parsed = parseEvent(payload);
  if (!parsed.ok) throw new Error(`invalid test event: ${JSON.stringify(parsed.issues)}`);
  const { answer } = await acceptEvent({ id: project.id, defaultCountry: project.defaultCountry, concurrency: project.integration?.concurrency ?? 10 }, parsed.event);
  return answer.eventId;
}
