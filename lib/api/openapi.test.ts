import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { signPayload } from "@/lib/events/signature";
import { SIGNING_RECIPE } from "./openapi-examples";
import { defaultConfig } from "@/lib/config/defaults";
import { answerText, apiIntro, openApiDocument } from "./openapi";
import { translator } from "@/lib/i18n/config";
import { operationsOf } from "@/lib/pages/api-operations";

describe("OpenAPI document", () => {
  it("names every answer and its opening prose by messages: the API reference page says them in Ukrainian and Polish", () => {
    const document = openApiDocument("http://127.0.0.1:3000");
    const answers = new Set(operationsOf(document as never, "demo").flatMap((operation) => operation.responses.map((response) => response.description)));
    expect(answers.size).toBeGreaterThan(20);
    for (const locale of ["uk", "pl"] as const) {
      const t = translator(locale);
      for (const english of answers) if (english !== "OK") expect(answerText(t, english), `${locale}: ${english}`).not.toBe(english);
      expect(apiIntro(t)).toContain(SIGNING_RECIPE[0]);
    }
    expect(document.info.description).toBe(apiIntro(translator("en")));
    expect(answerText(translator("uk"), "No CRM is connected")).toBe("CRM не підключено");
  });

  const document = openApiDocument("http://localhost:3000");

  it("is OpenAPI 3.1 with the config API's paths, token security and error answers", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/projects/{projectKey}/integration", "/api/v1/projects/{projectKey}/integration/activate", "/api/v1/projects/{projectKey}/integration/deactivate"]));
    expect(document.paths["/api/v1/projects/{projectKey}/integration"].put.responses["422"]).toBeDefined();
    expect(document.components.securitySchemes.projectToken).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("describes the events API and both signed webhooks, with the event schemas the webhook validates with", () => {
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/api/v1/projects/{projectKey}/events", "/api/v1/projects/{projectKey}/deliveries/run", "/api/webhooks/{projectKey}/events", "/api/webhooks/{projectKey}/responsible-manager"]),
    );
    expect(document.components.securitySchemes.webhookSignature).toMatchObject({ in: "header", name: "X-Callbridge-Signature" });
    const call = document.components.schemas.CallEvent as { required?: string[] };
    expect(call.required).toEqual(expect.arrayContaining(["id", "type", "caller"]));
    // F19: phases are optional (default completed) and so is the outcome until the call has completed.
    expect(call.required).not.toContain("status");
    expect((call as { properties: Record<string, { enum?: string[] }> }).properties.phase?.enum).toEqual(["ringing", "answered", "completed"]);
    expect(document.components.schemas.ResponsibleManagerRequest).toMatchObject({ required: ["callerNumber"] });
  });

  it("describes the configuration from the same zod schemas (every section, the matrix's triggers)", () => {
    const config = document.components.schemas.IntegrationConfig as { properties: Record<string, { items?: { properties: { trigger: { enum: string[] } } } }> };
    expect(Object.keys(config.properties).sort()).toEqual(Object.keys(defaultConfig()).sort());
    expect(config.properties.matrix!.items!.properties.trigger.enum).toContain("call.incoming.missed");
    expect((config.properties.matrix!.items!.properties as unknown as Record<string, { enum?: string[] }>).when?.enum).toEqual(["ringing", "answered", "completed"]);
  });

  it("its shell signing recipe computes the signature the webhook checks", () => {
    const [timestampLine, signatureLine] = SIGNING_RECIPE;
    expect(document.info.description).toContain(signatureLine);
    const body = JSON.stringify({ id: "call-1", type: "call", caller: "+380671234567", note: "лапки ' і $dollar" });
    const output = execFileSync("bash", ["-c", `${timestampLine}\n${signatureLine}\nprintf '%s %s' "$TS" "$SIG"`], { env: { ...process.env, SECRET: "whsec_recipe", BODY: body }, encoding: "utf8" });
    const [timestamp, signature] = output.split(" ");
    expect(signature).toBe(signPayload("whsec_recipe", timestamp!, body));
  });
});
