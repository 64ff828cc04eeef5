// The Sandbox CRM page shows what Callbridge wrote into custom fields (UTM tags, client id, mapped fields),
// by the fields' names, beside the standard columns.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/testing/factories";
import { projectSandboxAccount } from "./accounts";
import { sandboxSnapshot } from "./viewer";

async function projectRef() {
  const { projectKey } = await makeProject("Sandbox viewer");
  return db().project.findUniqueOrThrow({ where: { key: projectKey }, select: { id: true, key: true } });
}

describe("the sandbox viewer", () => {
  it("lists a Pipedrive person's custom field values by the fields' names", async () => {
    const project = await projectRef();
    const account = await projectSandboxAccount("pipedrive", project);
    const field = (await db().sandboxRecord.findMany({ where: { accountId: account.id, module: "personFields" } })).map((row) => row.data as { key: string; name: string; edit_flag?: boolean }).find((item) => item.edit_flag)!;
    const person = (await db().sandboxRecord.findFirstOrThrow({ where: { accountId: account.id, module: "persons" } }))!;
    await db().sandboxRecord.update({ where: { accountId_module_id: { accountId: account.id, module: "persons", id: person.id } }, data: { data: { ...(person.data as object), custom_fields: { [field.key]: "google / cpc" } } } });
    const persons = (await sandboxSnapshot("pipedrive", project, null))!.modules.find((module) => module.module === "persons")!;
    expect(persons.columns.at(-1)).toBe("Custom fields");
    expect(persons.rows.map((row) => row.at(-1))).toContain(`${field.name}: google / cpc`);
    expect(persons.rows.join("|")).not.toContain(field.key);
  });

  it("lists a Zoho contact's custom field values by their labels", async () => {
    const project = await projectRef();
    const account = await projectSandboxAccount("zoho", project);
    const fields = (await db().sandboxRecord.findFirstOrThrow({ where: { accountId: account.id, module: "fields:Contacts" } })).data as { fields: Array<{ api_name: string; field_label: string; custom_field: boolean }> };
    const field = fields.fields.find((item) => item.custom_field)!;
    const contact = await db().sandboxRecord.findFirstOrThrow({ where: { accountId: account.id, module: "Contacts" } });
    await db().sandboxRecord.update({ where: { accountId_module_id: { accountId: account.id, module: "Contacts", id: contact.id } }, data: { data: { ...(contact.data as object), [field.api_name]: "newsletter" } } });
    const contacts = (await sandboxSnapshot("zoho", project, null))!.modules.find((module) => module.module === "Contacts")!;
    expect(contacts.rows.map((row) => row.at(-1))).toContain(`${field.field_label}: newsletter`);
  });
});
