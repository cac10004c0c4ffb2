import { AppError } from "@/lib/errors";
import { type Message, message } from "@/lib/i18n/message";
import { DledgerRequestCode, DledgerResponseCode, RequestCode, ResponseCode } from "./codes";

/**
 * Every failure of a RocketMQ call is one of four kinds, each with a message an operator can act on.
 * They are AppErrors with HTTP status 502: the panel was fine, the RocketMQ process behind it was not.
 */
export type RocketmqErrorKind = "timeout" | "connection" | "protocol" | "remote";

export abstract class RocketmqError extends AppError {
  abstract readonly kind: RocketmqErrorKind;

  constructor(
    said: Message,
    readonly address: string,
    code: string,
    cause?: unknown,
  ) {
    super(said, 502, code);
    this.name = new.target.name;
    if (cause !== undefined) this.cause = cause;
  }
}

/** No reply within the deadline; the peer may be overloaded, paused (GC, SIGSTOP) or not RocketMQ. */
export class RocketmqTimeoutError extends RocketmqError {
  readonly kind = "timeout";

  constructor(
    address: string,
    readonly requestCode: number,
    readonly timeoutMs: number,
  ) {
    super(message("errors.rocketmq.timeout", { address, request: requestName(requestCode), timeoutMs }), address, "rocketmq_timeout");
  }
}

export type ConnectionFailure = "refused" | "reset" | "closed" | "unreachable" | "connect_timeout" | "client_closed";

/** The TCP connection could not be made or broke before the reply arrived. */
export class RocketmqConnectionError extends RocketmqError {
  readonly kind = "connection";

  constructor(
    address: string,
    readonly failure: ConnectionFailure,
    detail: string,
    cause?: unknown,
  ) {
    super(message("errors.rocketmq.connection", { address, failure, detail }), address, "rocketmq_connection", cause);
  }
}

/** The peer sent bytes that are not a RocketMQ remoting frame, or a body that does not have the expected shape. */
export class RocketmqProtocolError extends RocketmqError {
  readonly kind = "protocol";

  constructor(address: string, detail: string, cause?: unknown) {
    super(message("errors.rocketmq.protocol", { address, detail }), address, "rocketmq_protocol", cause);
  }
}

/** The peer answered with an error code (RocketMQ ResponseCode, or a DLedger body code). */
export class RocketmqRemoteError extends RocketmqError {
  readonly kind = "remote";

  constructor(
    address: string,
    readonly requestCode: number,
    readonly remoteCode: number,
    readonly remark: string | undefined,
    readonly codeName: string,
  ) {
    const values = { address, request: requestName(requestCode), codeName, remoteCode };
    super(
      remark ? message("errors.rocketmq.remoteWithRemark", { ...values, remark }) : message("errors.rocketmq.remote", values),
      address,
      "rocketmq_remote",
    );
  }
}

const REQUEST_NAMES = new Map<number, string>(
  [...Object.entries(RequestCode), ...Object.entries(DledgerRequestCode).map(([name, code]) => [`DLEDGER_${name}`, code] as const)].map(
    ([name, code]) => [code, name],
  ),
);

export function requestName(code: number): string {
  return REQUEST_NAMES.get(code) ?? `request ${code}`;
}

const RESPONSE_NAMES = new Map<number, string>(Object.entries(ResponseCode).map(([name, code]) => [code, name]));

export function responseName(code: number): string {
  return RESPONSE_NAMES.get(code) ?? `response code ${code}`;
}

export function dledgerResponseName(code: number): string {
  return DledgerResponseCode[code] ?? `DLedger code ${code}`;
}
