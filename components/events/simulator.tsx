"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";
import { Notice } from "@/components/ui/notice";
import { simulate } from "@/lib/actions/simulate";
import type { Step } from "@/lib/engine/decide";
import type { Simulation } from "@/lib/engine/simulate";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";
import { translateMessage, type MessageKey, type Translate } from "@/lib/i18n/config";
import { say, words, type Words } from "@/lib/i18n/words";
import { reasonText } from "@/lib/events/reason-text";

const SAMPLE = JSON.stringify(
  { id: "dry-run-1", type: "call", direction: "incoming", status: "missed", startedAt: "2026-11-21T10:00:00Z", caller: "067 123 45 67", callee: "+380441234567", line: "sales-1", pool: "Контекстна реклама" },
  null,
  2,
);

/** A plan step as the admin reads it, in their language: pipelines, stages and users by their CRM names. */
function describeStep(t: Translate, step: Step, names: Record<string, string>, dateFormat: Intl.DateTimeFormat): string {
  const name = (id: string | undefined) => (id ? (names[id] ?? id) : "");
  const fields = (values: { fields: Record<string, string> }) => (Object.keys(values.fields).length ? ` ${JSON.stringify(values.fields)}` : "");
  const more = (line: Words, key: MessageKey, values: Record<string, string>, when: unknown): Words => (when ? words(key, { step: line, ...values }) : line);
  switch (step.op) {
    case "create": {
      const named = more(words("trace.step.create", { kind: words(`trace.kind.${step.entity}`) }), "simulator.step.named", { name: step.values.name ?? "" }, step.values.name);
      return say(t, more(named, "simulator.step.inStage", { pipeline: name(step.values.pipelineId), stage: name(step.values.stageId) }, step.values.stageId)) + fields(step.values);
    }
    case "update":
      return say(t, words("trace.step.update", { kind: words(`trace.kind.${step.entity}`), id: step.id })) + fields(step.values);
    case "task": {
      const due = words("simulator.step.due", { step: words("trace.step.task", { subject: step.subject }), due: step.dueAt ? dateFormat.format(new Date(step.dueAt)) : (step.dueDate ?? "") });
      return say(t, more(more(due, "simulator.step.for", { owner: name(step.ownerId) }, step.ownerId), "simulator.step.rule", { rule: step.rule ?? "" }, step.rule));
    }
    case "callLog":
      return say(t, words("trace.step.callLog", { subject: step.subject }));
    case "recording":
      return say(t, words("simulator.step.recording", { url: step.url }));
    case "callNote":
      return say(t, words("simulator.step.callNote")) + (step.note.sentiment ? ` (${step.note.sentiment})` : "");
  }
}

/** F15: the plan for a sample event, computed by the engine, writing nothing. */
export function Simulator({ projectKey, timeZone }: { projectKey: string; timeZone: string }) {
  const { t, locale } = useI18n();
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const errorText = useActionErrorText();
  const [json, setJson] = useState(SAMPLE);
  const [result, setResult] = useState<Simulation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      setError(null);
      const answer = await simulate(projectKey, { json });
      if (answer.ok) setResult(answer.data);
      else {
        setResult(null);
        const details = Object.entries(answer.error.fieldErrors ?? {}).map(([path, message]) => `${path}: ${translateMessage(t, message)}`);
        setError([errorText(answer.error), ...details].join(" · "));
      }
    });
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="simulator-title">
      <h2 id="simulator-title" className="text-base font-semibold">
        {t("simulator.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("simulator.about")}</p>
      <label htmlFor="sample-event" className="sr-only">
        {t("simulator.sample")}
      </label>
      <textarea id="sample-event" rows={8} className={`${inputClass} font-mono text-xs`} value={json} onChange={(event) => setJson(event.target.value)} />
      <Button type="button" onClick={run} disabled={pending}>
        {pending ? t("simulator.running") : t("simulator.run")}
      </Button>
      {error ? (
        <Notice tone="error" testId="simulator-error">
          {error}
        </Notice>
      ) : null}
      {result ? (
        <div className="space-y-2 text-sm" data-testid="simulator-result">
          {result.skipped ? (
            <p>{t("simulator.skipped", { reason: reasonText(t, result.skipped, dateFormat) })}</p>
          ) : (
            <>
              {result.phase ? <p data-testid="simulator-phase">{t("simulator.phase", { why: reasonText(t, result.phase, dateFormat) })}</p> : null}
              <p className="font-medium">{t("simulator.found")}</p>
              <ul className="list-disc pl-5">
                {Object.entries(result.found).map(([entity, label]) => (
                  <li key={entity}>
                    {t(`entity.${entity as "contact"}`)}: {label ?? "—"}
                  </li>
                ))}
              </ul>
              <p className="font-medium">{t("simulator.plan")}</p>
              <ol className="list-decimal pl-5" data-testid="simulator-plan">
                {result.plan?.steps.map((step, index) => (
                  <li key={index}>{describeStep(t, step, result.names, dateFormat)}</li>
                ))}
              </ol>
              {result.plan?.notes.length ? <p className="text-slate-600">{reasonText(t, result.plan.notes.join("; "), dateFormat)}</p> : null}
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
