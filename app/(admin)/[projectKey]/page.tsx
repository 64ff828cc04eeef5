import { redirect } from "next/navigation";

export default async function ProjectHome({ params }: { params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  redirect(`/${projectKey}/integration`);
}
