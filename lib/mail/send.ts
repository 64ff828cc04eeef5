// Mail from the app (alerts): every message is kept in the project's outbox first, then handed to the SMTP
// server SMTP_URL names. Without SMTP_URL (demo, tests) the outbox is where it stays, readable in the app.
import nodemailer, { type Transporter } from "nodemailer";
import { createOutboxMail, markOutboxMailFailed, markOutboxMailSent } from "@/lib/db/queries/outbox";
import { env } from "@/lib/env";

let transport: { url: string; transporter: Transporter } | null = null;
function transporterFor(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

export interface Mail {
  projectId: string;
  to: string[];
  subject: string;
  text: string;
}

/** Keeps the mail in the outbox and sends it when SMTP is configured; a failed send is recorded, never thrown. */
export async function sendMail(mail: Mail): Promise<{ id: string; sent: boolean }> {
  const row = await createOutboxMail(mail);
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL || mail.to.length === 0) return { id: row.id, sent: false };
  try {
    await transporterFor(SMTP_URL).sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    await markOutboxMailSent(row.id);
    return { id: row.id, sent: true };
  } catch (error) {
    await markOutboxMailFailed(row.id, (error as Error).message);
    return { id: row.id, sent: false };
  }
}
