import { describe, expect, it } from "vitest";
import { groupListQuery, topicListQuery } from "../schema";
import { containsPattern, groupListSql, topicListSql } from "./queries";

describe("containsPattern", () => {
  it("escapes LIKE's wildcards and its escape character, so a name matches only itself", () => {
    expect(containsPattern("orders")).toBe("%orders%");
    expect(containsPattern("%RETRY%")).toBe("%\\%RETRY\\%%");
    expect(containsPattern("a_b")).toBe("%a\\_b%");
    expect(containsPattern("back\\slash")).toBe("%back\\\\slash%");
  });
});

describe("list SQL", () => {
  it("filters by cluster, type and escaped name, orders by the column then the name, and pages", () => {
    const query = topicListQuery.parse({ type: "retry", q: "%RETRY%g_1", sort: "messages", order: "desc", page: "3", pageSize: "20" });
    const sql = topicListSql("c1", query);
    expect(sql.where.text).toBe(`"clusterId" = $1 AND "type" = $2::"ConsoleTopicType" AND "name" ILIKE $3 ESCAPE '\\'`);
    expect(sql.where.values).toEqual(["c1", "retry", "%\\%RETRY\\%g\\_1%"]);
    expect(sql.order.text).toBe(`"messages" DESC NULLS LAST, "name" COLLATE "C" ASC`);
    expect({ limit: sql.limit, offset: sql.offset }).toEqual({ limit: 20, offset: 40 });
  });

  it("takes the defaults: every topic by name, first page of 50", () => {
    const sql = topicListSql("c1", topicListQuery.parse({}));
    expect(sql.where.text).toBe(`"clusterId" = $1`);
    expect(sql.order.text).toBe(`"name" COLLATE "C" ASC`);
    expect({ limit: sql.limit, offset: sql.offset }).toEqual({ limit: 50, offset: 0 });
    expect(topicListSql("c1", topicListQuery.parse({ sort: "updated" })).order.text).toBe(
      `"lastUpdatedAt" ASC NULLS FIRST, "name" COLLATE "C" ASC`,
    );
  });

  it("filters groups that lag or are offline", () => {
    expect(groupListSql("c1", groupListQuery.parse({ filter: "lagging" })).where.text).toBe(`"clusterId" = $1 AND "lag" > 0`);
    const offline = groupListSql("c1", groupListQuery.parse({ filter: "offline", q: "x", sort: "tps", order: "desc" }));
    expect(offline.where.text).toBe(`"clusterId" = $1 AND NOT "online" AND "name" ILIKE $2 ESCAPE '\\'`);
    expect(offline.order.text).toBe(`"consumeTps" DESC NULLS LAST, "name" COLLATE "C" ASC`);
  });
});
