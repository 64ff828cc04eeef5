// The project's outbox of mail from the app (lib/mail/send.ts).
import { db } from "../client";

export const createOutboxMail = (mail: { projectId: string; to: string[]; subject: string; text: string }) => db().outboxMail.create({ data: mail, select: { id: true } });
export const markOutboxMailSent = (id: string) => db().outboxMail.update({ where: { id }, data: { sentAt: new Date() } });
export const markOutboxMailFailed = (id: string, error: string) => db().outboxMail.update({ where: { id }, data: { error: error.slice(0, 500) } });
export const projectMails = (projectId: string, take = 50) => db().outboxMail.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take });
