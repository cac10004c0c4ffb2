import { createServer, type Server, type Socket } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { encodeCommand, FLAG_RESPONSE, FrameDecoder, type RemotingCommand } from "./codec";
import { createRocketmqClient } from "./client";
import { RocketmqConnectionError, RocketmqProtocolError, RocketmqRemoteError, RocketmqTimeoutError } from "./errors";
import { RemotingClient } from "./pool";

/** A fake peer on a random loopback port; `onRequest` decides what each request gets back. */
async function fakePeer(onRequest: (request: RemotingCommand, socket: Socket) => void) {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    const decoder = new FrameDecoder();
    socket.on("data", (chunk) => {
      for (const request of decoder.push(chunk)) onRequest(request, socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function reply(request: RemotingCommand, fields: Partial<RemotingCommand> = {}): Buffer {
  return encodeCommand({
    code: 0,
    language: "JAVA",
    version: 399,
    opaque: request.opaque,
    flag: FLAG_RESPONSE,
    serializeType: "JSON",
    ...fields,
  });
}

const request = (code = 106): Omit<RemotingCommand, "opaque"> => ({
  code,
  language: "OTHER",
  version: 401,
  flag: 0,
  serializeType: "JSON",
});

/** Sockets, servers and timers alive now. */
function handles() {
  return process
    .getActiveResourcesInfo()
    .filter((kind) => ["TCPSocketWrap", "TCPServerWrap", "Timeout"].includes(kind))
    .sort();
}

const count = (list: string[], kind: string) => list.filter((k) => k === kind).length;

type Setup = (
  onRequest: (request: RemotingCommand, socket: Socket) => void,
) => Promise<{ peer: Awaited<ReturnType<typeof fakePeer>>; client: RemotingClient }>;

/**
 * Runs a scenario, closes its client and peer, and asserts that no socket or timer outlives them.
 * Measured inside the test, so the runner's own timers are the same before and after.
 */
function withoutLeaks(scenario: (setup: Setup) => Promise<void>) {
  return async () => {
    const before = handles();
    const cleanups: (() => Promise<void>)[] = [];
    const setup: Setup = async (onRequest) => {
      const peer = await fakePeer(onRequest);
      const client = new RemotingClient({ timeoutMs: 1000 });
      cleanups.push(
        () => peer.close(),
        () => client.close(),
      );
      return { peer, client };
    };
    try {
      await scenario(setup);
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
    // Closed handles leave the list once libuv has run their close callbacks: give it a few turns.
    const settled = () =>
      count(handles(), "TCPSocketWrap") === count(before, "TCPSocketWrap") &&
      count(handles(), "TCPServerWrap") === count(before, "TCPServerWrap");
    for (let turn = 0; turn < 50 && !settled(); turn++) await new Promise((r) => setImmediate(r));
    const after = handles();
    expect(count(after, "TCPSocketWrap")).toBe(count(before, "TCPSocketWrap"));
    expect(count(after, "TCPServerWrap")).toBe(count(before, "TCPServerWrap"));
    // The runner's own timers come and go; ours must not add any.
    expect(count(after, "Timeout")).toBeLessThanOrEqual(count(before, "Timeout"));
  };
}

describe("remoting connections", () => {
  it(
    "matches concurrent responses to requests by opaque, whatever their order",
    withoutLeaks(async (setup) => {
      const held: RemotingCommand[] = [];
      const { peer, client } = await setup((req, socket) => {
        held.push(req);
        if (held.length === 3) for (const r of held.reverse()) socket.write(reply(r, { remark: `for ${r.code}` }));
      });
      const results = await Promise.all([1, 2, 3].map((code) => client.invoke(peer.address, request(code))));
      expect(results.map((r) => r.remark)).toEqual(["for 1", "for 2", "for 3"]);
      expect(peer.accepted).toBe(1);
    }),
  );

  it(
    "reassembles a response that arrives a few bytes at a time",
    withoutLeaks(async (setup) => {
      const { peer, client } = await setup((req, socket) => {
        const bytes = reply(req, { body: Buffer.alloc(10_000, 7) });
        let offset = 0;
        const drip = () => {
          if (offset >= bytes.length) return;
          socket.write(bytes.subarray(offset, offset + 333));
          offset += 333;
          setImmediate(drip);
        };
        drip();
      });
      const response = await client.invoke(peer.address, request());
      expect(response.body?.length).toBe(10_000);
    }),
  );

  it(
    "turns garbage from the peer into a protocol error and reconnects on the next call",
    withoutLeaks(async (setup) => {
      let calls = 0;
      const { peer, client } = await setup((req, socket) => {
        calls++;
        socket.write(calls === 1 ? Buffer.from("\u0000\u0000\u0000\u000bHTTP/1.1 400") : reply(req));
      });
      await expect(client.invoke(peer.address, request())).rejects.toBeInstanceOf(RocketmqProtocolError);
      await expect(client.invoke(peer.address, request())).resolves.toMatchObject({ code: 0 });
      expect(peer.accepted).toBe(2);
    }),
  );

  it(
    "fails at once on an absurd length prefix instead of waiting for 2 GiB",
    withoutLeaks(async (setup) => {
      const { peer, client } = await setup((_req, socket) => socket.write(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0])));
      const started = Date.now();
      const error = await client.invoke(peer.address, request(), 5000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RocketmqProtocolError);
      expect((error as Error).message).toMatch(/frame length 2147483647/);
      expect(Date.now() - started).toBeLessThan(1000);
    }),
  );

  it(
    "times out a peer that never answers, and keeps the connection for the next call",
    withoutLeaks(async (setup) => {
      let calls = 0;
      const { peer, client } = await setup((req, socket) => {
        if (++calls > 1) socket.write(reply(req));
      });
      const error = await client.invoke(peer.address, request(106), 200).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RocketmqTimeoutError);
      expect(error).toMatchObject({ kind: "timeout", timeoutMs: 200, address: peer.address });
      expect((error as Error).message).toContain("GET_BROKER_CLUSTER_INFO within 200 ms");
      await expect(client.invoke(peer.address, request())).resolves.toMatchObject({ code: 0 });
      expect(peer.accepted).toBe(1);
    }),
  );

  it(
    "drops a connection stuck in the middle of a frame after a timeout",
    withoutLeaks(async (setup) => {
      let calls = 0;
      const { peer, client } = await setup((req, socket) => {
        socket.write(++calls === 1 ? reply(req, { body: Buffer.alloc(100) }).subarray(0, 50) : reply(req));
      });
      await expect(client.invoke(peer.address, request(), 200)).rejects.toBeInstanceOf(RocketmqTimeoutError);
      await expect(client.invoke(peer.address, request())).resolves.toMatchObject({ code: 0 });
      expect(peer.accepted).toBe(2);
    }),
  );

  it(
    "reports a connection reset in the middle of a frame",
    withoutLeaks(async (setup) => {
      const { peer, client } = await setup((req, socket) => {
        socket.write(reply(req, { body: Buffer.alloc(1000) }).subarray(0, 100), () => socket.resetAndDestroy());
      });
      const error = await client.invoke(peer.address, request(), 2000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RocketmqConnectionError);
      expect(["reset", "closed"]).toContain((error as RocketmqConnectionError).failure);
    }),
  );

  it("reports a refused connection with its address", async () => {
    const peer = await fakePeer(() => {});
    await peer.close();
    const client = new RemotingClient();
    onTestFinished(() => client.close());
    const error = await client.invoke(peer.address, request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RocketmqConnectionError);
    expect(error).toMatchObject({ failure: "refused", address: peer.address, status: 502 });
  });

  it("rejects a malformed address without opening anything", async () => {
    const client = new RemotingClient();
    onTestFinished(() => client.close());
    await expect(client.invoke("no-port", request())).rejects.toMatchObject({ kind: "connection", failure: "unreachable" });
  });

  it(
    "fails pending calls when the client closes, and refuses new ones",
    withoutLeaks(async (setup) => {
      const { peer, client } = await setup(() => {});
      const pending = client.invoke(peer.address, request(), 5000).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await client.close();
      expect(await pending).toMatchObject({ failure: "client_closed" });
      await expect(client.invoke(peer.address, request())).rejects.toMatchObject({ failure: "client_closed" });
    }),
  );
});

describe("admin calls against a fake peer", () => {
  it("turns an error code into a RocketmqRemoteError carrying code and remark", async () => {
    const peer = await fakePeer((req, socket) => socket.write(reply(req, { code: 1, remark: "disk full" })));
    const rocketmq = createRocketmqClient();
    try {
      const error = await rocketmq.getClusterInfo(peer.address).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RocketmqRemoteError);
      expect(error).toMatchObject({ remoteCode: 1, remark: "disk full", codeName: "SYSTEM_ERROR" });
    } finally {
      await rocketmq.close();
      await peer.close();
    }
  });

  it("turns a body of the wrong shape into a protocol error", async () => {
    const peer = await fakePeer((req, socket) => socket.write(reply(req, { body: Buffer.from('{"brokerAddrTable":[1,2]}') })));
    const rocketmq = createRocketmqClient();
    try {
      await expect(rocketmq.getClusterInfo(peer.address)).rejects.toBeInstanceOf(RocketmqProtocolError);
    } finally {
      await rocketmq.close();
      await peer.close();
    }
  });

  it("reads cluster info with bare integer keys into groups sorted by brokerId", async () => {
    const body =
      '{"brokerAddrTable":{"g":{"brokerAddrs":{3:"h:3",0:"h:1",2:"h:2"},"brokerName":"g","cluster":"c"}},"clusterAddrTable":{"c":["g"]}}';
    const peer = await fakePeer((req, socket) => socket.write(reply(req, { body: Buffer.from(body) })));
    const rocketmq = createRocketmqClient();
    try {
      expect(await rocketmq.getClusterInfo(peer.address)).toEqual({
        clusters: [
          {
            name: "c",
            brokerGroups: [
              {
                brokerName: "g",
                cluster: "c",
                members: [
                  { brokerId: 0, address: "h:1" },
                  { brokerId: 2, address: "h:2" },
                  { brokerId: 3, address: "h:3" },
                ],
              },
            ],
          },
        ],
      });
    } finally {
      await rocketmq.close();
      await peer.close();
    }
  });

  it("reads DLedger's outer code 200 as success and the body's code as the outcome", async () => {
    const peer = await fakePeer((req, socket) => {
      const asked = JSON.parse(req.body?.toString() ?? "{}") as { remoteId: string };
      const body =
        asked.remoteId === "n0"
          ? { code: 200, group: "g", leaderId: "n1", peers: { n0: "a:1", n1: "a:2" }, term: -1 }
          : { code: 401, leaderId: "n1", term: -1 };
      socket.write(reply(req, { code: 200, body: Buffer.from(JSON.stringify(body)) }));
    });
    const rocketmq = createRocketmqClient();
    try {
      expect(await rocketmq.getDledgerMetadata(peer.address, { group: "g", selfId: "n0" })).toEqual({
        group: "g",
        selfId: "n0",
        leaderId: "n1",
        peers: { n0: "a:1", n1: "a:2" },
      });
      await expect(rocketmq.getDledgerMetadata(peer.address, { group: "g", selfId: "n9" })).rejects.toMatchObject({
        kind: "remote",
        remoteCode: 401,
        codeName: "UNKNOWN_MEMBER",
      });
    } finally {
      await rocketmq.close();
      await peer.close();
    }
  });
});
