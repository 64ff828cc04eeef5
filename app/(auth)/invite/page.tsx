import type { Metadata } from "next";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { AuthFrame } from "@/components/auth/auth-frame";
import { getTranslator } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

/** Where an invitation link leads (/invite#<token>): the person sets a password and joins the project. */
export default async function InvitationPage() {
  const t = await getTranslator();
  return (
    <AuthFrame title={t("invite.title")}>
      <AcceptInvitationForm />
    </AuthFrame>
  );
}
