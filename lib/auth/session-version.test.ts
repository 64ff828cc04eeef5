// Sessions end when the user's session version moves: a new password or role (the CLI's add-member),
// or a sign-out (next-auth's signOut event bumps it).
import { describe, expect, it } from "vitest";
import { bumpSessionVersion, findSessionUser } from "@/lib/db/queries/users";
import { createUser } from "@/lib/projects/create-user";
import { makeMember, makeProject } from "@/testing/factories";
import { authenticate } from "./sign-in";

describe("session version", () => {
  it("a session signed in before a new password, a role change or a sign-out no longer has a user", async () => {
    const project = await makeProject("Sessions");
    const { email, password } = await makeMember(project.projectKey, "ADMIN");
    const first = await authenticate({ email, password }, null);
    expect(await findSessionUser(first.id, first.sessionVersion)).toMatchObject({ email });

    await createUser({ email, password: "a-new-password-123", projectKey: project.projectKey, role: "VIEWER" }, { actor: "test" });
    expect(await findSessionUser(first.id, first.sessionVersion)).toBeNull();

    const second = await authenticate({ email, password: "a-new-password-123" }, null);
    expect(second.sessionVersion).toBeGreaterThan(first.sessionVersion);
    expect(await findSessionUser(second.id, second.sessionVersion)).toMatchObject({ email });
    await bumpSessionVersion(second.id);
    expect(await findSessionUser(second.id, second.sessionVersion)).toBeNull();
  });
});
