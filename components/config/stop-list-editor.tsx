"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { TableShell } from "@/components/ui/table-shell";
import { saveStopList } from "@/lib/actions/config";
import { linesToFix, parseStopListPaste, type PasteLine } from "@/lib/stop-list/paste";
import { stopListMatches } from "@/lib/stop-list/search";
import { sharedLine } from "@/lib/stop-list/warnings";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";
import { translateMessage } from "@/lib/i18n/config";
import { stopListEntrySchema, type StopListEntry } from "@/lib/validation/stop-list";
import { ReadOnlyNotice, SaveStatusNotice } from "./editor-footer";
import type { SaveStatus } from "./use-section-save";

const newId = () => crypto.randomUUID();
type EntryInput = { id: string; kind: "sip" | "fmc"; value: string; sipPair?: string; note: string };

export function StopListEditor(props: { projectKey: string; initial: StopListEntry[]; readOnly: boolean; country: string; lineEmployees: Record<string, number> }) {
  const { projectKey, initial, readOnly, country, lineEmployees } = props;
  const { t } = useI18n();
  const errorText = useActionErrorText();
  const [removing, setRemoving] = useState<string | null>(null);
  const [entries, setEntries] = useState(initial);
  const [query, setQuery] = useState("");
  const [paste, setPaste] = useState("");
  const [report, setReport] = useState<PasteLine[] | null>(null);
  const [status, setStatus] = useState<SaveStatus>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<EntryInput>({ resolver: zodResolver(stopListEntrySchema) as never, defaultValues: { id: newId(), kind: "sip", value: "", sipPair: "", note: "" } });
  const kind = useWatch({ control: form.control, name: "kind" });
  const typedPair = useWatch({ control: form.control, name: "sipPair" }) ?? "";
  const sharedWarning = (sipPair: string, list: Array<{ kind: string; sipPair?: string }>) => {
    const shared = sharedLine(sipPair, list as StopListEntry[], lineEmployees);
    return shared ? t(shared.employees > 1 ? "stopList.shared.employees" : "stopList.shared.entries", { line: sipPair, employees: shared.employees, entries: shared.entries }) : null;
  };
  // Typed in the form: the entry it would become counts among the list's users of that SIP pair.
  const formWarning = kind === "fmc" ? sharedWarning(typedPair, [...entries, { kind: "fmc", sipPair: typedPair }]) : null;

  /** Every change is saved at once: the stop-list must never be half-applied. */
  const persist = (next: StopListEntry[], onSaved?: () => void) =>
    startTransition(async () => {
      setStatus(null);
      const result = await saveStopList(projectKey, { value: next });
      if (result.ok) {
        setEntries(result.data.value);
        setStatus({ tone: "success", text: t("config.saved") });
        onSaved?.();
      } else {
        const first = Object.values(result.error.fieldErrors ?? {})[0];
        setStatus({ tone: "error", text: first ? (translateMessage(t, first) ?? first) : errorText(result.error) });
      }
    });

  const add = form.handleSubmit((values) => {
    const entry = stopListEntrySchema.parse(values);
    if (entries.some((existing) => existing.kind === entry.kind && existing.value.toLowerCase() === entry.value.toLowerCase())) {
      form.setError("value", { message: "validation.duplicateEntry" });
      return;
    }
    persist([...entries, entry], () => form.reset({ id: newId(), kind: values.kind, value: "", sipPair: "", note: "" }));
  });

  const importPaste = () => {
    const { added, report: lines } = parseStopListPaste(paste, entries, newId);
    setReport(lines);
    // Lines that could not be added stay in the box, to be fixed and imported again.
    if (added.length) persist([...entries, ...added], () => setPaste(linesToFix(lines)));
    else setPaste(linesToFix(lines));
  };

  const visible = useMemo(() => {
    return entries.filter((entry) => stopListMatches(entry, query, country));
  }, [entries, query, country]);

  return (
    <div className="space-y-6">
      <ReadOnlyNotice readOnly={readOnly} />
      <SaveStatusNotice status={status} />
      {readOnly ? null : (
        <div className="grid gap-6 lg:grid-cols-2">
          <form onSubmit={add} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("stopList.add")}>
            <h2 className="text-sm font-semibold">{t("stopList.add")}</h2>
            <Field id="kind" label={t("stopList.kind")}>
              <select id="kind" className={inputClass} {...form.register("kind")}>
                <option value="sip">{t("stopList.kind.sip")}</option>
                <option value="fmc">{t("stopList.kind.fmc")}</option>
              </select>
            </Field>
            <Field id="value" label={kind === "fmc" ? t("stopList.number") : t("stopList.sipLogin")} error={form.formState.errors.value?.message}>
              <input id="value" className={inputClass} aria-invalid={Boolean(form.formState.errors.value)} {...form.register("value")} />
            </Field>
            {kind === "fmc" ? (
              <Field id="sipPair" label={t("stopList.sipPair")} error={form.formState.errors.sipPair?.message}>
                <input id="sipPair" className={inputClass} aria-invalid={Boolean(form.formState.errors.sipPair)} aria-describedby={formWarning ? "sipPair-shared" : undefined} {...form.register("sipPair")} />
              </Field>
            ) : null}
            {formWarning ? (
              <p id="sipPair-shared" role="status" className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="shared-line-warning">
                {formWarning}
              </p>
            ) : null}
            <Field id="note" label={t("stopList.note")}>
              <input id="note" className={inputClass} {...form.register("note")} />
            </Field>
            <Button type="submit" disabled={pending}>
              {t("stopList.addButton")}
            </Button>
          </form>
          <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="paste-title">
            <h2 id="paste-title" className="text-sm font-semibold">
              {t("stopList.paste")}
            </h2>
            <label htmlFor="paste" className="block text-xs text-slate-600">
              {t("stopList.paste.hint")}
            </label>
            <textarea id="paste" rows={6} className={`${inputClass} font-mono`} value={paste} onChange={(event) => setPaste(event.target.value)} />
            <Button type="button" variant="secondary" onClick={importPaste} disabled={pending || !paste.trim()}>
              {t("stopList.paste.import")}
            </Button>
            {report ? (
              <ul className="space-y-0.5 text-xs" data-testid="paste-report">
                {report.map((line) => (
                  <li key={line.line} className={line.outcome === "invalid" ? "text-red-700" : line.outcome === "duplicate" ? "text-amber-700" : "text-green-700"}>
                    {t("stopList.paste.line", { line: line.line, value: line.value })}: {line.outcome === "invalid" ? translateMessage(t, line.message) : t(`stopList.paste.${line.outcome}`)}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </div>
      )}
      <section className="space-y-3">
        <label className="block max-w-sm text-sm">
          <span className="sr-only">{t("stopList.search")}</span>
          <input type="search" placeholder={t("stopList.search")} className={inputClass} value={query} onChange={(event) => setQuery(event.target.value)} aria-label={t("stopList.search")} />
        </label>
        {visible.length === 0 ? (
          <p className="text-sm text-slate-500">{entries.length ? t("stopList.noMatch") : t("stopList.empty")}</p>
        ) : (
          <TableShell testId="stop-list" headers={[t("stopList.kind"), t("stopList.value"), t("stopList.sipPair"), t("stopList.note"), ...(readOnly ? [] : [""])]}>
                {visible.map((entry) => (
                  <tr key={entry.id}>
                    <td className="px-3 py-1.5">{t(`stopList.kind.${entry.kind}`)}</td>
                    <td className="px-3 py-1.5 font-mono">{entry.value}</td>
                    <td className="px-3 py-1.5 font-mono">
                      {"sipPair" in entry ? entry.sipPair : "—"}
                      <SharedLineNote warning={entry.kind === "fmc" ? sharedWarning(entry.sipPair, entries) : null} />
                    </td>
                    <td className="px-3 py-1.5">{entry.note || "—"}</td>
                    {readOnly ? null : (
                      <td className="px-3 py-1.5 text-right">
                        {removing === entry.id ? (
                          <ConfirmPanel
                            message={t("stopList.remove.confirm", { value: entry.value })}
                            confirmLabel={t("stopList.removeButton")}
                            cancelLabel={t("integration.cancel")}
                            pending={pending}
                            onConfirm={() => persist(entries.filter((other) => other.id !== entry.id), () => setRemoving(null))}
                            onCancel={() => setRemoving(null)}
                          />
                        ) : (
                          <Button variant="ghost" disabled={pending} aria-label={t("stopList.remove", { value: entry.value })} onClick={() => setRemoving(entry.id)}>
                            {t("stopList.removeButton")}
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
          </TableShell>
        )}
      </section>
    </div>
  );
}

function SharedLineNote({ warning }: { warning: string | null }) {
  return warning ? (
    <span className="mt-0.5 block font-sans text-xs text-amber-800" data-testid="shared-line-note">
      ⚠ {warning}
    </span>
  ) : null;
}
