import { describe, expect, it } from "vitest";
import { publicPipeline, stageIndex, toZohoPipeline } from "./stages";

const answer = (id: string, isDefault: boolean, maps: Array<[string, string, string | null, "Open" | "Closed Won" | "Closed Lost"]>) =>
  toZohoPipeline({ id, display_value: `P${id}`, default: isDefault, maps: maps.map(([mapId, display, actual, forecast], index) => ({ id: mapId, display_value: display, actual_value: actual, sequence_number: index + 1, forecast_type: forecast })) });

const pipelines = [
  answer("1", true, [["11", "Qualification", "Qualification", "Open"], ["12", "Won", "Closed Won", "Closed Won"]]),
  answer("2", false, [["21", "Qualification", "Qualification", "Open"], ["22", "Старий", null, "Closed Lost"]]),
];

describe("Zoho stages by id", () => {
  it("writes the picklist's actual value of a stage id, in the deal's own pipeline", () => {
    const index = stageIndex(pipelines);
    expect(index.valueOf("12", "1")).toBe("Closed Won");
    expect(index.valueOf("21", "2")).toBe("Qualification");
    // No actual value in the answer: the display value is what Zoho takes.
    expect(index.valueOf("22", "2")).toBe("Старий");
  });

  it("reads a deal's Stage value back as the id of that pipeline's stage", () => {
    const index = stageIndex(pipelines);
    expect(index.ofDeal("2", "Qualification")).toEqual({ id: "21", open: true });
    expect(index.ofDeal("1", "Closed Won")).toEqual({ id: "12", open: false });
    // Without a pipeline, the default pipeline's stage wins.
    expect(index.ofDeal(null, "Qualification")).toEqual({ id: "11", open: true });
    expect(index.ofDeal("1", "Gone")).toBeNull();
  });

  it("keeps a stage name from an older configuration working", () => {
    expect(stageIndex(pipelines).valueOf("Won", "1")).toBe("Closed Won");
    expect(stageIndex(pipelines).valueOf("Unknown", "1")).toBe("Unknown");
  });

  it("shows no picklist values outside the connector", () => {
    expect(publicPipeline(pipelines[0]!).stages[1]).toEqual({ id: "12", name: "Won", order: 2, state: "won" });
  });
});
