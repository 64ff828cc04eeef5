// Inviting people from Project settings: a one-time link for a new person (only its hash stored), an
// account made with the password they choose, and a person with an account added at once.
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { hashToken } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { cancelInvitation, listPeople } from "@/lib/db/queries/invitations";
import { makeMember, makeProject, uniqueEmail as email } from "@/testing/factories";
import { acceptInvitationWithPassword, invitePerson, openInvitation } from "./invitations";

const WHO = { userId: null, actor: "owner@example.test" };

async function project() {
  const { projectKey } = await makeProject("People");
  return db().project.findUniqueOrThrow({ where: { key: projectKey }, select: { id: true, key: true } });
}
const tokenOf = (link: string) => new URL(link).hash.slice(1);

describe("inviting a person", () => {
  it("gives a new person a one-time link; their password makes the account and the membership, once", async () => {
    const p = await project();
    const invited = email("olena");
    const outcome = await invitePerson(p, { email: invited, role: "ADMIN" }, WHO);
    if (outcome.added) throw new Error("expected a link");
    // The token is in the fragment, never in a path or query a server logs; only its hash is stored.
    expect(new URL(outcome.link).pathname).toBe("/invite");
    const token = tokenOf(outcome.link);
    expect(await db().invitation.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
    expect(await db().invitation.count({ where: { tokenHash: token } })).toBe(0);
    expect((await listPeople(p.id)).invitations.map((row) => row.email)).toEqual([invited]);

    expect(await openInvitation(token)).toEqual({ email: invited, role: "ADMIN", projectName: "People" });
    await acceptInvitationWithPassword({ token, name: "Olena Koval", password: "a-long-password", confirm: "a-long-password" });
    const user = await db().user.findUniqueOrThrow({ where: { email: invited }, include: { memberships: true } });
    expect(user.memberships).toMatchObject([{ projectId: p.id, role: "ADMIN" }]);
    expect(await verifyPassword("a-long-password", user.passwordHash)).toBe(true);
    expect(await db().auditEntry.findFirst({ where: { projectId: p.id, action: "invitation.accept", target: invited } })).not.toBeNull();

    // Used up: the link answers nothing any more, and a second answer is refused.
    expect(await openInvitation(token)).toBeNull();
    await expect(acceptInvitationWithPassword({ token, name: "Someone", password: "another-password", confirm: "another-password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listPeople(p.id)).invitations).toEqual([]);
  });

  it("adds a person who has an account at once, and refuses one who is a member already", async () => {
    const p = await project();
    const other = await makeProject("Elsewhere");
    const member = await makeMember(other.projectKey, "VIEWER");
    expect(await invitePerson(p, { email: member.email, role: "VIEWER" }, WHO)).toEqual({ added: true });
    expect((await listPeople(p.id)).members.map((row) => row.email)).toContain(member.email);
    await expect(invitePerson(p, { email: member.email, role: "ADMIN" }, WHO)).rejects.toMatchObject({ code: "CONFLICT", message: "invite.alreadyMember" });
  });

  it("keeps only the newest link per e-mail; a cancelled or expired link does nothing", async () => {
    const p = await project();
    const invited = email("taras");
    const first = await invitePerson(p, { email: invited, role: "VIEWER" }, WHO);
    const second = await invitePerson(p, { email: invited, role: "ADMIN" }, WHO);
    if (first.added || second.added) throw new Error("expected links");
    expect(await openInvitation(tokenOf(first.link))).toBeNull();
    expect(await openInvitation(tokenOf(second.link))).toMatchObject({ role: "ADMIN" });

    const [open] = (await listPeople(p.id)).invitations;
    expect(await cancelInvitation(p.id, open!.id, WHO)).toBe(true);
    expect(await openInvitation(tokenOf(second.link))).toBeNull();

    const third = await invitePerson(p, { email: invited, role: "VIEWER" }, WHO);
    if (third.added) throw new Error("expected a link");
    await db().invitation.updateMany({ where: { tokenHash: hashToken(tokenOf(third.link)) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await openInvitation(tokenOf(third.link))).toBeNull();
    await expect(acceptInvitationWithPassword({ token: tokenOf(third.link), name: "Taras", password: "a-long-password", confirm: "a-long-password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().user.count({ where: { email: invited } })).toBe(0);
  });

  it("does not let an invitation's project be another's: cancelling names the project", async () => {
    const p = await project();
    const q = await project();
    const outcome = await invitePerson(p, { email: email("ira"), role: "VIEWER" }, WHO);
    if (outcome.added) throw new Error("expected a link");
    const [open] = (await listPeople(p.id)).invitations;
    expect(await cancelInvitation(q.id, open!.id, WHO)).toBe(false);
    expect(await openInvitation(tokenOf(outcome.link))).not.toBeNull();
  });
});
