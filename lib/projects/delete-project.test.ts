// Deleting a project takes everything it owns with it, and nothing of another project.
import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { JOB_SCHEMA } from "@/lib/jobs/boss";
import { insertTestEvent, makeProject } from "@/testing/factories";
import { deleteProject } from "./delete-project";

const jobsOf = async (projectId: string) => Number((await db().$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM ${JOB_SCHEMA}.job WHERE group_id = $1`, projectId))[0]!.n);

it("refuses without the key typed again, then deletes the project with its events, jobs, tokens and audit; another project keeps everything", async () => {
  const doomed = await makeProject("Doomed");
  const kept = await makeProject("Kept");
  const [doomedRow, keptRow] = await Promise.all([db().project.findUniqueOrThrow({ where: { key: doomed.projectKey } }), db().project.findUniqueOrThrow({ where: { key: kept.projectKey } })]);
  const event = (id: string) => ({ id, type: "form", submittedAt: new Date().toISOString(), formName: "Contact", pageUrl: "https://shop.example.com", fields: { phone: "+380671112233" } });
  await insertTestEvent(doomedRow.id, event("doomed-1"));
  await insertTestEvent(doomedRow.id, event("doomed-2"));
  await insertTestEvent(keptRow.id, event("kept-1"));
  expect(await jobsOf(doomedRow.id)).toBe(2);

  await expect(deleteProject(doomed.projectKey, undefined)).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: "confirm", message: `Type ${doomed.projectKey} to confirm.` }] });
  await expect(deleteProject(doomed.projectKey, "doomed")).rejects.toMatchObject({ code: "VALIDATION" });
  await expect(deleteProject("no-such-project", "no-such-project")).rejects.toMatchObject({ code: "NOT_FOUND" });
  expect(await db().project.count({ where: { id: doomedRow.id } })).toBe(1);

  expect(await deleteProject(doomed.projectKey, ` ${doomed.projectKey} `)).toEqual({ deleted: doomed.projectKey, events: 2 });
  expect(await db().project.count({ where: { id: doomedRow.id } })).toBe(0);
  expect(await db().event.count({ where: { projectId: doomedRow.id } })).toBe(0);
  expect(await db().apiToken.count({ where: { projectId: doomedRow.id } })).toBe(0);
  expect(await db().auditEntry.count({ where: { projectId: doomedRow.id } })).toBe(0);
  expect(await jobsOf(doomedRow.id)).toBe(0);

  expect(await db().event.count({ where: { projectId: keptRow.id } })).toBe(1);
  expect(await jobsOf(keptRow.id)).toBe(1);
  expect(await db().apiToken.count({ where: { projectId: keptRow.id } })).toBeGreaterThan(0);
});
