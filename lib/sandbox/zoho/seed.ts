// The seeded Zoho CRM sandbox account: users, fields (standard and custom, string and not), one deal
// layout with two pipelines (open and closed stages), and contacts whose phones are in local formats.
import { randomInt } from "node:crypto";
import { DEMO_PEOPLE } from "../demo-people";
import { ZOHO_MODULES } from "./records";

export const ZOHO_ID_BASE = 5725767000000000000n;
export const zohoId = (sequence: number) => String(ZOHO_ID_BASE + BigInt(sequence));

type FieldSpec = [apiName: string, label: string, dataType: string, custom?: boolean, extra?: Record<string, unknown>];

const COMMON_UTM: FieldSpec[] = [
  ["UTM_Source", "UTM Source", "text", true],
  ["UTM_Medium", "UTM Medium", "text", true],
  ["UTM_Campaign", "UTM Campaign", "text", true],
  ["UTM_Term", "UTM Term", "text", true],
  ["UTM_Content", "UTM Content", "text", true],
  ["Client_ID", "Client ID", "text", true],
];

export const ZOHO_FIELDS: Record<string, FieldSpec[]> = {
  Leads: [
    ["Owner", "Lead Owner", "ownerlookup"],
    ["First_Name", "First Name", "text"],
    ["Last_Name", "Last Name", "text", false, { system_mandatory: true }],
    ["Full_Name", "Full Name", "text", false, { read_only: true }],
    ["Company", "Company", "text"],
    ["Email", "Email", "email"],
    ["Phone", "Phone", "phone"],
    ["Mobile", "Mobile", "phone"],
    ["Lead_Source", "Lead Source", "picklist", false, { pick_list_values: ["Call", "Web form", "Messenger", "Advertisement"] }],
    ["Description", "Description", "textarea"],
    ...COMMON_UTM,
    ["Call_Pool", "Call pool", "text", true],
    ["Annual_Budget", "Annual budget", "currency", true],
  ],
  Contacts: [
    ["Owner", "Contact Owner", "ownerlookup"],
    ["First_Name", "First Name", "text"],
    ["Last_Name", "Last Name", "text", false, { system_mandatory: true }],
    ["Full_Name", "Full Name", "text", false, { read_only: true }],
    ["Account_Name", "Account Name", "lookup", false, { lookup: { module: "Accounts" } }],
    ["Email", "Email", "email"],
    ["Phone", "Phone", "phone"],
    ["Mobile", "Mobile", "phone"],
    // Contacts carry three more phone fields than Leads (Zoho's standard Contacts layout); search?phone= covers them all.
    ["Home_Phone", "Home Phone", "phone"],
    ["Other_Phone", "Other Phone", "phone"],
    ["Asst_Phone", "Asst Phone", "phone"],
    ["Lead_Source", "Lead Source", "picklist", false, { pick_list_values: ["Call", "Web form", "Messenger", "Advertisement"] }],
    ["Description", "Description", "textarea"],
    ...COMMON_UTM,
    ["Preferred_Channel", "Preferred channel", "picklist", true, { pick_list_values: ["Phone", "Telegram", "Viber", "E-mail"] }],
    ["Loyalty_Points", "Loyalty points", "integer", true],
  ],
  Accounts: [
    ["Owner", "Account Owner", "ownerlookup"],
    ["Account_Name", "Account Name", "text", false, { system_mandatory: true }],
    ["Phone", "Phone", "phone"],
    ["Website", "Website", "website"],
    ["Description", "Description", "textarea"],
    ["Client_ID", "Client ID", "text", true],
    ["Segment", "Segment", "picklist", true, { pick_list_values: ["SMB", "Mid-market", "Enterprise"] }],
  ],
  Deals: [
    ["Owner", "Deal Owner", "ownerlookup"],
    ["Deal_Name", "Deal Name", "text", false, { system_mandatory: true }],
    ["Pipeline", "Pipeline", "picklist"],
    ["Stage", "Stage", "picklist", false, { system_mandatory: true }],
    ["Amount", "Amount", "currency"],
    ["Closing_Date", "Closing Date", "date"],
    ["Contact_Name", "Contact Name", "lookup", false, { lookup: { module: "Contacts" } }],
    ["Account_Name", "Account Name", "lookup", false, { lookup: { module: "Accounts" } }],
    ["Description", "Description", "textarea"],
    ...COMMON_UTM,
    ["Call_Pool", "Call pool", "text", true],
    ["Deal_Score", "Deal score", "integer", true],
  ],
  Tasks: [
    ["Owner", "Task Owner", "ownerlookup"],
    ["Subject", "Subject", "text", false, { system_mandatory: true }],
    ["Due_Date", "Due Date", "date"],
    ["Status", "Status", "picklist", false, { pick_list_values: ["Not Started", "In Progress", "Completed"] }],
    ["Who_Id", "Contact Name", "lookup", false, { lookup: { module: "Contacts" } }],
    ["What_Id", "Related To", "lookup", false, { lookup: { module: "se_module" } }],
    ["Description", "Description", "textarea"],
  ],
  Calls: [
    ["Owner", "Call Owner", "ownerlookup"],
    ["Subject", "Subject", "text", false, { system_mandatory: true }],
    ["Call_Type", "Call Type", "picklist", false, { system_mandatory: true, pick_list_values: ["Inbound", "Outbound", "Missed"] }],
    ["Call_Start_Time", "Call Start Time", "datetime", false, { system_mandatory: true }],
    ["Call_Duration", "Call Duration", "text"],
    ["Call_Result", "Call Result", "picklist", false, { pick_list_values: ["Connected", "No answer", "Busy", "Wrong number"] }],
    ["Description", "Description", "textarea"],
    ["Who_Id", "Contact Name", "lookup", false, { lookup: { module: "Contacts" } }],
    ["What_Id", "Related To", "lookup", false, { lookup: { module: "se_module" } }],
  ],
};

