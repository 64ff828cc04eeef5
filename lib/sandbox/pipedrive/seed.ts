// The seeded Pipedrive sandbox company (pipelines and stages in their API v2 shapes): users, person/organization/deal/activity fields (custom string
// and non-string fields with 40-character hash keys), two pipelines, and persons with local-format phones.
import { createHash } from "node:crypto";
import { DEMO_PEOPLE } from "../demo-people";
import { COMPANY_TIME_ZONE, initialCompany } from "./company";

/** Custom field keys are 40-character hashes in Pipedrive; derived from the name so they are stable. */
export const customKey = (name: string) => createHash("sha1").update(`callbridge-sandbox:${name}`).digest("hex");

type FieldSpec = [key: string, name: string, type: string, extra?: Record<string, unknown>];

const custom = (name: string, type: string, extra: Record<string, unknown> = {}): FieldSpec => [customKey(name), name, type, { edit_flag: true, ...extra }];
const system = (key: string, name: string, type: string, extra: Record<string, unknown> = {}): FieldSpec => [key, name, type, { edit_flag: false, ...extra }];
const options = (...labels: string[]) => ({ options: labels.map((label, index) => ({ id: index + 1, label })) });

const UTM = ["UTM source", "UTM medium", "UTM campaign", "UTM term", "UTM content"].map((name) => custom(name, "varchar"));

export const PIPEDRIVE_FIELDS: Record<string, FieldSpec[]> = {
  personFields: [
    system("name", "Name", "varchar"),
    system("owner_id", "Owner", "user"),
    system("org_id", "Organization", "org"),
    system("phone", "Phone", "phone"),
    system("email", "Email", "varchar"),
    system("add_time", "Person created", "date", { bulk_edit_allowed: false }),
    system("update_time", "Update time", "date", { bulk_edit_allowed: false }),
    custom("Client ID", "varchar"),
    ...UTM,
    custom("Notes from call", "text"),
    custom("Lifetime value", "monetary"),
    custom("Preferred channel", "enum", options("Phone", "Telegram", "Viber", "E-mail")),
  ],
  organizationFields: [
    system("name", "Name", "varchar"),
    system("owner_id", "Owner", "user"),
    system("address", "Address", "address"),
    system("add_time", "Organization created", "date", { bulk_edit_allowed: false }),
    custom("Client ID", "varchar"),
    custom("Segment", "set", options("SMB", "Mid-market", "Enterprise")),
  ],
  dealFields: [
    system("title", "Title", "varchar"),
    system("owner_id", "Owner", "user"),
    system("person_id", "Contact person", "people"),
    system("org_id", "Organization", "org"),
    system("value", "Value", "monetary"),
    system("pipeline_id", "Pipeline", "double"),
    system("stage_id", "Stage", "stage"),
    system("status", "Status", "status"),
    system("add_time", "Deal created", "date", { bulk_edit_allowed: false }),
    custom("Client ID", "varchar"),
    ...UTM,
    custom("Call pool", "varchar_auto"),
    custom("Deal score", "double"),
  ],
  activityFields: [
    system("subject", "Subject", "varchar"),
    system("type", "Type", "enum"),
    system("due_date", "Due date", "date"),
    system("user_id", "Assigned to user", "user"),
    system("note", "Note", "text"),
    system("done", "Done", "enum"),
  ],
};

export const PIPEDRIVE_PIPELINES = [
  { name: "Sales", stages: ["Lead in", "Contact made", "Demo scheduled", "Proposal made", "Negotiations started"] },
  { name: "Partnerships", stages: ["New partner", "Meeting", "Contract"] },
] as const;

export interface PipedriveSeed {
  records: Array<{ module: string; id: string; data: Record<string, unknown> }>;
  nextId: number;
}

const pdTime = (date: Date) => date.toISOString().slice(0, 19).replace("T", " ");

