"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { Notice } from "@/components/ui/notice";
import { acceptInvitationAction, invitationAction } from "@/lib/actions/people";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";
import { acceptInvitationSchema, type AcceptInvitation } from "@/lib/validation/invitation";

type Invitation = { email: string; role: string; projectName: string };

/**
 * The invitation link's page: the token is in the fragment (never sent to a server but in this form's
 * action), the person names themselves and sets a password, then signs in with it.
 */
export function AcceptInvitationForm() {
  const { t } = useI18n();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [state, setState] = useState<{ kind: "loading" } | { kind: "invalid" } | { kind: "open"; token: string; invitation: Invitation }>({ kind: "loading" });
  const [error, setError] = useState<string | null>(null);
  const form = useForm<AcceptInvitation>({ resolver: zodResolver(acceptInvitationSchema), defaultValues: { token: "", name: "", password: "", confirm: "" } });
  const { errors, isSubmitting } = form.formState;

  useEffect(() => {
    const token = window.location.hash.slice(1);
    // The token leaves the address bar at once: it is not kept in the history or shown over a shoulder.
    window.history.replaceState(null, "", window.location.pathname);
    // An empty token is refused by the action's own check, like a wrong one.
    invitationAction({ token }).then((result) => {
      if (!result.ok) return setState({ kind: "invalid" });
      form.setValue("token", token);
      setState({ kind: "open", token, invitation: result.data });
    });
  }, [form]);

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await acceptInvitationAction(values);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.error.fieldErrors ?? {})) form.setError(field as keyof AcceptInvitation, { message });
      if (!result.error.fieldErrors) setError(errorText(result.error));
      return;
    }
    router.replace(`/login?invited=${encodeURIComponent(result.data.email)}`);
  });

  if (state.kind === "loading") return <p className="text-sm text-slate-600">{t("invite.loading")}</p>;
  if (state.kind === "invalid")
    return (
      <Notice tone="error" testId="invitation-invalid">
        {t("invite.invalid")}
      </Notice>
    );
  const { invitation } = state;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("invite.title")}>
      <p className="text-sm text-slate-700" data-testid="invitation-summary">
        {t("invite.summary", { project: invitation.projectName, email: invitation.email, role: t(`people.role.${invitation.role as "OWNER"}`) })}
      </p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field id="inviteName" label={t("invite.name")} error={errors.name?.message}>
        <input id="inviteName" autoComplete="name" autoFocus className={inputClass} aria-invalid={Boolean(errors.name)} aria-describedby={errors.name ? "inviteName-error" : undefined} {...form.register("name")} />
      </Field>
      <input type="email" autoComplete="username" value={invitation.email} readOnly hidden />
      <Field id="invitePassword" label={t("invite.password")} hint={t("invite.passwordHint")} error={errors.password?.message}>
        <input
          id="invitePassword"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          aria-invalid={Boolean(errors.password)}
          aria-describedby={errors.password ? "invitePassword-error" : "invitePassword-hint"}
          {...form.register("password")}
        />
      </Field>
      <Field id="inviteConfirm" label={t("invite.confirm")} error={errors.confirm?.message}>
        <input id="inviteConfirm" type="password" autoComplete="new-password" className={inputClass} aria-invalid={Boolean(errors.confirm)} aria-describedby={errors.confirm ? "inviteConfirm-error" : undefined} {...form.register("confirm")} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? t("invite.submitting") : t("invite.submit")}
      </Button>
    </form>
  );
}
