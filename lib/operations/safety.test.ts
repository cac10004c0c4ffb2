import { describe, expect, it } from "vitest";
import type { Message } from "../i18n/message";
import { english as englishOf } from "../i18n/translate";
import {
  agreedLeader,
  healthGateProblem,
  majorityOf,
  majorityRefusal,
  type MemberView,
  rollingOrder,
  transfereeCandidates,
} from "./safety";

const member = (selfId: string, leaderId: string | null, maxOffset: number | null = 1000, up = true): MemberView => ({
  selfId,
  up,
  leaderId: up ? leaderId : null,
  maxOffset,
});
const healthy = () => [member("n0", "n0"), member("n1", "n0"), member("n2", "n0")];
const english = (text: Message | null) => text && englishOf(text);

describe("majority", () => {
  it("is more than half", () => {
    expect([1, 2, 3, 4, 5].map(majorityOf)).toEqual([1, 2, 2, 3, 3]);
  });

  it("lets one node of a healthy group of three go down", () => {
    for (const target of ["n0", "n1", "n2"]) expect(majorityRefusal("g", healthy(), target)).toBeNull();
  });

  it("refuses a second node of three, naming the one already down", () => {
    const members = [member("n0", "n0"), member("n1", "n0"), member("n2", null, null, false)];
    const refusal = english(majorityRefusal("suzhou@broker", members, "n1"));
    expect(refusal).toContain("would leave suzhou@broker with 1 of 3 nodes");
    expect(refusal).toContain("needs 2");
    expect(refusal).toContain("n2 is already down");
  });

  it("never refuses to restart a node that is already down", () => {
    const members = [member("n0", null, null, false), member("n1", null, null, false), member("n2", "n2")];
    expect(majorityRefusal("g", members, "n0")).toBeNull();
  });

  it("a group of five tolerates two down", () => {
    const five = ["n0", "n1", "n2", "n3", "n4"].map((id, i) => member(id, "n0", 1000, i < 4));
    expect(majorityRefusal("g", five, "n1")).toBeNull();
    five[3].up = false;
    expect(majorityRefusal("g", five, "n1")).not.toBeNull();
  });
});

describe("agreed leader and health gate", () => {
  it("finds the leader a majority follows", () => {
    expect(agreedLeader(healthy())).toBe("n0");
    expect(agreedLeader([member("n0", "n0"), member("n1", null), member("n2", "n2")])).toBeNull();
  });

  it("a leader that does not say so itself is no leader", () => {
    expect(agreedLeader([member("n0", "n1"), member("n1", null), member("n2", "n1")])).toBeNull();
  });

  it("passes a healthy group and names what is wrong otherwise", () => {
    expect(healthGateProblem("g", healthy(), "n1")).toBeNull();
    expect(english(healthGateProblem("g", [member("n0", "n0"), member("n1", "n0"), member("n2", null, null, false)], "n1"))).toBe(
      "g: n2 does not answer",
    );
    expect(english(healthGateProblem("g", [member("n0", "n0"), member("n1", "n0"), member("n2", null)], "n1"))).toBe(
      "g: n2 does not follow the leader n0 yet",
    );
  });

  it("ignores the target itself (it may be the one coming back)", () => {
    expect(healthGateProblem("g", [member("n0", "n0"), member("n1", null, null, false), member("n2", "n0")], "n1")).toBeNull();
  });
});

describe("transferee", () => {
  it("prefers the follower least behind the leader", () => {
    const members = [member("n0", "n0", 5000), member("n1", "n0", 4000), member("n2", "n0", 4900)];
    expect(transfereeCandidates(members, "n0")).toEqual(["n2", "n1"]);
  });

  it("skips followers that are down or follow someone else", () => {
    const members = [member("n0", "n0"), member("n1", null, null, false), member("n2", "n2")];
    expect(transfereeCandidates(members, "n0")).toEqual([]);
  });

  it("on equal lag prefers a node the job already restarted", () => {
    expect(transfereeCandidates(healthy(), "n0", new Set(["n2"]))).toEqual(["n2", "n1"]);
  });
});

describe("rolling order", () => {
  it("takes down nodes first, then followers, the leader last", () => {
    const roles: Record<string, "leader" | "follower" | "down"> = { n0: "follower", n1: "leader", n2: "down", n10: "follower" };
    const order = rollingOrder(
      ["n0", "n1", "n2", "n10"].map((selfId) => ({ selfId })),
      (id) => roles[id],
    );
    expect(order.map((n) => n.selfId)).toEqual(["n2", "n0", "n10", "n1"]);
  });
});
