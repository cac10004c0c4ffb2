/** Remoting request and response codes the panel uses (RequestCode / ResponseCode of RocketMQ, DLedger's own). */

export const RequestCode = {
  UPDATE_AND_CREATE_TOPIC: 17,
  GET_ALL_TOPIC_CONFIG: 21,
  // 25 UPDATE_BROKER_CONFIG is deliberately absent: it rewrites any broker setting (the CVE-2023-33246 vector).
  GET_BROKER_CONFIG: 26,
  GET_BROKER_RUNTIME_INFO: 28,
  GET_ROUTEINFO_BY_TOPIC: 105,
  GET_BROKER_CLUSTER_INFO: 106,
  UPDATE_AND_CREATE_SUBSCRIPTIONGROUP: 200,
  GET_ALL_SUBSCRIPTIONGROUP_CONFIG: 201,
  GET_TOPIC_STATS_INFO: 202,
  GET_CONSUMER_CONNECTION_LIST: 203,
  GET_ALL_TOPIC_LIST_FROM_NAMESERVER: 206,
  DELETE_SUBSCRIPTIONGROUP: 207,
  GET_CONSUME_STATS: 208,
  DELETE_TOPIC_IN_BROKER: 215,
  DELETE_TOPIC_IN_NAMESRV: 216,
  GET_TOPICS_BY_CLUSTER: 224,
  QUERY_TOPIC_CONSUME_BY_WHO: 300,
  GET_NAMESRV_CONFIG: 319,
} as const;

export const ResponseCode = {
  SUCCESS: 0,
  SYSTEM_ERROR: 1,
  SYSTEM_BUSY: 2,
  REQUEST_CODE_NOT_SUPPORTED: 3,
  NO_PERMISSION: 16,
  TOPIC_NOT_EXIST: 17,
  SUBSCRIPTION_GROUP_NOT_EXIST: 26,
  INVALID_PARAMETER: 29,
  CONSUMER_NOT_ONLINE: 206,
} as const;

/** Codes on a DLedger peer port. The frame is RocketMQ's remoting frame; the header must be JSON (codes exceed int16). */
export const DledgerRequestCode = {
  METADATA: 50000,
  HEART_BEAT: 51002,
  LEADERSHIP_TRANSFER: 51005,
} as const;

/** The outer response code of every DLedger reply; the real outcome is the body's `code`. */
export const DLEDGER_OUTER_SUCCESS = 200;

/** DLedgerResponseCode: the `code` inside a DLedger response body. */
export const DledgerResponseCode: Record<number, string> = {
  200: "SUCCESS",
  300: "TIMEOUT",
  301: "METADATA_ERROR",
  302: "NETWORK_ERROR",
  303: "UNSUPPORTED",
  400: "UNKNOWN_GROUP",
  401: "UNKNOWN_MEMBER",
  402: "UNEXPECTED_MEMBER",
  403: "EXPIRED_TERM",
  404: "NOT_LEADER",
  405: "NOT_FOLLOWER",
  406: "INCONSISTENT_STATE",
  407: "INCONSISTENT_TERM",
  408: "INCONSISTENT_INDEX",
  409: "INCONSISTENT_LEADER",
  410: "INDEX_OUT_OF_RANGE",
  411: "UNEXPECTED_ARGUMENT",
  412: "REPEATED_REQUEST",
  413: "REPEATED_PUSH",
  414: "DISK_ERROR",
  415: "DISK_FULL",
  416: "TERM_NOT_READY",
  417: "FALL_BEHIND_TOO_MUCH",
  418: "TAKE_LEADERSHIP_FAILED",
  419: "INDEX_LESS_THAN_LOCAL_BEGIN",
  420: "REQUEST_WITH_EMPTY_BODYS",
  421: "PUSH_REQUEST_IS_FULL",
  500: "INTERNAL_ERROR",
  501: "TERM_CHANGED",
  502: "WAIT_QUORUM_ACK_TIMEOUT",
  503: "LEADER_PENDING_FULL",
  504: "ILLEGAL_MEMBER_STATE",
  505: "LEADER_NOT_READY",
  506: "LEADER_TRANSFERRING",
};

/** LanguageCode: one byte in the binary header, a name in the JSON header. */
export const LANGUAGES = [
  "JAVA",
  "CPP",
  "DOTNET",
  "PYTHON",
  "DELPHI",
  "ERLANG",
  "RUBY",
  "OTHER",
  "HTTP",
  "GO",
  "PHP",
  "OMS",
  "RUST",
  "NODE_JS",
] as const;