export const ZOHO_PIPELINES = [
  {
    name: "Default",
    default: true,
    stages: [
      ["Qualification", "Open"],
      ["Needs Analysis", "Open"],
      ["Identify Decision Makers", "Open"],
      ["Proposal/Price Quote", "Open"],
      ["Negotiation/Review", "Open"],
      ["Closed Won", "Closed Won"],
      ["Closed Lost", "Closed Lost"],
    ],
  },
  {
    name: "Partners",
    default: false,
    stages: [
      ["New request", "Open"],
      ["Meeting", "Open"],
      ["Contract sent", "Open"],
      ["Signed", "Closed Won"],
      ["Declined", "Closed Lost"],
    ],
  },
] as const;

/** Each module's id: fixed, so lookups and `settings/modules` agree across accounts. */
export const zohoModuleId = (module: string) => zohoId(700 + Math.max(0, (ZOHO_MODULES as readonly string[]).indexOf(module)));

/**
 * A lookup field's `lookup` as Zoho's settings/fields answers it: the target module is an object
 * {api_name, id}; multi-module lookups (What_Id) name the pseudo-module se_module.
 */
const lookupMeta = (apiName: string, label: string, module: string) => ({
  display_label: label,
  api_name: apiName,
  module: { api_name: module, id: module === "se_module" ? null : zohoModuleId(module) },
  id: zohoModuleId(module),
});

export interface ZohoSeed {
  records: Array<{ module: string; id: string; data: Record<string, unknown> }>;
  nextId: number;
}

