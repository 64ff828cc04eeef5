"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { Notice } from "@/components/ui/notice";
import { cancelInvitationAction, invitePersonAction } from "@/lib/actions/people";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";
import { inviteSchema, type Invite } from "@/lib/validation/invitation";
import { ROLES } from "@/lib/validation/roles";
import { NewSecret } from "./new-secret";

export interface PeopleView {
  members: Array<{ email: string; name: string | null; role: string; since: string }>;
  invitations: Array<{ id: string; email: string; role: string; expiresAt: string }>;
}

/** Who works in the project; the OWNER invites people by e-mail and role and hands them a one-time link. */
export function PeopleCard({ projectKey, people, canInvite, timeZone }: { projectKey: string; people: PeopleView; canInvite: boolean; timeZone: string }) {
  const { t, locale } = useI18n();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [outcome, setOutcome] = useState<{ link: string; email: string } | { added: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<Invite>({ resolver: zodResolver(inviteSchema), defaultValues: { email: "", role: "ADMIN" } });
  const { errors, isSubmitting } = form.formState;
  const date = (value: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(value));
  const roleName = (role: string) => t(`people.role.${role as "OWNER"}`);

  const onInvite = form.handleSubmit(async (values) => {
    setError(null);
    setOutcome(null);
    const result = await invitePersonAction(projectKey, values);
    if (!result.ok) {
      const field = result.error.fieldErrors?.email;
      if (field) return form.setError("email", { message: field });
      return setError(errorText(result.error));
    }
    setOutcome(result.data.added ? { added: values.email } : { link: result.data.link, email: values.email });
    form.reset({ email: "", role: values.role });
    router.refresh();
  });

  const cancel = (id: string) =>
    startTransition(async () => {
      const result = await cancelInvitationAction(projectKey, { id });
      setCancelling(null);
      if (!result.ok) return setError(errorText(result.error));
      router.refresh();
    });

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="people-title" data-testid="people">
      <h2 id="people-title" className="text-base font-semibold">
        {t("people.title")}
      </h2>
      <p className="max-w-2xl text-sm text-slate-600">{t(canInvite ? "people.about" : "people.aboutReadOnly")}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {outcome && "link" in outcome ? <NewSecret label={t("people.link", { email: outcome.email })} value={outcome.link} testId="invitation-link" /> : null}
      {outcome && "added" in outcome ? (
        <Notice tone="success" testId="person-added">
          {t("people.added", { email: outcome.added })}
        </Notice>
      ) : null}
      {/* Lists, not tables: an e-mail, a role and a date read well at any width. */}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" data-testid="people-members" aria-label={t("people.title")}>
        {people.members.map((member) => (
          <li key={member.email} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 px-3 py-2">
            <span className="min-w-0 break-words">
              <span className="font-medium">{member.name ?? member.email}</span>
              {member.name ? <span className="block break-all text-xs text-slate-500">{member.email}</span> : null}
            </span>
            <span className="text-slate-700">
              {roleName(member.role)} <span className="text-xs text-slate-500">· {t("people.since")} {date(member.since)}</span>
            </span>
          </li>
        ))}
      </ul>
      {people.invitations.length ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">{t("people.invitations")}</h3>
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" data-testid="people-invitations">
            {people.invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-3 py-2">
                <span className="min-w-0 break-all">{invitation.email}</span>
                <span className="text-slate-700">
                  {roleName(invitation.role)}{" "}
                  <span className="text-xs text-slate-500">
                    · {t("people.expires")} {date(invitation.expiresAt)}
                  </span>
                </span>
                {!canInvite ? null : cancelling === invitation.id ? (
                  <ConfirmPanel
                    message={t("people.cancelConfirm", { email: invitation.email })}
                    confirmLabel={t("people.cancel")}
                    cancelLabel={t("people.keep")}
                    pending={pending}
                    onConfirm={() => cancel(invitation.id)}
                    onCancel={() => setCancelling(null)}
                  />
                ) : (
                  <Button variant="secondary" onClick={() => setCancelling(invitation.id)} aria-label={`${t("people.cancel")}: ${invitation.email}`}>
                    {t("people.cancel")}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canInvite ? (
        <form onSubmit={onInvite} noValidate className="flex flex-wrap items-end gap-3" aria-label={t("people.invite")}>
          <Field id="inviteEmail" label={t("people.email")} error={errors.email?.message}>
            <input id="inviteEmail" type="email" autoComplete="off" className={inputClass} aria-invalid={Boolean(errors.email)} aria-describedby={errors.email ? "inviteEmail-error" : undefined} {...form.register("email")} />
          </Field>
          <Field id="inviteRole" label={t("people.roleLabel")} error={errors.role?.message}>
            <select id="inviteRole" className={inputClass} {...form.register("role")}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {roleName(role)}
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? t("people.inviting") : t("people.invite")}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
