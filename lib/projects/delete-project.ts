// Deleting a project (CLI, and the OWNER's settings page): only after the key is typed again, and with
// everything it owns, so nothing of a deleted project is left to deliver or to be shown.
import { deleteProjectCascade, findProjectByKey } from "@/lib/db/queries/projects";
import { AppError } from "@/lib/errors";
import { DELIVERY_QUEUE, JOB_SCHEMA } from "@/lib/jobs/boss";

export async function deleteProject(projectKey: string, confirmKey: string | undefined): Promise<{ deleted: string; events: number }> {
  const project = await findProjectByKey(projectKey);
  if (!project) throw new AppError("NOT_FOUND", `No project with key "${projectKey}".`);
  if (confirmKey?.trim() !== project.key) {
    throw new AppError("VALIDATION", "error.project.confirm", [{ path: "confirm", message: `Type ${project.key} to confirm.` }]);
  }
  const events = await deleteProjectCascade(project.id, { schema: JOB_SCHEMA, name: DELIVERY_QUEUE });
  return { deleted: project.key, events };
}