export function pipedriveSeed(now = new Date()): PipedriveSeed {
  const records: PipedriveSeed["records"] = [];
  const time = pdTime(now);
  let sequence = 1;
  const next = () => sequence++;

  const users = DEMO_PEOPLE.map((person, index) => ({
    id: 13_000_000 + index + 1,
    name: `${person.firstName} ${person.lastName}`,
    email: person.email,
    active_flag: true,
    is_admin: index === 0 ? 1 : 0,
    company_name: "Callbridge Demo Sales",
    company_domain: "callbridge-demo",
    timezone_name: COMPANY_TIME_ZONE,
    default_currency: "UAH",
    created: time,
  }));
  for (const user of users) records.push({ module: "users", id: String(user.id), data: user });
  // The company's plan, budget and billing (lib/sandbox/pipedrive/company.ts): one seat per user.
  records.push({ module: "_company", id: "state", data: { ...initialCompany(users.length) } });

  for (const [list, specs] of Object.entries(PIPEDRIVE_FIELDS)) {
    specs.forEach(([key, name, field_type, extra = {}], index) => {
      const id = next();
      records.push({
        module: list,
        id: String(id),
        data: { id, key, name, order_nr: index, field_type, add_time: time, update_time: time, active_flag: true, edit_flag: false, bulk_edit_allowed: true, mandatory_flag: false, ...extra },
      });
    });
  }

  const stageIds: number[][] = [];
  PIPEDRIVE_PIPELINES.forEach((pipeline, pipelineIndex) => {
    const id = next();
    records.push({ module: "pipelines", id: String(id), data: { id, name: pipeline.name, order_nr: pipelineIndex, is_deleted: false, is_deal_probability_enabled: true, add_time: time, update_time: time } });
    stageIds.push(
      pipeline.stages.map((name, order) => {
        const stageId = next();
        records.push({ module: "stages", id: String(stageId), data: { id: stageId, order_nr: order + 1, name, is_deleted: false, deal_probability: 100, pipeline_id: id, is_deal_rot_enabled: false, days_to_rotten: null, add_time: time, update_time: time } });
        return stageId;
      }),
    );
  });

  const userId = (index: number) => users[index]!.id;
  const orgId = next();
  records.push({ module: "organizations", id: String(orgId), data: { id: orgId, name: "Kyiv Logistics LLC", owner_id: userId(0), add_time: time, update_time: time, custom_fields: {} } });
  const persons = [
    { name: "Taras Melnyk", phone: "067 123 45 67", email: "taras.melnyk@example.com", owner: 0, org: true },
    { name: "Oksana Hrytsenko", phone: "(050) 555-12-34", owner: 1 },
    { name: "Andrii Lysenko", phone: "+380 63 777 88 99", owner: 2 },
    { name: "Piotr Zieliński", phone: "601-234-567", owner: 1 },
    { name: "Nadiia Shevchuk", phone: "380931112233", owner: 0 },
  ];
  const personIds = persons.map((person) => {
    const id = next();
    records.push({
      module: "persons",
      id: String(id),
      data: {
        id,
        name: person.name,
        first_name: person.name.split(" ")[0],
        last_name: person.name.split(" ").slice(1).join(" "),
        owner_id: userId(person.owner),
        org_id: person.org ? orgId : null,
        phones: [{ value: person.phone, primary: true, label: "work" }],
        emails: person.email ? [{ value: person.email, primary: true, label: "work" }] : [],
        add_time: time,
        update_time: time,
        visible_to: 3,
        custom_fields: {},
      },
    });
    return id;
  });
  const deals = [
    { title: "Taras Melnyk — delivery contract", person: 0, owner: 0, stage: 1, status: "open", org: true },
    { title: "Oksana Hrytsenko — annual plan", person: 1, owner: 1, stage: 3, status: "won" },
  ];
  for (const deal of deals) {
    const id = next();
    records.push({
      module: "deals",
      id: String(id),
      data: {
        id,
        title: deal.title,
        owner_id: userId(deal.owner),
        person_id: personIds[deal.person],
        org_id: deal.org ? orgId : null,
        pipeline_id: Number(records.find((record) => record.module === "pipelines")!.id),
        stage_id: stageIds[0]![deal.stage],
        status: deal.status,
        value: 0,
        currency: "UAH",
        add_time: time,
        update_time: time,
        custom_fields: {},
      },
    });
  }
  return { records, nextId: sequence };
}