/** Every seeded object, as the sandbox stores it (module, id, the record as the API returns it). */
export function zohoSeed(now = new Date()): ZohoSeed {
  let sequence = 1;
  const next = () => zohoId(sequence++);
  const stamp = now.toISOString().slice(0, 19) + "+00:00";
  const records: ZohoSeed["records"] = [];

  const users = DEMO_PEOPLE.map((person, index) => ({
    id: next(),
    first_name: person.firstName,
    last_name: person.lastName,
    full_name: `${person.firstName} ${person.lastName}`,
    email: person.email,
    status: "active",
    country: "UA",
    role: { name: index === 0 ? "CEO" : "Manager", id: zohoId(900 + (index === 0 ? 1 : 2)) },
    profile: { name: index === 0 ? "Administrator" : "Standard", id: zohoId(910 + (index === 0 ? 1 : 2)) },
  }));
  for (const user of users) records.push({ module: "users", id: user.id, data: user });
  const owner = (index: number) => ({ id: users[index]!.id, name: users[index]!.full_name, email: users[index]!.email });
  const orgId = next();
  // zgid: the org's group id, which Zoho's own SDK reads to name the token's user.
  const zgid = String(800_000_000 + Number(BigInt(orgId) % 100_000n));
  // domain_name: the org's part of its web addresses (crm.zoho.com/crm/<domain_name>/tab/…), its own per
  // account, so a record page finds the account it belongs to.
  records.push({ module: "org", id: "org", data: { id: orgId, zgid, domain_name: `org${randomInt(100_000_000, 1_000_000_000)}`, company_name: "Callbridge Demo Sales", primary_email: users[0]!.email, country: "Ukraine", time_zone: "Europe/Kiev", currency: "UAH", license_details: { paid: true, paid_type: "enterprise", users_license_purchased: 10, trial_type: null, trial_expiry: null, paid_expiry: null } } });

  for (const [module, specs] of Object.entries(ZOHO_FIELDS)) {
    const fields = specs.map(([api_name, field_label, data_type, custom_field = false, extra = {}]) => ({
      id: next(),
      api_name,
      field_label,
      display_label: field_label,
      data_type,
      custom_field,
      length: data_type === "text" ? 255 : data_type === "textarea" ? 32000 : data_type === "phone" ? 30 : 100,
      read_only: false,
      system_mandatory: false,
      pick_list_values: [] as Array<{ display_value: string; actual_value: string }>,
      ...extra,
      ...(extra.lookup ? { lookup: lookupMeta(api_name, field_label, (extra.lookup as { module: string }).module) } : {}),
      ...(extra.pick_list_values ? { pick_list_values: (extra.pick_list_values as string[]).map((value) => ({ display_value: value, actual_value: value })) } : {}),
    }));
    records.push({ module: `fields:${module}`, id: module, data: { fields } });
  }

  const layoutId = next();
  records.push({ module: "layouts:Deals", id: layoutId, data: { id: layoutId, name: "Standard", visible: true, status: "active" } });
  const pipelines = ZOHO_PIPELINES.map((pipeline) => ({
    id: next(),
    display_value: pipeline.name,
    actual_value: pipeline.name,
    default: pipeline.default,
    maps: pipeline.stages.map(([name, forecast], index) => ({
      id: next(),
      display_value: name,
      actual_value: name,
      sequence_number: index + 1,
      forecast_type: forecast,
      forecast_category: { name: forecast === "Open" ? "Pipeline" : forecast === "Closed Won" ? "Closed" : "Omitted", id: zohoId(920 + (forecast === "Open" ? 1 : forecast === "Closed Won" ? 2 : 3)) },
    })),
  }));
  records.push({ module: `pipelines:${layoutId}`, id: layoutId, data: { pipeline: pipelines } });

  const base = (index: number) => ({ Owner: owner(index), Created_Time: stamp, Modified_Time: stamp, Created_By: owner(0), Modified_By: owner(0) });
  const accountId = next();
  records.push({ module: "Accounts", id: accountId, data: { id: accountId, ...base(0), Account_Name: "Kyiv Logistics LLC", Phone: "044 200 10 10", Client_ID: null } });
  const contacts = [
    { First_Name: "Taras", Last_Name: "Melnyk", Phone: "067 123 45 67", Email: "taras.melnyk@example.com", owner: 0, account: true },
    { First_Name: "Oksana", Last_Name: "Hrytsenko", Mobile: "(050) 555-12-34", owner: 1 },
    { First_Name: "Andrii", Last_Name: "Lysenko", Phone: "+380 63 777 88 99", owner: 2 },
    { First_Name: "Piotr", Last_Name: "Zieliński", Phone: "601-234-567", owner: 1 },
    { First_Name: "Nadiia", Last_Name: "Shevchuk", Phone: "380931112233", owner: 0 },
  ];
  const contactIds: string[] = [];
  for (const contact of contacts) {
    const id = next();
    contactIds.push(id);
    const { owner: ownerIndex, account, ...fields } = contact;
    records.push({
      module: "Contacts",
      id,
      data: {
        id,
        ...base(ownerIndex),
        ...fields,
        Full_Name: `${contact.First_Name} ${contact.Last_Name}`,
        ...(account ? { Account_Name: { id: accountId, name: "Kyiv Logistics LLC" } } : {}),
      },
    });
  }
  const pipelineRef = (index: number) => ({ id: pipelines[index]!.id, name: pipelines[index]!.display_value });
  const deals = [
    { Deal_Name: "Taras Melnyk — delivery contract", Stage: "Needs Analysis", Pipeline: pipelineRef(0), contact: 0, owner: 0, account: true },
    { Deal_Name: "Oksana Hrytsenko — annual plan", Stage: "Closed Won", Pipeline: pipelineRef(0), contact: 1, owner: 1 },
  ];
  for (const deal of deals) {
    const id = next();
    const { contact, owner: ownerIndex, account, ...fields } = deal;
    records.push({
      module: "Deals",
      id,
      data: {
        id,
        ...base(ownerIndex),
        ...fields,
        Contact_Name: { id: contactIds[contact]!, name: `${contacts[contact]!.First_Name} ${contacts[contact]!.Last_Name}` },
        ...(account ? { Account_Name: { id: accountId, name: "Kyiv Logistics LLC" } } : {}),
      },
    });
  }
  return { records, nextId: sequence };
}
