// The demo data `npm run demo` writes: the project, its owner, the sandbox connection, the demo people as
// employees with routing on — written once, untouched by later runs.
import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/service";
import { db } from "@/lib/db/client";
import { DEMO_PROJECT_KEY, seedDemo } from "@/prisma/seed";

describe("demo seed", () => {
  it("creates the demo project once, with employees and routing on, and keeps what exists on later runs", async () => {
    const first = await seedDemo("correct-horse-battery");
    expect(first.created?.apiToken).toBeTruthy();
    const project = await db().project.findUniqueOrThrow({ where: { key: DEMO_PROJECT_KEY } });
    const config = await loadConfig(project.id);
    expect(config.employees.map((employee) => employee.sip)).toEqual(["olena", "marek", "iryna"]);
    expect(config.routing).toMatchObject({ enabled: true, mode: "crm_owner" });

    const second = await seedDemo("another-password");
    expect(second.created).toBeUndefined();
    expect(await db().project.count({ where: { key: DEMO_PROJECT_KEY } })).toBe(1);
    expect((await loadConfig(project.id)).employees).toHaveLength(3);
  });
});
