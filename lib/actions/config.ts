"use server";

import { revalidatePath } from "next/cache";
import { saveConfigSection } from "@/lib/config/service";
import { sectionFormSchemas, type ConfigSection } from "@/lib/validation/config";
import { projectAction } from "./safe-action";

/** Every editor saves its section through the section's own schema (the same one its form uses). */
function sectionAction<S extends ConfigSection>(section: S, page: string) {
  return projectAction({
    role: "ADMIN",
    schema: sectionFormSchemas[section],
    run: async (input, { project, user }) => {
      const saved = await saveConfigSection(project, section, (input as { value: unknown }).value, { userId: user.id, actor: user.email });
      revalidatePath(`/${project.key}/${page}`);
      return { value: saved };
    },
  });
}

export const saveMatrix = sectionAction("matrix", "matrix");
export const saveDefaultFields = sectionAction("defaultFields", "default-fields");
export const saveMappings = sectionAction("mappings", "mappings");
export const saveStageRules = sectionAction("stageRules", "stage-rules");
export const saveStopList = sectionAction("stopList", "stop-list");
export const saveMessengers = sectionAction("messengers", "messengers");
export const saveForms = sectionAction("forms", "forms");
export const saveEmployees = sectionAction("employees", "employees");
export const saveRouting = sectionAction("routing", "routing");
export const saveMatching = sectionAction("matching", "stage-rules");
export const saveTaskRules = sectionAction("taskRules", "matrix");
